/**
 * Benchmarks of the analytics kernels: JMH benchmarks of each kernel alone, and drivers that run a kernel side by side
 * with its peer (PostGIS, Google OR-Tools) in one run on the same seeded input; see docs/BENCHMARKS.md.
 */
package org.madang.bench;
