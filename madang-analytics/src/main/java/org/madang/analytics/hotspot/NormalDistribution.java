package org.madang.analytics.hotspot;

/** The standard normal distribution's tails, to double precision, for p-values. */
final class NormalDistribution {

  private static final double SQRT_PI = Math.sqrt(Math.PI);

  private NormalDistribution() {}

  /** P(Z > z). */
  static double upperTail(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return 0.5 * erfc(z / Math.sqrt(2.0));
  }

  /** P(Z <= z). */
  static double cdf(double z) {
    return upperTail(-z);
  }

  /** P(Z > |z|): the one-sided p-value of a z-score in its own direction, as esda reports it. */
  static double oneSidedP(double z) {
    return upperTail(Math.abs(z));
  }

  /**
   * The complementary error function: a Maclaurin series for |x| < 2 (where erfc is not small, so 1 - erf loses
   * nothing) and the Laplace continued fraction, evaluated backwards, beyond.
   */
  static double erfc(double x) {
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < 2.0) {
      double term = x;
      double sum = x;
      double x2 = x * x;
      for (int n = 1; n < 200; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      return 1.0 - 2.0 / SQRT_PI * sum;
    }
    if (x > 27) {
      return 0.0;
    }
    double t = x;
    for (int k = 200; k >= 1; k--) {
      t = x + (k / 2.0) / t;
    }
    return Math.exp(-x * x) / SQRT_PI / t;
  }
}
