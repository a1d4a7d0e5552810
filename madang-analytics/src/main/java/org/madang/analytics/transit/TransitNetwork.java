package org.madang.analytics.transit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A street (or rail) network that buses can run on: nodes 0…n-1 and undirected links with travel times in minutes.
 * Travel times must be symmetric and non-negative, and every node must be reachable from every other.
 */
public final class TransitNetwork {

  private final int n;
  private final double[] linkTime;
  private final int[][] neighbours;
  private final double[] shortestTime;

  private TransitNetwork(int n, double[] linkTime) {
    this.n = n;
    this.linkTime = linkTime;
    this.neighbours = new int[n][];
    for (int i = 0; i < n; i++) {
      List<Integer> list = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (j != i && linkTime[i * n + j] < Double.POSITIVE_INFINITY) {
          list.add(j);
        }
      }
      neighbours[i] = list.stream().mapToInt(Integer::intValue).toArray();
    }
    this.shortestTime = allPairsShortestTimes();
  }

  /**
   * A network from its matrix of link travel times: {@code times[i][j]} is the time of the link between nodes i and j,
   * {@link Double#POSITIVE_INFINITY} (or NaN) when there is none; the diagonal is ignored.
   */
  public static TransitNetwork of(double[][] times) {
    int n = times.length;
    if (n < 2) {
      throw new IllegalArgumentException("a transit network needs at least two nodes, got " + n);
    }
    double[] link = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (times[i].length != n) {
        throw new IllegalArgumentException("the travel-time matrix is not square: row " + (i + 1) + " has "
            + times[i].length + " values for " + n + " nodes");
      }
      for (int j = 0; j < n; j++) {
        double t = Double.isNaN(times[i][j]) ? Double.POSITIVE_INFINITY : times[i][j];
        if (i != j && t < 0) {
          throw new IllegalArgumentException("the travel time from node " + (i + 1) + " to node " + (j + 1)
              + " is negative: " + t);
        }
        link[i * n + j] = i == j ? 0 : t;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Double.compare(link[i * n + j], link[j * n + i]) != 0) {
          throw new IllegalArgumentException("travel times must be symmetric, but node " + (i + 1) + " to node "
              + (j + 1) + " takes " + link[i * n + j] + " and the way back " + link[j * n + i]);
        }
      }
    }
    return new TransitNetwork(n, link);
  }

  public int nodeCount() {
    return n;
  }

  /** Whether a link joins nodes i and j (i ≠ j). */
  public boolean linked(int i, int j) {
    return i != j && linkTime[i * n + j] < Double.POSITIVE_INFINITY;
  }

  /** The travel time of the link between i and j, infinite when there is none. */
  public double linkTime(int i, int j) {
    return linkTime[i * n + j];
  }

  /** The nodes linked to node i, ascending. */
  public int[] neighbours(int i) {
    return neighbours[i].clone();
  }

  int[] neighboursView(int i) {
    return neighbours[i];
  }

  /** The number of undirected links. */
  public int linkCount() {
    int links = 0;
    for (int[] list : neighbours) {
      links += list.length;
    }
    return links / 2;
  }

  /** The shortest travel time from i to j over the links. */
  public double shortestTime(int i, int j) {
    return shortestTime[i * n + j];
  }

  private double[] allPairsShortestTimes() {
    double[] d = linkTime.clone();
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        double dik = d[i * n + k];
        if (dik == Double.POSITIVE_INFINITY) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          double via = dik + d[k * n + j];
          if (via < d[i * n + j]) {
            d[i * n + j] = via;
          }
        }
      }
    }
    for (int j = 1; j < n; j++) {
      if (d[j] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("the network is disconnected: node " + (j + 1)
            + " cannot be reached from node 1");
      }
    }
    return d;
  }

  @Override
  public String toString() {
    return "TransitNetwork[" + n + " nodes, " + linkCount() + " links]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransitNetwork other && Arrays.equals(linkTime, other.linkTime);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(linkTime);
  }
}
