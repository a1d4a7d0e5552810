package org.madang.analytics.weights;

import java.util.Arrays;
import java.util.List;

/**
 * Binary weights from point positions: a distance band (every other point within a threshold) or the k nearest
 * neighbours. Distances are Euclidean in the coordinates' own units, so project longitude/latitude first. Both use a
 * k-d tree, O(n log n) for well-spread points.
 *
 * <p>Duplicate points are fine: a point at distance 0 is a neighbour like any other (never the point itself).
 */
public final class DistanceWeights {

  private DistanceWeights() {}

  /**
   * Every pair of points at most {@code threshold} apart are neighbours (inclusive, as PySAL's {@code DistanceBand}).
   * Points without any neighbour within the band are islands.
   */
  public static SpatialWeights distanceBand(List<String> ids, double[] x, double[] y, double threshold) {
    requirePoints(ids, x, y);
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("the distance band must be a positive finite distance, got " + threshold);
    }
    KdTree tree = new KdTree(x, y);
    int[][] rows = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      rows[i] = tree.within(i, threshold);
    }
    return SpatialWeights.ofSortedBinary(ids, rows);
  }

  /** {@link #distanceBand(List, double[], double[], double)} with the positions as ids. */
  public static SpatialWeights distanceBand(double[] x, double[] y, double threshold) {
    return distanceBand(SpatialWeights.positionIds(x.length), x, y, threshold);
  }

  /**
   * Each point's k nearest other points are its neighbours (ties at the k-th distance broken by position). The
   * relation is not symmetric: j may be among i's nearest without i being among j's.
   */
  public static SpatialWeights nearestNeighbours(List<String> ids, double[] x, double[] y, int k) {
    requirePoints(ids, x, y);
    if (k < 1) {
      throw new IllegalArgumentException("k nearest neighbours needs k of at least 1, got " + k);
    }
    if (k >= x.length) {
      throw new IllegalArgumentException(
          "k = " + k + " nearest neighbours needs more than k points, but there are " + x.length);
    }
    KdTree tree = new KdTree(x, y);
    int[][] rows = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      int[] near = tree.nearest(i, k);
      Arrays.sort(near);
      rows[i] = near;
    }
    return SpatialWeights.ofSortedBinary(ids, rows);
  }

  /** {@link #nearestNeighbours(List, double[], double[], int)} with the positions as ids. */
  public static SpatialWeights nearestNeighbours(double[] x, double[] y, int k) {
    return nearestNeighbours(SpatialWeights.positionIds(x.length), x, y, k);
  }

  private static void requirePoints(List<String> ids, double[] x, double[] y) {
    if (x.length != y.length || ids.size() != x.length) {
      throw new IllegalArgumentException(
          "need as many ids, x and y values: " + ids.size() + " ids, " + x.length + " x, " + y.length + " y");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("there are no points to build weights for");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + ids.get(i) + " has no finite coordinates (" + x[i] + ", " + y[i] + ")");
      }
    }
  }
}
