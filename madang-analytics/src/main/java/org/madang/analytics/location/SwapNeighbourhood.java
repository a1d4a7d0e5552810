package org.madang.analytics.location;

import java.util.Arrays;

/**
 * The swap neighbourhood of a p-median solution with Resende and Werneck's (2007, "A fast swap-based local search
 * procedure for location problems") incremental evaluation. For the current solution S it keeps, per user u, the
 * closest and second-closest open facility (φ1, d1, φ2, d2), and the three tables
 *
 * <pre>
 *   gain(i)     = Σ_u max(0, d1(u) - c(u,i))                        saving from opening candidate i
 *   loss(f)     = Σ_{u: φ1(u) = f} (d2(u) - d1(u))                  cost of closing facility f
 *   extra(i, f) = Σ_{u: φ1(u) = f, c(u,i) &lt; d2(u)} (d2(u) - max(c(u,i), d1(u)))
 * </pre>
 *
 * so that the profit of swapping i in and f out is gain(i) - loss(f) + extra(i, f). After a swap only the users whose
 * φ1 or φ2 changed (φ1 or φ2 was f, or i is closer than d2) are withdrawn from and re-added to the tables; each user's
 * contribution is found through its candidates sorted by cost, stopping at d2. extra is kept as candidates × open
 * slots (not candidates²): the slot of the closed facility is empty once its users are withdrawn and is handed to i.
 *
 * <p>Needs at least two open facilities. Not thread-safe; one instance per solver run.
 */
final class SwapNeighbourhood {

  private final WeightedCosts costs;
  private final int n;
  private final int m;
  private final double[] c;
  private final int[] nearest;
  private final int listLength;
  private final boolean[] fixed;
  private final int q;

  private final boolean[] open;
  private final int[] facilityAt;
  private final int[] slotOf;
  private final double[] d1;
  private final double[] d2;
  private final int[] phi1;
  private final int[] phi2;
  private final double[] gain;
  private final double[] loss;
  private final double[] extra;
  private final boolean[] affected;
  private final int[] affectedList;
  private double objective;
  private final double tolerance;

  int swaps;

  SwapNeighbourhood(WeightedCosts costs, NearestCandidates nearest, boolean[] fixed, int openCount) {
    this.costs = costs;
    this.n = costs.users;
    this.m = costs.candidates;
    this.c = costs.cost;
    this.nearest = nearest.order;
    this.listLength = nearest.length;
    this.fixed = fixed;
    this.q = openCount;
    this.open = new boolean[m];
    this.facilityAt = new int[q];
    this.slotOf = new int[m];
    this.d1 = new double[n];
    this.d2 = new double[n];
    this.phi1 = new int[n];
    this.phi2 = new int[n];
    this.gain = new double[m];
    this.loss = new double[q];
    this.extra = new double[m * q];
    this.affected = new boolean[n];
    this.affectedList = new int[n];
    double max = 0;
    for (double v : c) {
      max = Math.max(max, v);
    }
    this.tolerance = costs.integral ? 0.5 : 1e-9 * Math.max(1.0, max * n);
  }

  /** Makes {@code facilities} (q distinct candidates) the current solution and builds the tables from scratch. */
  void load(int[] facilities) {
    if (facilities.length != q) {
      throw new IllegalStateException("expected " + q + " facilities, got " + facilities.length);
    }
    Arrays.fill(open, false);
    Arrays.fill(slotOf, -1);
    for (int s = 0; s < q; s++) {
      facilityAt[s] = facilities[s];
      slotOf[facilities[s]] = s;
      open[facilities[s]] = true;
    }
    Arrays.fill(gain, 0);
    Arrays.fill(loss, 0);
    Arrays.fill(extra, 0);
    for (int u = 0; u < n; u++) {
      findClosestTwo(u);
      contribute(u, 1.0);
    }
    recomputeObjective();
  }

  double objective() {
    return objective;
  }

  /** The open facilities, sorted. */
  int[] solution() {
    int[] s = facilityAt.clone();
    Arrays.sort(s);
    return s;
  }

  boolean isOpen(int candidate) {
    return open[candidate];
  }

  /**
   * Best-improvement local search: applies the most profitable swap until none improves by more than the tolerance
   * or the clock says stop.
   */
  void improve(SolverClock clock) {
    while (!clock.shouldStop()) {
      long move = bestSwap(null, null);
      if (move < 0) {
        return;
      }
      int in = (int) (move >>> 32);
      int out = (int) move;
      if (profit(in, out) <= tolerance) {
        return;
      }
      swap(in, out);
    }
  }

  /**
   * The best swap (in, out) packed as {@code in << 32 | out}, restricted to the given candidates to open and
   * facilities to close when those masks are not null; fixed facilities never close. -1 when there is no move.
   */
  long bestSwap(boolean[] mayOpen, boolean[] mayClose) {
    double best = Double.NEGATIVE_INFINITY;
    long move = -1;
    int[] closable = new int[q];
    int closableCount = 0;
    for (int s = 0; s < q; s++) {
      int f = facilityAt[s];
      if (!fixed[f] && (mayClose == null || mayClose[f])) {
        closable[closableCount++] = s;
      }
    }
    if (closableCount == 0) {
      return -1;
    }
    double[] negativeLoss = new double[closableCount];
    for (int k = 0; k < closableCount; k++) {
      negativeLoss[k] = -loss[closable[k]];
    }
    for (int i = 0; i < m; i++) {
      if (open[i] || (mayOpen != null && !mayOpen[i])) {
        continue;
      }
      double g = gain[i];
      int row = i * q;
      for (int k = 0; k < closableCount; k++) {
        int s = closable[k];
        double v = g + negativeLoss[k] + extra[row + s];
        if (v > best) {
          best = v;
          move = ((long) i << 32) | facilityAt[s];
        }
      }
    }
    return move;
  }

  /** The decrease in objective from swapping {@code in} for {@code out}. */
  double profit(int in, int out) {
    int s = slotOf[out];
    return gain[in] - loss[s] + extra[in * q + s];
  }

  /** Opens {@code in}, closes {@code out} and brings the tables up to date. */
  void swap(int in, int out) {
    int s = slotOf[out];
    int count = 0;
    int inColumn = in;
    for (int u = 0; u < n; u++) {
      if (phi1[u] == out || phi2[u] == out || c[u * m + inColumn] < d2[u]) {
        affected[u] = true;
        affectedList[count++] = u;
        contribute(u, -1.0);
      }
    }
    for (int i = 0; i < m; i++) {
      extra[i * q + s] = 0;
    }
    loss[s] = 0;
    open[out] = false;
    slotOf[out] = -1;
    open[in] = true;
    slotOf[in] = s;
    facilityAt[s] = in;
    for (int k = 0; k < count; k++) {
      int u = affectedList[k];
      affected[u] = false;
      findClosestTwo(u);
      contribute(u, 1.0);
    }
    swaps++;
    recomputeObjective();
  }

  private void recomputeObjective() {
    double sum = 0;
    for (int u = 0; u < n; u++) {
      sum += d1[u];
    }
    objective = sum;
  }

  /** Adds (sign 1) or withdraws (sign -1) user u's share of gain, loss and extra for its current φ1, d1, d2. */
  private void contribute(int u, double sign) {
    int s = slotOf[phi1[u]];
    double a = d1[u];
    double b = d2[u];
    loss[s] += sign * (b - a);
    int base = u * m;
    int listBase = u * listLength;
    boolean listReachesD2 = listLength == m || c[base + nearest[listBase + listLength - 1]] >= b;
    if (listReachesD2) {
      for (int k = 0; k < listLength; k++) {
        int j = nearest[listBase + k];
        double cj = c[base + j];
        if (cj >= b) {
          break;
        }
        if (cj < a) {
          gain[j] += sign * (a - cj);
        }
        extra[j * q + s] += sign * (b - Math.max(cj, a));
      }
    } else {
      for (int j = 0; j < m; j++) {
        double cj = c[base + j];
        if (cj < b) {
          if (cj < a) {
            gain[j] += sign * (a - cj);
          }
          extra[j * q + s] += sign * (b - Math.max(cj, a));
        }
      }
    }
  }

  private void findClosestTwo(int u) {
    int base = u * m;
    int listBase = u * listLength;
    int first = -1;
    int second = -1;
    for (int k = 0; k < listLength && second < 0; k++) {
      int j = nearest[listBase + k];
      if (open[j]) {
        if (first < 0) {
          first = j;
        } else {
          second = j;
        }
      }
    }
    if (second < 0) {
      first = -1;
      double best = Double.POSITIVE_INFINITY;
      double next = Double.POSITIVE_INFINITY;
      for (int s = 0; s < q; s++) {
        int j = facilityAt[s];
        double v = c[base + j];
        if (v < best || (v == best && j < first)) {
          next = best;
          second = first;
          best = v;
          first = j;
        } else if (v < next || (v == next && j < second)) {
          next = v;
          second = j;
        }
      }
    }
    phi1[u] = first;
    phi2[u] = second;
    d1[u] = c[base + first];
    d2[u] = c[base + second];
  }

  /** Per user, candidates in increasing cost (ties by index), the first {@code length} of them. */
  static final class NearestCandidates {
    final int[] order;
    final int length;

    private NearestCandidates(int[] order, int length) {
      this.order = order;
      this.length = length;
    }

    static NearestCandidates of(WeightedCosts costs) {
      int n = costs.users;
      int m = costs.candidates;
      int length = (int) Math.max(Math.min(m, 8), Math.min(m, 40_000_000L / Math.max(1, n)));
      int[] order = new int[n * length];
      double[] costsOfUser = new double[m];
      for (int u = 0; u < n; u++) {
        System.arraycopy(costs.cost, u * m, costsOfUser, 0, m);
        int[] sorted = sortByCost(costsOfUser);
        System.arraycopy(sorted, 0, order, u * length, length);
      }
      return new NearestCandidates(order, length);
    }

    /** Indices sorted by value (ties by index) through a sort of (rank-of-value, index) keys. */
    static int[] sortByCost(double[] values) {
      int m = values.length;
      double[] sortedValues = values.clone();
      Arrays.sort(sortedValues);
      long[] keys = new long[m];
      for (int j = 0; j < m; j++) {
        int rank = Arrays.binarySearch(sortedValues, values[j]);
        while (rank > 0 && sortedValues[rank - 1] == values[j]) {
          rank--;
        }
        keys[j] = ((long) rank << 32) | j;
      }
      Arrays.sort(keys);
      int[] result = new int[m];
      for (int k = 0; k < m; k++) {
        result[k] = (int) keys[k];
      }
      return result;
    }
  }
}
