package org.madang.analytics.hotspot;

import java.util.Arrays;

/**
 * Density-based clustering (DBSCAN, Ester et al. 1996) of points in projected metre coordinates.
 *
 * <p>Neighbourhoods come from a uniform grid of eps-sized cells: a point's neighbours lie in its own and the eight
 * adjacent cells, so each query looks at a bounded area and a million well-spread points take seconds. Points are
 * sorted by cell once; an open-addressing table maps a cell to its run of points. Labels are deterministic: points are
 * visited in input order, a cluster is grown breadth-first from its first core point (so clusters are numbered by
 * their lowest-index core point), and a border point reachable from two clusters joins the cluster of its nearest core
 * point, ties going to the lowest index: a rule that does not depend on the visiting order, so that a runner clustering
 * the plane in overlapping parts (e.g. on Spark, partitions with a halo) labels border points the same way. Duplicate points are simply points at distance 0.
 *
 * <p>Coordinates that look like longitude/latitude degrees are refused (see {@link ProjectedCoordinates}).
 */
public final class DbscanClustering {

  private DbscanClustering() {}

  /** Clusters the points (x[i], y[i]), in metres. */
  public static DbscanResult run(double[] x, double[] y, DbscanParameters parameters) {
    ProjectedCoordinates.requireFinite(x, y);
    ProjectedCoordinates.requireMetres(x, y, parameters.eps_m(), "narrower than eps =");
    int n = x.length;
    if (n == 0) {
      return new DbscanResult(new int[0], new boolean[0], 0);
    }
    Grid grid = new Grid(x, y, parameters.eps_m());
    double eps2 = parameters.eps_m() * parameters.eps_m();
    int minPoints = parameters.minPoints();
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      core[i] = grid.countWithin(i, eps2, minPoints) >= minPoints;
    }
    int[] labels = new int[n];
    Arrays.fill(labels, DbscanResult.NOISE);
    int[] queue = new int[n];
    int clusters = 0;
    int[] neighbours = new int[16];
    for (int seed = 0; seed < n; seed++) {
      if (!core[seed] || labels[seed] != DbscanResult.NOISE) {
        continue;
      }
      int cluster = clusters++;
      labels[seed] = cluster;
      int head = 0;
      int tail = 0;
      queue[tail++] = seed;
      while (head < tail) {
        int p = queue[head++];
        neighbours = grid.neighbours(p, eps2, neighbours);
        int count = grid.lastCount;
        for (int k = 0; k < count; k++) {
          int q = neighbours[k];
          if (labels[q] == DbscanResult.NOISE) {
            labels[q] = cluster;
            if (core[q]) {
              queue[tail++] = q;
            }
          }
        }
      }
    }
    // a border point joins the cluster of its nearest core point (ties: the lowest index), whatever the visiting order
    for (int p = 0; p < n; p++) {
      if (core[p] || labels[p] == DbscanResult.NOISE) {
        continue;
      }
      neighbours = grid.neighbours(p, eps2, neighbours);
      int count = grid.lastCount;
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < count; k++) {
        int q = neighbours[k];
        if (!core[q]) {
          continue;
        }
        double ex = x[q] - x[p];
        double ey = y[q] - y[p];
        double d2 = ex * ex + ey * ey;
        if (d2 < best || (d2 == best && q < nearest)) {
          best = d2;
          nearest = q;
        }
      }
      labels[p] = labels[nearest];
    }
    return new DbscanResult(labels, core, clusters);
  }

  /** Points bucketed by eps-sized cells: sorted positions plus a cell → run table. */
  static final class Grid {
    private final double[] x;
    private final double[] y;
    private final double minX;
    private final double minY;
    private final double cell;
    private final int[] sorted;
    private final long[] tableKeys;
    private final int[] tableStart;
    private final int[] tableEnd;
    private final int mask;
    int lastCount;

    Grid(double[] x, double[] y, double cellSize) {
      this.x = x;
      this.y = y;
      this.cell = cellSize;
      int n = x.length;
      double mx = Double.POSITIVE_INFINITY;
      double my = Double.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        mx = Math.min(mx, x[i]);
        my = Math.min(my, y[i]);
      }
      this.minX = mx;
      this.minY = my;
      long[] keyed = new long[n];
      long[] keys = new long[n];
      boolean packable = n < (1 << 21);
      for (int i = 0; i < n; i++) {
        if (cellX(x[i]) >= Integer.MAX_VALUE - 1 || cellY(y[i]) >= Integer.MAX_VALUE - 1) {
          throw new IllegalArgumentException(
              "eps = " + cellSize + " m is too small for points spread over such an extent; use a larger eps");
        }
        keys[i] = key(cellX(x[i]), cellY(y[i]));
        packable &= cellX(x[i]) < (1L << 21) && cellY(y[i]) < (1L << 21);
      }
      sorted = new int[n];
      if (packable) {
        for (int i = 0; i < n; i++) {
          keyed[i] = (((long) cellX(x[i]) << 21 | cellY(y[i])) << 21) | i;
        }
        Arrays.sort(keyed);
        for (int i = 0; i < n; i++) {
          sorted[i] = (int) (keyed[i] & ((1L << 21) - 1));
        }
      } else {
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
          boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Integer.compare(a, b));
        for (int i = 0; i < n; i++) {
          sorted[i] = boxed[i];
        }
      }
      int capacity = Integer.highestOneBit(Math.max(4, n * 2)) * 2;
      mask = capacity - 1;
      tableKeys = new long[capacity];
      tableStart = new int[capacity];
      tableEnd = new int[capacity];
      Arrays.fill(tableStart, -1);
      int at = 0;
      while (at < n) {
        long k = keys[sorted[at]];
        int end = at + 1;
        while (end < n && keys[sorted[end]] == k) {
          end++;
        }
        int slot = slot(k);
        while (tableStart[slot] >= 0) {
          slot = (slot + 1) & mask;
        }
        tableKeys[slot] = k;
        tableStart[slot] = at;
        tableEnd[slot] = end;
        at = end;
      }
    }

    private long cellX(double v) {
      return (long) Math.floor((v - minX) / cell);
    }

    private long cellY(double v) {
      return (long) Math.floor((v - minY) / cell);
    }

    /** Cells are at least -1 (a neighbour of the first column) and below 2^31, checked at construction. */
    private static long key(long cx, long cy) {
      return ((cx + 1) << 32) | (cy + 1);
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }

    private int find(long key) {
      int slot = slot(key);
      while (tableStart[slot] >= 0) {
        if (tableKeys[slot] == key) {
          return slot;
        }
        slot = (slot + 1) & mask;
      }
      return -1;
    }

    /** How many points (the point itself included) lie within eps, counting no further than {@code enough}. */
    int countWithin(int p, double eps2, int enough) {
      long cx = cellX(x[p]);
      long cy = cellY(y[p]);
      int count = 0;
      for (long dx = -1; dx <= 1; dx++) {
        for (long dy = -1; dy <= 1; dy++) {
          int slot = find(key(cx + dx, cy + dy));
          if (slot < 0) {
            continue;
          }
          for (int s = tableStart[slot]; s < tableEnd[slot]; s++) {
            int q = sorted[s];
            double ex = x[q] - x[p];
            double ey = y[q] - y[p];
            if (ex * ex + ey * ey <= eps2 && ++count >= enough) {
              return count;
            }
          }
        }
      }
      return count;
    }

    /** The points within eps of p (p included), written to {@code into} (grown if needed); count in lastCount. */
    int[] neighbours(int p, double eps2, int[] into) {
      long cx = cellX(x[p]);
      long cy = cellY(y[p]);
      int count = 0;
      for (long dx = -1; dx <= 1; dx++) {
        for (long dy = -1; dy <= 1; dy++) {
          int slot = find(key(cx + dx, cy + dy));
          if (slot < 0) {
            continue;
          }
          for (int s = tableStart[slot]; s < tableEnd[slot]; s++) {
            int q = sorted[s];
            double ex = x[q] - x[p];
            double ey = y[q] - y[p];
            if (ex * ex + ey * ey <= eps2) {
              if (count == into.length) {
                into = Arrays.copyOf(into, count * 2);
              }
              into[count++] = q;
            }
          }
        }
      }
      lastCount = count;
      return into;
    }
  }
}
