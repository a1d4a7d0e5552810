package org.madang.analytics.location;

/**
 * The solvers' working copy of a problem: demand points with positive weight only, and c(u, j) = w_u · d(u, j) in one
 * row-major array. Checks every distance once.
 */
final class WeightedCosts {

  /** Largest n × m the in-memory solvers accept (8 bytes each). */
  static final long MAXIMUM_ENTRIES = 60_000_000L;

  final int users;
  final int candidates;
  final double[] cost;
  final int[] demandOfUser;
  final boolean integral;

  private WeightedCosts(int users, int candidates, double[] cost, int[] demandOfUser, boolean integral) {
    this.users = users;
    this.candidates = candidates;
    this.cost = cost;
    this.demandOfUser = demandOfUser;
    this.integral = integral;
  }

  static WeightedCosts of(LocationProblem problem) {
    DistanceMatrix d = problem.distances();
    double[] w = problem.demandWeights();
    int m = d.candidateCount();
    int users = 0;
    for (double v : w) {
      if (v > 0) {
        users++;
      }
    }
    if ((long) users * m > MAXIMUM_ENTRIES) {
      throw new IllegalArgumentException(users + " demand points × " + m
          + " candidates is too large for the in-memory solvers; aggregate demand or thin the candidates first");
    }
    int[] demandOfUser = new int[users];
    double[] cost = new double[users * m];
    boolean integral = true;
    int u = 0;
    for (int i = 0; i < w.length; i++) {
      if (w[i] == 0) {
        continue;
      }
      demandOfUser[u] = i;
      int base = u * m;
      for (int j = 0; j < m; j++) {
        double dist = d.distance(i, j);
        if (!(dist >= 0) || Double.isInfinite(dist)) {
          throw new IllegalArgumentException("the distance from demand point " + i + " to candidate " + j + " is "
              + dist + "; distances must be finite and not negative");
        }
        double c = w[i] * dist;
        cost[base + j] = c;
        integral &= c == Math.rint(c) && c < 1e15;
      }
      u++;
    }
    return new WeightedCosts(users, m, cost, demandOfUser, integral);
  }

  /** Σ_u min over open sites of c(u, j). */
  double objective(int[] open) {
    double total = 0;
    for (int u = 0; u < users; u++) {
      double best = Double.POSITIVE_INFINITY;
      int base = u * candidates;
      for (int j : open) {
        best = Math.min(best, cost[base + j]);
      }
      total += best;
    }
    return total;
  }
}
