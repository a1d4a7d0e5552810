package org.madang.analytics.hotspot;

/**
 * Global Geary's C (expected value 1) with its moments under normality and randomisation, as esda's {@code Geary}.
 * C below 1 means positive autocorrelation. p-values are one-tailed in the direction of z.
 */
public record GearyStatistic(
    double c,
    double expected,
    double varianceNormal,
    double varianceRandomisation,
    double zNormal,
    double zRandomisation,
    double pNormal,
    double pRandomisation) {}
