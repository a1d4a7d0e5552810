package org.madang.analytics.transit;

import java.util.SplittableRandom;

/**
 * A synthetic instance for scalability tests only, not a real city: a grid of {@code side × side} nodes with some
 * links removed (keeping it connected) and a few diagonals, link times of 2–9 minutes, and gravity-model demand (trips
 * between two nodes proportional to random node weights over the square of their shortest travel time).
 */
final class SyntheticCity {

  private SyntheticCity() {}

  static TransitInstance grid(int side, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = side * side;
    double[][] times = new double[n][n];
    for (double[] row : times) {
      java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (int v = 0; v < n; v++) {
      times[v][v] = 0;
      int x = v % side;
      int y = v / side;
      if (x + 1 < side && random.nextDouble() < 0.85) {
        link(times, v, v + 1, 2 + random.nextInt(8));
      }
      if (y + 1 < side && random.nextDouble() < 0.85) {
        link(times, v, v + side, 2 + random.nextInt(8));
      }
      if (x + 1 < side && y + 1 < side && random.nextDouble() < 0.1) {
        link(times, v, v + side + 1, 4 + random.nextInt(8));
      }
    }
    // every node keeps a link to its left or upper neighbour, so the grid stays connected
    for (int v = 1; v < n; v++) {
      int x = v % side;
      int y = v / side;
      boolean left = x > 0 && times[v][v - 1] < Double.POSITIVE_INFINITY;
      boolean up = y > 0 && times[v][v - side] < Double.POSITIVE_INFINITY;
      if (!left && !up) {
        link(times, v, x > 0 ? v - 1 : v - side, 2 + random.nextInt(8));
      }
    }
    TransitNetwork network = TransitNetwork.of(times);
    double[] weight = new double[n];
    for (int v = 0; v < n; v++) {
      weight[v] = 1 + random.nextInt(20);
    }
    double[][] trips = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) {
          double t = network.shortestTime(i, j);
          trips[i][j] = Math.round(weight[i] * weight[j] * 100 / (t * t));
        }
      }
    }
    return new TransitInstance("synthetic-grid-" + side, network, TripDemand.of(trips));
  }

  private static void link(double[][] times, int a, int b, double t) {
    times[a][b] = t;
    times[b][a] = t;
  }
}
