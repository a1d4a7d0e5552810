package org.madang.analytics.hotspot;

import org.madang.analytics.weights.SpatialWeights;

/**
 * Global spatial autocorrelation statistics over a weights matrix, used as given: transform it first
 * ({@code weights.transformed(ROW_STANDARDISED)} is esda's default for Moran and Geary; Getis-Ord's G is defined for
 * binary weights). Formulas follow PySAL's esda so that its published test values are reproduced.
 */
public final class GlobalAutocorrelation {

  private GlobalAutocorrelation() {}

  /** Global Moran's I = n / S0 · Σ_ij w_ij z_i z_j / Σ z_i², z the deviations from the mean. */
  public static MoranStatistic moran(double[] values, SpatialWeights weights) {
    requireValues(values, weights, 4);
    int n = values.length;
    double[] z = deviations(values);
    double z2 = 0;
    double z4 = 0;
    for (double v : z) {
      z2 += v * v;
      z4 += v * v * v * v;
    }
    double[] lag = weights.lag(z);
    double cross = 0;
    for (int i = 0; i < n; i++) {
      cross += z[i] * lag[i];
    }
    double s0 = weights.s0();
    double s1 = weights.s1();
    double s2 = weights.s2();
    if (s0 == 0) {
      throw new IllegalArgumentException("the weights link no features, so Moran's I is undefined");
    }
    double i = n / s0 * cross / z2;
    double expected = -1.0 / (n - 1);
    double nn = (double) n * n;
    double s02 = s0 * s0;
    double varianceNormal = (nn * s1 - n * s2 + 3 * s02) / ((n - 1.0) * (n + 1.0) * s02) - expected * expected;
    double kurtosis = (z4 / n) / ((z2 / n) * (z2 / n));
    double a = n * ((nn - 3 * n + 3) * s1 - n * s2 + 3 * s02);
    double b = kurtosis * ((nn - n) * s1 - 2 * n * s2 + 6 * s02);
    double varianceRandomisation = (a - b) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) - expected * expected;
    double zNormal = (i - expected) / Math.sqrt(varianceNormal);
    double zRandomisation = (i - expected) / Math.sqrt(varianceRandomisation);
    return new MoranStatistic(
        i, expected, varianceNormal, varianceRandomisation, zNormal, zRandomisation,
        NormalDistribution.oneSidedP(zNormal), NormalDistribution.oneSidedP(zRandomisation));
  }

  /** Global Geary's C = (n-1) Σ_ij w_ij (y_i - y_j)² / (2 S0 Σ z_i²). */
  public static GearyStatistic geary(double[] values, SpatialWeights weights) {
    requireValues(values, weights, 4);
    int n = values.length;
    double[] z = deviations(values);
    double z2 = 0;
    double z4 = 0;
    for (double v : z) {
      z2 += v * v;
      z4 += v * v * v * v;
    }
    double squaredDifferences = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < weights.neighbourCount(i); k++) {
        double d = values[i] - values[weights.neighbour(i, k)];
        squaredDifferences += weights.weight(i, k) * d * d;
      }
    }
    double s0 = weights.s0();
    double s1 = weights.s1();
    double s2 = weights.s2();
    if (s0 == 0) {
      throw new IllegalArgumentException("the weights link no features, so Geary's C is undefined");
    }
    double c = (n - 1) * squaredDifferences / (2.0 * s0 * z2);
    double s02 = s0 * s0;
    double nn = (double) n * n;
    double k = (z4 / n) / ((z2 / n) * (z2 / n));
    double a = (n - 1) * s1 * (nn - 3 * n + 3 - (n - 1) * k);
    double b = 0.25 * ((n - 1) * s2 * (nn + 3 * n - 6 - (nn - n + 2) * k));
    double cc = s02 * (nn - 3 - (n - 1.0) * (n - 1.0) * k);
    double varianceRandomisation = (a - b + cc) / (n * (n - 2.0) * (n - 3.0) * s02);
    double varianceNormal = (1.0 / (2.0 * (n + 1) * s02)) * ((2 * s1 + s2) * (n - 1) - 4 * s02);
    double zNormal = (c - 1.0) / Math.sqrt(varianceNormal);
    double zRandomisation = (c - 1.0) / Math.sqrt(varianceRandomisation);
    return new GearyStatistic(
        c, 1.0, varianceNormal, varianceRandomisation, zNormal, zRandomisation,
        NormalDistribution.oneSidedP(zNormal), NormalDistribution.oneSidedP(zRandomisation));
  }

  /**
   * Global Getis-Ord G = Σ_ij w_ij y_i y_j / Σ_{i≠j} y_i y_j, for non-negative values, with the normal-approximation
   * moments of Getis and Ord (1992). Pass binary weights, as esda does.
   */
  public static GetisOrdStatistic getisOrd(double[] values, SpatialWeights weights) {
    requireValues(values, weights, 4);
    int n = values.length;
    double sum = 0;
    double sum2 = 0;
    double sum3 = 0;
    double sum4 = 0;
    for (double v : values) {
      if (v < 0) {
        throw new IllegalArgumentException("Getis-Ord G needs values that are not negative, got " + v);
      }
      sum += v;
      sum2 += v * v;
      sum3 += v * v * v;
      sum4 += v * v * v * v;
    }
    double[] lag = weights.lag(values);
    double numerator = 0;
    for (int i = 0; i < n; i++) {
      numerator += values[i] * lag[i];
    }
    double denominator = sum * sum - sum2;
    double g = numerator / denominator;
    double s0 = weights.s0();
    double s1 = weights.s1();
    double s2 = weights.s2();
    double s02 = s0 * s0;
    double nn = (double) n * n;
    double expected = s0 / (n * (n - 1.0));
    double b0 = (nn - 3 * n + 3) * s1 - n * s2 + 3 * s02;
    double b1 = -((nn - n) * s1 - 2 * n * s2 + 6 * s02);
    double b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s02);
    double b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s02;
    double b4 = s1 - s2 + s02;
    double eg2 = b0 * sum2 * sum2 + b1 * sum4 + b2 * sum * sum * sum2 + b3 * sum * sum3 + b4 * sum * sum * sum * sum;
    eg2 /= denominator * denominator * n * (n - 1.0) * (n - 2.0) * (n - 3.0);
    double variance = eg2 - expected * expected;
    double z = (g - expected) / Math.sqrt(variance);
    return new GetisOrdStatistic(g, expected, variance, z, NormalDistribution.oneSidedP(z));
  }

  static double[] deviations(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double[] z = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      z[i] = values[i] - mean;
    }
    return z;
  }

  static void requireValues(double[] values, SpatialWeights weights, int minimum) {
    if (values.length != weights.size()) {
      throw new IllegalArgumentException(
          "there are " + values.length + " values for " + weights.size() + " weighted features; they must match");
    }
    if (values.length < minimum) {
      throw new IllegalArgumentException(
          "spatial autocorrelation needs at least " + minimum + " features, got " + values.length);
    }
    boolean allEqual = true;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(
            "the value of feature " + weights.id(i) + " is " + values[i] + "; every feature needs a finite number");
      }
      allEqual &= values[i] == values[0];
    }
    if (allEqual) {
      throw new IllegalArgumentException("all values are equal, so there is no spatial pattern to measure");
    }
  }
}
