package org.madang.analytics.transit;

import java.util.SplittableRandom;

/**
 * Trips between the nodes of a network by a doubly constrained gravity model (Wilson 1970): trips from i to j are
 * {@code a_i · O_i · b_j · D_j · exp(−β · t_ij)}, with t the shortest travel time over the network and the balancing
 * factors a, b found by Furness iterations so that each node sends its origins O and receives its destinations D.
 * Trips within a node are not modelled (a bus route serves trips between nodes).
 *
 * <p>The matrix is then made of whole trips. Each origin's total is rounded (largest remainders, so that the grand
 * total is the rounded sum of the origins), and within a row each cell gets the whole part of its expected trips; the
 * trips left over go to the row's cells with probability proportional to their fractions, by systematic sampling from
 * a seeded random start. So the seed decides only how fractions of a trip round, never more than one trip per pair;
 * every row sums exactly to its rounded origins and the columns to their destinations up to rounding.
 */
public final class GravityModel {

  private static final int MAX_BALANCING_ROUNDS = 2_000;
  private static final double BALANCED = 1e-9;

  private GravityModel() {}

  /**
   * Whole trips between the network's nodes.
   *
   * @param origins trips starting at each node
   * @param destinations trips ending at each node; scaled to the origins' total if it differs
   * @param decayPerMinute β: how fast the propensity to travel falls with travel time, per minute (0: not at all)
   * @param seed chooses how fractional trips are rounded
   */
  public static TripDemand trips(TransitNetwork network, double[] origins, double[] destinations, double decayPerMinute, long seed) {
    int n = network.nodeCount();
    check(origins, n, "origins");
    check(destinations, n, "destinations");
    if (!(decayPerMinute >= 0) || Double.isInfinite(decayPerMinute)) {
      throw new IllegalArgumentException("the distance decay must be a non-negative number per minute, not " + decayPerMinute);
    }
    double total = sum(origins);
    double wanted = sum(destinations);
    if (total <= 0 || wanted <= 0) {
      throw new IllegalArgumentException("a gravity model needs some origins and some destinations");
    }
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = destinations[j] * total / wanted;
    }
    double[][] expected = balance(network, origins, d, decayPerMinute);
    return TripDemand.of(whole(expected, origins, seed));
  }

  /** The balanced matrix of expected (fractional) trips. */
  static double[][] balance(TransitNetwork network, double[] origins, double[] destinations, double beta) {
    int n = origins.length;
    double[][] f = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        f[i][j] = i == j ? 0 : Math.exp(-beta * network.shortestTime(i, j));
      }
    }
    double[] a = new double[n];
    double[] b = new double[n];
    java.util.Arrays.fill(b, 1);
    for (int round = 0; round < MAX_BALANCING_ROUNDS; round++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += b[j] * destinations[j] * f[i][j];
        }
        a[i] = s > 0 ? 1 / s : 0;
      }
      double worst = 0;
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += a[i] * origins[i] * f[i][j];
        }
        double next = s > 0 ? 1 / s : 0;
        // the change in b_j is the relative error of column j's total before this update
        worst = Math.max(worst, Math.abs(b[j] * s - 1) * (destinations[j] > 0 ? 1 : 0));
        b[j] = next;
      }
      if (worst < BALANCED) {
        break;
      }
    }
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[i][j] = a[i] * origins[i] * b[j] * destinations[j] * f[i][j];
      }
    }
    return t;
  }

  /** Whole trips: rows rounded to their origins (largest remainders), cells by systematic sampling of fractions. */
  static double[][] whole(double[][] expected, double[] origins, long seed) {
    int n = origins.length;
    long[] rowTotals = largestRemainders(origins);
    SplittableRandom random = new SplittableRandom(seed);
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      double rowSum = 0;
      for (double v : expected[i]) {
        rowSum += v;
      }
      double[] fraction = new double[n];
      long given = 0;
      double fractions = 0;
      for (int j = 0; j < n; j++) {
        double v = rowSum > 0 ? expected[i][j] * rowTotals[i] / rowSum : 0;
        out[i][j] = Math.floor(v);
        given += (long) out[i][j];
        fraction[j] = v - out[i][j];
        fractions += fraction[j];
      }
      long left = rowTotals[i] - given;
      if (left <= 0 || fractions <= 0) {
        continue;
      }
      // systematic sampling: `left` equally spaced marks from a random start along the cumulated fractions
      double step = fractions / left;
      double mark = random.nextDouble() * step;
      double cumulated = 0;
      for (int j = 0; j < n && left > 0; j++) {
        cumulated += fraction[j];
        while (left > 0 && mark < cumulated) {
          out[i][j]++;
          left--;
          mark += step;
        }
      }
    }
    return out;
  }

  /** Whole numbers summing to the rounded total, each within one of its value (Hamilton's method). */
  static long[] largestRemainders(double[] values) {
    int n = values.length;
    long[] out = new long[n];
    long total = Math.round(sum(values));
    long given = 0;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = (long) Math.floor(values[i]);
      given += out[i];
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y] - Math.floor(values[y]), values[x] - Math.floor(values[x])));
    for (int k = 0; given < total && k < n; k++) {
      out[order[k]]++;
      given++;
    }
    return out;
  }

  private static void check(double[] values, int n, String what) {
    if (values == null || values.length != n) {
      throw new IllegalArgumentException("the " + what + " must have one value per node: " + n + " nodes, "
          + (values == null ? 0 : values.length) + " values");
    }
    for (int i = 0; i < n; i++) {
      if (!(values[i] >= 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException("the " + what + " of node " + (i + 1) + " must be a finite number of trips, not " + values[i]);
      }
    }
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
