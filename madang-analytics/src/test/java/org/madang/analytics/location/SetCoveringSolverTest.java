package org.madang.analytics.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SetCoveringSolverTest {

  private static boolean coversAll(LocationProblem problem, double s, int[] open) {
    double[] w = problem.demandWeights();
    for (int u = 0; u < problem.demandCount(); u++) {
      if (w[u] == 0) {
        continue;
      }
      boolean covered = false;
      for (int j : open) {
        covered |= problem.distances().distance(u, j) <= s;
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private static int smallestCover(LocationProblem problem, double s) {
    int m = problem.candidateCount();
    int best = Integer.MAX_VALUE;
    for (int mask = 1; mask < (1 << m); mask++) {
      int size = Integer.bitCount(mask);
      if (size >= best) {
        continue;
      }
      int[] open = new int[size];
      int k = 0;
      for (int j = 0; j < m; j++) {
        if ((mask & (1 << j)) != 0) {
          open[k++] = j;
        }
      }
      if (coversAll(problem, s, open)) {
        best = size;
      }
    }
    return best;
  }

  @Test
  void coversAllDemandWithTheFewestFacilitiesOnSmallInstances() {
    int checked = 0;
    for (long seed = 1; seed <= 8; seed++) {
      LocationProblem problem = PMedianSolverTest.randomPlanarProblem(100, 16, seed);
      double s = 4500;
      SetCoveringSolution solution;
      try {
        solution = SetCoveringSolver.solve(problem, SetCoveringParameters.of(s));
      } catch (IllegalArgumentException uncoverable) {
        continue;
      }
      assertThat(coversAll(problem, s, solution.facilities())).isTrue();
      assertThat(solution.facilities().length).as("seed %d", seed).isEqualTo(smallestCover(problem, s));
      assertThat(solution.lowerBound()).isLessThanOrEqualTo(solution.facilities().length);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  @Test
  void countsDemandAlreadyCoveredByExistingFacilities() {
    LocationProblem problem = PMedianSolverTest.randomPlanarProblem(100, 16, 3).withExistingFacilities(0, 1);
    SetCoveringSolution solution = SetCoveringSolver.solve(problem, SetCoveringParameters.of(6000));
    assertThat(solution.facilities()).contains(0, 1);
    assertThat(coversAll(problem, 6000, solution.facilities())).isTrue();
  }

  @Test
  void refusesDemandNoCandidateCanCover() {
    DistanceMatrix d = DistanceMatrix.of(new double[] {1, 2, 50, 60}, 2, 2);
    assertThatThrownBy(() -> SetCoveringSolver.solve(LocationProblem.of(d), SetCoveringParameters.of(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("demand point 1 is farther than 10.0 from every candidate site, so no set of facilities covers all demand");
  }
}
