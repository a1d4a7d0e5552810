/** Ingest speed benchmark (a main class, not a test) and the seeded generator of its input. */
package org.madang.engine.bench;
