/**
 * Where things cluster: global and local spatial autocorrelation (Moran's I, Geary's C, Getis-Ord G, Gi, Gi*, local
 * Moran with LISA quadrants) with analytic and permutation inference and false discovery rate control, kernel density
 * on grids and H3 cells, and DBSCAN clustering on projected coordinates.
 */
package org.madang.analytics.hotspot;
