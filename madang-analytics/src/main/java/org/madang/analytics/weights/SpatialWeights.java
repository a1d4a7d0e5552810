package org.madang.analytics.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sparse spatial weights matrix over n features: for each feature, its neighbours and their weights, stored as
 * compressed rows (CSR). Features are identified by position 0..n-1 and carry string ids for alignment with data.
 *
 * <p>Immutable. The weights as built are kept, so {@link #transformed(WeightsTransform)} always starts from them, as
 * PySAL's {@code w.transform = ...} does. A feature never lists itself unless {@link #withSelfWeight(double)} added it
 * (Getis-Ord Gi*). A feature without neighbours is an island: its row is empty and its spatial lag is 0.
 */
public final class SpatialWeights {

  private final List<String> ids;
  private final int[] rowStart;
  private final int[] neighbours;
  private final double[] original;
  private final double[] weights;
  private final WeightsTransform transform;
  private volatile double s1 = Double.NaN;

  private SpatialWeights(
      List<String> ids, int[] rowStart, int[] neighbours, double[] original, double[] weights,
      WeightsTransform transform) {
    this.ids = ids;
    this.rowStart = rowStart;
    this.neighbours = neighbours;
    this.original = original;
    this.weights = weights;
    this.transform = transform;
  }

  /**
   * Binary weights from neighbour lists: {@code neighbours[i]} lists the positions of feature i's neighbours. Repeated
   * entries are kept once, and a feature listing itself is refused.
   */
  public static SpatialWeights ofNeighbours(List<String> ids, int[][] neighbours) {
    double[][] ones = new double[neighbours.length][];
    for (int i = 0; i < neighbours.length; i++) {
      ones[i] = new double[neighbours[i].length];
      Arrays.fill(ones[i], 1.0);
    }
    return of(ids, neighbours, ones);
  }

  /** Binary weights from neighbour lists, the ids being the positions "0", "1", ... */
  public static SpatialWeights ofNeighbours(int[][] neighbours) {
    return ofNeighbours(positionIds(neighbours.length), neighbours);
  }

  /**
   * General weights: {@code weights[i][k]} is the weight of neighbour {@code neighbours[i][k]} of feature i. Weights
   * must be finite and not negative; a neighbour listed twice is refused.
   */
  public static SpatialWeights of(List<String> ids, int[][] neighbours, double[][] weights) {
    int n = neighbours.length;
    if (ids.size() != n || weights.length != n) {
      throw new IllegalArgumentException(
          "weights need one id and one weight row per feature: " + ids.size() + " ids, " + n + " neighbour rows, "
              + weights.length + " weight rows");
    }
    if (new java.util.HashSet<>(ids).size() != n) {
      throw new IllegalArgumentException("feature ids must be unique");
    }
    int[] rowStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      if (neighbours[i].length != weights[i].length) {
        throw new IllegalArgumentException("feature " + ids.get(i) + " has a different number of neighbours and weights");
      }
      rowStart[i + 1] = rowStart[i] + neighbours[i].length;
    }
    int[] columns = new int[rowStart[n]];
    double[] values = new double[rowStart[n]];
    for (int i = 0; i < n; i++) {
      int[] row = neighbours[i].clone();
      Integer[] order = new Integer[row.length];
      for (int k = 0; k < row.length; k++) {
        order[k] = k;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(row[a], row[b]));
      for (int k = 0; k < row.length; k++) {
        int j = row[order[k]];
        double w = weights[i][order[k]];
        if (j < 0 || j >= n) {
          throw new IllegalArgumentException("feature " + ids.get(i) + " names neighbour " + j + ", which is not a feature");
        }
        if (j == i) {
          throw new IllegalArgumentException("feature " + ids.get(i) + " lists itself as its own neighbour");
        }
        if (k > 0 && j == columns[rowStart[i] + k - 1]) {
          throw new IllegalArgumentException("feature " + ids.get(i) + " lists neighbour " + ids.get(j) + " twice");
        }
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("the weight between " + ids.get(i) + " and " + ids.get(j) + " is " + w
              + "; weights must be finite and not negative");
        }
        columns[rowStart[i] + k] = j;
        values[rowStart[i] + k] = w;
      }
    }
    return new SpatialWeights(List.copyOf(ids), rowStart, columns, values, values, WeightsTransform.ORIGINAL);
  }

  /** Builds from sorted, validated neighbour sets (package builders); all weights 1. */
  static SpatialWeights ofSortedBinary(List<String> ids, int[][] sortedNeighbours) {
    int n = sortedNeighbours.length;
    int[] rowStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      rowStart[i + 1] = rowStart[i] + sortedNeighbours[i].length;
    }
    int[] columns = new int[rowStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(sortedNeighbours[i], 0, columns, rowStart[i], sortedNeighbours[i].length);
    }
    double[] ones = new double[columns.length];
    Arrays.fill(ones, 1.0);
    return new SpatialWeights(List.copyOf(ids), rowStart, columns, ones, ones, WeightsTransform.BINARY);
  }

  static List<String> positionIds(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  /** The number of features. */
  public int size() {
    return ids.size();
  }

  /** The feature ids, by position. */
  public List<String> ids() {
    return ids;
  }

  /** The id of the feature at a position. */
  public String id(int feature) {
    return ids.get(feature);
  }

  /** The transform applied to the weights as built. */
  public WeightsTransform transform() {
    return transform;
  }

  /** How many neighbours a feature has (its cardinality). */
  public int neighbourCount(int feature) {
    return rowStart[feature + 1] - rowStart[feature];
  }

  /** The position of the k-th neighbour of a feature; neighbours are in increasing position order. */
  public int neighbour(int feature, int k) {
    return neighbours[rowStart[feature] + k];
  }

  /** The weight of the k-th neighbour of a feature. */
  public double weight(int feature, int k) {
    return weights[rowStart[feature] + k];
  }

  /** The positions of a feature's neighbours (a copy). */
  public int[] neighboursOf(int feature) {
    return Arrays.copyOfRange(neighbours, rowStart[feature], rowStart[feature + 1]);
  }

  /** The weight w_ij, 0 when j is not a neighbour of i. */
  public double weightBetween(int i, int j) {
    int k = Arrays.binarySearch(neighbours, rowStart[i], rowStart[i + 1], j);
    return k >= 0 ? weights[k] : 0.0;
  }

  /** The sum of a feature's weights. */
  public double rowSum(int feature) {
    double s = 0;
    for (int k = rowStart[feature]; k < rowStart[feature + 1]; k++) {
      s += weights[k];
    }
    return s;
  }

  /** The number of (directed) neighbour links, the non-zero entries of the matrix. */
  public int linkCount() {
    return neighbours.length;
  }

  /** The positions of features without neighbours. */
  public int[] islands() {
    return java.util.stream.IntStream.range(0, size()).filter(i -> neighbourCount(i) == 0).toArray();
  }

  /** S0, the sum of all weights. */
  public double s0() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }

  /**
   * S1 = ½ Σ_i Σ_j (w_ij + w_ji)², as in Cliff and Ord. One reverse look-up per link; computed once and remembered, as
   * the global statistics each ask for it and weights never change after construction.
   */
  public double s1() {
    double cached = s1;
    if (!Double.isNaN(cached)) {
      return cached;
    }
    double s = 0;
    for (int i = 0; i < size(); i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = neighbours[k];
        int reverse = Arrays.binarySearch(neighbours, rowStart[j], rowStart[j + 1], i);
        double sum = weights[k] + (reverse >= 0 ? weights[reverse] : 0.0);
        s += sum * sum;
        if (reverse < 0) {
          // the ordered pair (j, i) is in no row, as w_ji = 0: it adds (0 + w_ij)² too
          s += weights[k] * weights[k];
        }
      }
    }
    s1 = s / 2.0;
    return s1;
  }

  /** S2 = Σ_i (w_i· + w_·i)², the squared sums of row and column totals. */
  public double s2() {
    int n = size();
    double[] rows = new double[n];
    double[] columns = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        rows[i] += weights[k];
        columns[neighbours[k]] += weights[k];
      }
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      double t = rows[i] + columns[i];
      s += t * t;
    }
    return s;
  }

  /** The spatial lag Σ_j w_ij v_j of every feature. */
  public double[] lag(double[] values) {
    requireSize(values.length);
    double[] lag = new double[size()];
    for (int i = 0; i < size(); i++) {
      double s = 0;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        s += weights[k] * values[neighbours[k]];
      }
      lag[i] = s;
    }
    return lag;
  }

  /** The same neighbours with the weights as built scaled by a transform. */
  public SpatialWeights transformed(WeightsTransform to) {
    if (to == transform) {
      return this;
    }
    double[] scaled = switch (to) {
      case ORIGINAL -> original;
      case BINARY -> {
        double[] ones = new double[original.length];
        Arrays.fill(ones, 1.0);
        yield ones;
      }
      case ROW_STANDARDISED -> {
        double[] r = new double[original.length];
        for (int i = 0; i < size(); i++) {
          double sum = 0;
          for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            sum += original[k];
          }
          for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            r[k] = sum > 0 ? original[k] / sum : 0.0;
          }
        }
        yield r;
      }
    };
    return new SpatialWeights(ids, rowStart, neighbours, original, scaled, to);
  }

  /**
   * The weights as built with every feature added as its own neighbour with the given weight, the structure Getis-Ord
   * Gi* sums over. Features that already list themselves keep their weight.
   */
  public SpatialWeights withSelfWeight(double selfWeight) {
    int n = size();
    int[] start = new int[n + 1];
    int[] columns = new int[neighbours.length + n];
    double[] values = new double[neighbours.length + n];
    int at = 0;
    for (int i = 0; i < n; i++) {
      start[i] = at;
      boolean placed = false;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = neighbours[k];
        if (!placed && j >= i) {
          if (j != i) {
            columns[at] = i;
            values[at++] = selfWeight;
          }
          placed = true;
        }
        columns[at] = j;
        values[at++] = original[k];
      }
      if (!placed) {
        columns[at] = i;
        values[at++] = selfWeight;
      }
    }
    start[n] = at;
    int[] c = Arrays.copyOf(columns, at);
    double[] v = Arrays.copyOf(values, at);
    SpatialWeights built = new SpatialWeights(ids, start, c, v, v, WeightsTransform.ORIGINAL);
    return transform == WeightsTransform.ORIGINAL ? built : built.transformed(transform);
  }

  /** Whether a feature is listed among its own neighbours. */
  public boolean hasSelfWeight(int feature) {
    return Arrays.binarySearch(neighbours, rowStart[feature], rowStart[feature + 1], feature) >= 0;
  }

  /**
   * The same weights with features reordered to follow {@code orderedIds}, e.g. the row order of a data table. Every
   * id must be present exactly once.
   */
  public SpatialWeights alignedTo(List<String> orderedIds) {
    if (orderedIds.size() != size()) {
      throw new IllegalArgumentException(
          "cannot align " + size() + " weighted features to " + orderedIds.size() + " ids");
    }
    Map<String, Integer> oldPosition = new HashMap<>();
    for (int i = 0; i < size(); i++) {
      oldPosition.put(ids.get(i), i);
    }
    int[] newPosition = new int[size()];
    Arrays.fill(newPosition, -1);
    for (int p = 0; p < orderedIds.size(); p++) {
      Integer old = oldPosition.get(orderedIds.get(p));
      if (old == null) {
        throw new IllegalArgumentException("id " + orderedIds.get(p) + " is not among the weighted features");
      }
      if (newPosition[old] >= 0) {
        throw new IllegalArgumentException("id " + orderedIds.get(p) + " appears twice");
      }
      newPosition[old] = p;
    }
    int[][] rows = new int[size()][];
    double[][] rowWeights = new double[size()][];
    for (int old = 0; old < size(); old++) {
      int count = neighbourCount(old);
      int[] r = new int[count];
      double[] w = new double[count];
      for (int k = 0; k < count; k++) {
        r[k] = newPosition[neighbours[rowStart[old] + k]];
        w[k] = original[rowStart[old] + k];
      }
      rows[newPosition[old]] = r;
      rowWeights[newPosition[old]] = w;
    }
    SpatialWeights aligned = of(orderedIds, rows, rowWeights);
    return aligned.transformed(transform);
  }

  /** The same weights under other ids (same order). */
  public SpatialWeights withIds(List<String> newIds) {
    if (newIds.size() != size() || new java.util.HashSet<>(newIds).size() != size()) {
      throw new IllegalArgumentException("need " + size() + " unique ids, got " + newIds.size());
    }
    return new SpatialWeights(List.copyOf(newIds), rowStart, neighbours, original, weights, transform);
  }

  /** Whether w_ij = 0 exactly when w_ji = 0 (the neighbour relation is symmetric). */
  public boolean isSymmetric() {
    for (int i = 0; i < size(); i++) {
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        int j = neighbours[k];
        if (Arrays.binarySearch(neighbours, rowStart[j], rowStart[j + 1], i) < 0) {
          return false;
        }
      }
    }
    return true;
  }

  private void requireSize(int length) {
    if (length != size()) {
      throw new IllegalArgumentException("expected " + size() + " values, one per feature, got " + length);
    }
  }

  @Override
  public String toString() {
    return "SpatialWeights[" + size() + " features, " + linkCount() + " links, " + transform + "]";
  }
}
