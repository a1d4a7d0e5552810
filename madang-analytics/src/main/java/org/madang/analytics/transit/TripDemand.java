package org.madang.analytics.transit;

import java.util.Arrays;

/** Trips wanted between nodes: an origin-destination matrix of non-negative demand (trips on the diagonal are ignored). */
public final class TripDemand {

  private final int n;
  private final double[] trips;
  private final double total;

  private TripDemand(int n, double[] trips) {
    this.n = n;
    this.trips = trips;
    double sum = 0;
    for (double t : trips) {
      sum += t;
    }
    this.total = sum;
  }

  /** Demand from its matrix: {@code trips[i][j]} trips from node i to node j. */
  public static TripDemand of(double[][] trips) {
    int n = trips.length;
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (trips[i].length != n) {
        throw new IllegalArgumentException("the demand matrix is not square: row " + (i + 1) + " has "
            + trips[i].length + " values for " + n + " nodes");
      }
      for (int j = 0; j < n; j++) {
        double t = trips[i][j];
        if (!(t >= 0) || Double.isInfinite(t)) {
          throw new IllegalArgumentException("the demand from node " + (i + 1) + " to node " + (j + 1)
              + " must be a finite number of trips, not " + t);
        }
        flat[i * n + j] = i == j ? 0 : t;
      }
    }
    return new TripDemand(n, flat);
  }

  public int nodeCount() {
    return n;
  }

  public double trips(int from, int to) {
    return trips[from * n + to];
  }

  /** All trips between different nodes. */
  public double total() {
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TripDemand other && Arrays.equals(trips, other.trips);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(trips);
  }

  @Override
  public String toString() {
    return "TripDemand[" + n + " nodes, " + total + " trips]";
  }
}
