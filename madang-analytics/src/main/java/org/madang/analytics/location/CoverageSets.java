package org.madang.analytics.location;

import java.util.ArrayList;
import java.util.List;

/**
 * Who covers whom within a coverage distance: for each candidate the demand points (with positive weight) at most S
 * away, and for each such demand point the candidates. Shared by the covering solvers.
 */
final class CoverageSets {

  final int[][] demandsOf;
  final int[][] candidatesOf;
  final double[] weight;
  final double totalDemand;

  private CoverageSets(int[][] demandsOf, int[][] candidatesOf, double[] weight, double totalDemand) {
    this.demandsOf = demandsOf;
    this.candidatesOf = candidatesOf;
    this.weight = weight;
    this.totalDemand = totalDemand;
  }

  static CoverageSets of(LocationProblem problem, double coverageDistance) {
    if (!(coverageDistance >= 0) || Double.isInfinite(coverageDistance)) {
      throw new IllegalArgumentException("the coverage distance must be finite and not negative, got " + coverageDistance);
    }
    DistanceMatrix d = problem.distances();
    int n = problem.demandCount();
    int m = problem.candidateCount();
    double[] weight = problem.demandWeights();
    List<List<Integer>> byCandidate = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      byCandidate.add(new ArrayList<>());
    }
    int[][] candidatesOf = new int[n][];
    double total = 0;
    int[] scratch = new int[m];
    for (int u = 0; u < n; u++) {
      if (weight[u] == 0) {
        candidatesOf[u] = new int[0];
        continue;
      }
      total += weight[u];
      int count = 0;
      for (int j = 0; j < m; j++) {
        double dist = d.distance(u, j);
        if (!(dist >= 0) || Double.isInfinite(dist)) {
          throw new IllegalArgumentException("the distance from demand point " + u + " to candidate " + j + " is "
              + dist + "; distances must be finite and not negative");
        }
        if (dist <= coverageDistance) {
          scratch[count++] = j;
          byCandidate.get(j).add(u);
        }
      }
      candidatesOf[u] = java.util.Arrays.copyOf(scratch, count);
    }
    int[][] demandsOf = new int[m][];
    for (int j = 0; j < m; j++) {
      demandsOf[j] = byCandidate.get(j).stream().mapToInt(Integer::intValue).toArray();
    }
    return new CoverageSets(demandsOf, candidatesOf, weight, total);
  }
}
