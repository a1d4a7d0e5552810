package org.madang.analytics.hotspot;

/**
 * Global Moran's I with its moments under the normality and randomisation assumptions (Cliff and Ord 1981), computed
 * as PySAL's esda {@code Moran} does. p-values are one-tailed in the direction of z; double them for a two-tailed test.
 */
public record MoranStatistic(
    double i,
    double expected,
    double varianceNormal,
    double varianceRandomisation,
    double zNormal,
    double zRandomisation,
    double pNormal,
    double pRandomisation) {}
