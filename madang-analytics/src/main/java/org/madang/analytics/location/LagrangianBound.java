package org.madang.analytics.location;

import java.util.Arrays;

/**
 * A lower bound on the p-median objective by Lagrangian relaxation of the assignment constraints Σ_j x_uj = 1 with
 * multipliers λ_u ≥ 0 (Cornuéjols, Fisher and Nemhauser 1977; Beasley 1985 solved the OR-Library instances with it):
 *
 * <pre>
 *   L(λ) = Σ_u λ_u + Σ_{j open} ρ_j,   ρ_j = Σ_u min(0, c(u,j) - λ_u)
 * </pre>
 *
 * where the relaxed problem opens the existing facilities and the p other candidates with the smallest ρ_j. Every L(λ)
 * is a valid lower bound; subgradient optimisation (g_u = 1 - #{open j : c(u,j) &lt; λ_u}, Polyak steps
 * θ (UB - L) / |g|², θ halved after 20 steps without progress, stop below θ = 0.001) pushes it up towards the linear
 * programming bound. Only pairs with c(u,j) &lt; λ_u contribute, so each step walks each user's candidates in cost
 * order and stops at λ_u: a step costs far less than n × m. The LP bound is tight for many p-median instances with
 * large p and leaves a gap of about 1% for small p, where the bound cannot prove optimality.
 */
final class LagrangianBound {

  private LagrangianBound() {}

  /**
   * The best bound found within {@code maxIterations} subgradient steps or the clock, starting from multipliers
   * {@code start} (e.g. each user's cost in a good solution).
   */
  static double compute(
      WeightedCosts costs, SwapNeighbourhood.NearestCandidates nearest, boolean[] fixed, int toOpen,
      double upperBound, double[] start, int maxIterations, SolverClock clock) {
    int n = costs.users;
    int m = costs.candidates;
    double[] c = costs.cost;
    int length = nearest.length;
    int[] order = nearest.order;
    double[] lambda = start.clone();
    double[] rho = new double[m];
    double[] subgradient = new double[n];
    boolean[] openInRelaxation = new boolean[m];
    double[] freeRho = new double[m];
    double best = Double.NEGATIVE_INFINITY;
    double theta = 2.0;
    int sinceImprovement = 0;
    double proofMargin = costs.integral ? 1 - 1e-6 : 1e-9 * Math.abs(upperBound);
    for (int iteration = 0; iteration < maxIterations && theta > 1e-3; iteration++) {
      if (clock.shouldStop()) {
        break;
      }
      double value = 0;
      Arrays.fill(rho, 0);
      for (int u = 0; u < n; u++) {
        double l = lambda[u];
        value += l;
        int base = u * m;
        int listBase = u * length;
        if (length == m || c[base + order[listBase + length - 1]] >= l) {
          for (int k = 0; k < length; k++) {
            int j = order[listBase + k];
            double v = c[base + j] - l;
            if (v >= 0) {
              break;
            }
            rho[j] += v;
          }
        } else {
          for (int j = 0; j < m; j++) {
            double v = c[base + j] - l;
            if (v < 0) {
              rho[j] += v;
            }
          }
        }
      }
      int free = 0;
      for (int j = 0; j < m; j++) {
        openInRelaxation[j] = fixed[j];
        if (fixed[j]) {
          value += rho[j];
        } else {
          freeRho[free++] = rho[j];
        }
      }
      if (toOpen > 0) {
        double threshold = kthSmallest(freeRho, free, toOpen - 1);
        int opened = 0;
        for (int j = 0; j < m && opened < toOpen; j++) {
          if (!fixed[j] && rho[j] < threshold) {
            openInRelaxation[j] = true;
            value += rho[j];
            opened++;
          }
        }
        for (int j = 0; j < m && opened < toOpen; j++) {
          if (!fixed[j] && rho[j] == threshold) {
            openInRelaxation[j] = true;
            value += rho[j];
            opened++;
          }
        }
      }
      if (iteration == 0 || value > best + 1e-12 * Math.abs(best)) {
        best = Math.max(best, value);
        sinceImprovement = 0;
      } else if (++sinceImprovement >= 20) {
        theta /= 2;
        sinceImprovement = 0;
      }
      if (best >= upperBound - proofMargin) {
        break;
      }
      double norm = 0;
      for (int u = 0; u < n; u++) {
        double l = lambda[u];
        int base = u * m;
        int listBase = u * length;
        int assigned = 0;
        if (length == m || c[base + order[listBase + length - 1]] >= l) {
          for (int k = 0; k < length; k++) {
            int j = order[listBase + k];
            if (c[base + j] >= l) {
              break;
            }
            if (openInRelaxation[j]) {
              assigned++;
            }
          }
        } else {
          for (int j = 0; j < m; j++) {
            if (c[base + j] < l && openInRelaxation[j]) {
              assigned++;
            }
          }
        }
        subgradient[u] = 1.0 - assigned;
        norm += subgradient[u] * subgradient[u];
      }
      if (norm == 0) {
        break;
      }
      double step = theta * (upperBound - value) / norm;
      for (int u = 0; u < n; u++) {
        lambda[u] = Math.max(0, lambda[u] + step * subgradient[u]);
      }
    }
    return best;
  }

  /** The k-th smallest (0-based) of the first {@code size} values; reorders them. */
  static double kthSmallest(double[] values, int size, int k) {
    int left = 0;
    int right = size - 1;
    while (left < right) {
      double pivot = values[(left + right) >>> 1];
      int i = left;
      int j = right;
      while (i <= j) {
        while (values[i] < pivot) {
          i++;
        }
        while (values[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = values[i];
          values[i] = values[j];
          values[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        right = j;
      } else if (k >= i) {
        left = i;
      } else {
        return values[k];
      }
    }
    return values[k];
  }
}
