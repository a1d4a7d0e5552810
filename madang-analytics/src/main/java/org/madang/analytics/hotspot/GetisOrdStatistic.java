package org.madang.analytics.hotspot;

/** Global Getis-Ord G with its moments under normality (Getis and Ord 1992), as esda's {@code G}; p one-tailed. */
public record GetisOrdStatistic(double g, double expected, double variance, double z, double p) {}
