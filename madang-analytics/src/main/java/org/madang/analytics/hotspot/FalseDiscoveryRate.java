package org.madang.analytics.hotspot;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg (1995) control of the false discovery rate over many local tests: of the features called
 * significant, the expected share of false discoveries is at most q (for independent or positively dependent tests).
 */
public final class FalseDiscoveryRate {

  private FalseDiscoveryRate() {}

  /**
   * The adjusted p-values ("q-values"): q_(i) = min_{j ≥ i} p_(j) · m / j over the p-values sorted ascending, capped
   * at 1. A test is significant at level q exactly when its adjusted value is at most q. NaN p-values are refused.
   */
  public static double[] adjust(double[] pValues) {
    int m = pValues.length;
    for (int i = 0; i < m; i++) {
      if (!(pValues[i] >= 0 && pValues[i] <= 1)) {
        throw new IllegalArgumentException("p-value " + i + " is " + pValues[i] + "; p-values lie between 0 and 1");
      }
    }
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, pValues[i] * m / rank);
      adjusted[i] = running;
    }
    return adjusted;
  }

  /** Which tests are significant at false discovery rate q. */
  public static boolean[] significant(double[] pValues, double q) {
    double[] adjusted = adjust(pValues);
    boolean[] result = new boolean[adjusted.length];
    for (int i = 0; i < adjusted.length; i++) {
      result[i] = adjusted[i] <= q;
    }
    return result;
  }
}
