package org.madang.analytics.weights;

import java.util.Arrays;

/**
 * A static 2-D k-d tree over point positions, for k-nearest and fixed-radius neighbour queries in O(log n) expected
 * time per query. The tree is an implicit balanced layout of a permutation of the points (median splits, alternating
 * axes), so it needs no node objects. Immutable after construction; queries are thread-safe.
 */
final class KdTree {

  private final double[] x;
  private final double[] y;
  private final int[] order;

  KdTree(double[] x, double[] y) {
    this.x = x;
    this.y = y;
    this.order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    build(0, order.length, 0);
  }

  private void build(int from, int to, int depth) {
    if (to - from <= 1) {
      return;
    }
    int mid = (from + to) >>> 1;
    select(from, to - 1, mid, depth & 1);
    build(from, mid, depth + 1);
    build(mid + 1, to, depth + 1);
  }

  private double coordinate(int point, int axis) {
    return axis == 0 ? x[point] : y[point];
  }

  /** Quickselect: places the k-th smallest (by axis, ties by index) at position k. */
  private void select(int left, int right, int k, int axis) {
    while (right > left) {
      int pivotIndex = (left + right) >>> 1;
      int pivot = order[pivotIndex];
      double pv = coordinate(pivot, axis);
      swap(pivotIndex, right);
      int store = left;
      for (int i = left; i < right; i++) {
        int p = order[i];
        double v = coordinate(p, axis);
        if (v < pv || (v == pv && p < pivot)) {
          swap(store++, i);
        }
      }
      swap(right, store);
      if (store == k) {
        return;
      } else if (store < k) {
        left = store + 1;
      } else {
        right = store - 1;
      }
    }
  }

  private void swap(int a, int b) {
    int t = order[a];
    order[a] = order[b];
    order[b] = t;
  }

  /**
   * The k points nearest to point {@code query}, itself excluded, nearest first; equal distances are ordered by
   * position, so the answer is deterministic. Fewer than k when there are fewer other points.
   */
  int[] nearest(int query, int k) {
    int want = Math.min(k, x.length - 1);
    int[] bestPoint = new int[want];
    double[] bestDistance = new double[want];
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    Arrays.fill(bestPoint, Integer.MAX_VALUE);
    if (want > 0) {
      searchNearest(0, order.length, 0, query, bestPoint, bestDistance);
    }
    return bestPoint;
  }

  private void searchNearest(int from, int to, int depth, int query, int[] bestPoint, double[] bestDistance) {
    if (from >= to) {
      return;
    }
    int mid = (from + to) >>> 1;
    int p = order[mid];
    if (p != query) {
      offer(p, squaredDistance(p, query), bestPoint, bestDistance);
    }
    int axis = depth & 1;
    double delta = coordinate(query, axis) - coordinate(p, axis);
    boolean leftFirst = delta < 0 || (delta == 0 && query < p);
    if (leftFirst) {
      searchNearest(from, mid, depth + 1, query, bestPoint, bestDistance);
      if (delta * delta <= bestDistance[bestDistance.length - 1]) {
        searchNearest(mid + 1, to, depth + 1, query, bestPoint, bestDistance);
      }
    } else {
      searchNearest(mid + 1, to, depth + 1, query, bestPoint, bestDistance);
      if (delta * delta <= bestDistance[bestDistance.length - 1]) {
        searchNearest(from, mid, depth + 1, query, bestPoint, bestDistance);
      }
    }
  }

  private static void offer(int point, double distance, int[] bestPoint, double[] bestDistance) {
    int last = bestPoint.length - 1;
    if (distance > bestDistance[last] || (distance == bestDistance[last] && point > bestPoint[last])) {
      return;
    }
    int i = last;
    while (i > 0
        && (bestDistance[i - 1] > distance || (bestDistance[i - 1] == distance && bestPoint[i - 1] > point))) {
      bestDistance[i] = bestDistance[i - 1];
      bestPoint[i] = bestPoint[i - 1];
      i--;
    }
    bestDistance[i] = distance;
    bestPoint[i] = point;
  }

  /** The points within {@code radius} (inclusive) of point {@code query}, itself excluded, in increasing position. */
  int[] within(int query, double radius) {
    IntList found = new IntList();
    searchWithin(0, order.length, 0, x[query], y[query], radius * radius, query, found);
    int[] result = found.toArray();
    Arrays.sort(result);
    return result;
  }

  private void searchWithin(
      int from, int to, int depth, double qx, double qy, double r2, int query, IntList found) {
    if (from >= to) {
      return;
    }
    int mid = (from + to) >>> 1;
    int p = order[mid];
    double dx = x[p] - qx;
    double dy = y[p] - qy;
    if (p != query && dx * dx + dy * dy <= r2) {
      found.add(p);
    }
    double delta = (depth & 1) == 0 ? qx - x[p] : qy - y[p];
    if (delta <= 0 || delta * delta <= r2) {
      searchWithin(from, mid, depth + 1, qx, qy, r2, query, found);
    }
    if (delta >= 0 || delta * delta <= r2) {
      searchWithin(mid + 1, to, depth + 1, qx, qy, r2, query, found);
    }
  }

  private double squaredDistance(int a, int b) {
    double dx = x[a] - x[b];
    double dy = y[a] - y[b];
    return dx * dx + dy * dy;
  }

  /** A growable int array, to avoid boxing in queries. */
  static final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    int get(int i) {
      return values[i];
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
