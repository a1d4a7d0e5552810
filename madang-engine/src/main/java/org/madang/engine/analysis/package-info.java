/**
 * Runs the analytics kernels (hot spots, kernel density, DBSCAN, p-median, maximal covering, set covering, bus route
 * design) over catalog datasets: reads their rows by SQL, projects longitude/latitude to metres, and stages the result
 * as a new dataset version with its lineage, through the same path as an upload.
 */
package org.madang.engine.analysis;
