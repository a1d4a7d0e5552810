package org.madang.analytics.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaximalCoveringSolverTest {

  private static double bestCoverage(LocationProblem problem, int p, double s) {
    double[] best = {0};
    int[] chosen = new int[problem.existingFacilities().length + p];
    System.arraycopy(problem.existingFacilities(), 0, chosen, 0, problem.existingFacilities().length);
    enumerate(problem, s, chosen, problem.existingFacilities().length, 0, best);
    return best[0];
  }

  private static void enumerate(LocationProblem problem, double s, int[] chosen, int at, int from, double[] best) {
    if (at == chosen.length) {
      best[0] = Math.max(best[0], covered(problem, s, chosen));
      return;
    }
    for (int j = from; j < problem.candidateCount(); j++) {
      boolean existing = false;
      for (int e : problem.existingFacilities()) {
        existing |= e == j;
      }
      if (!existing) {
        chosen[at] = j;
        enumerate(problem, s, chosen, at + 1, j + 1, best);
      }
    }
  }

  static double covered(LocationProblem problem, double s, int[] open) {
    double total = 0;
    double[] w = problem.demandWeights();
    for (int u = 0; u < problem.demandCount(); u++) {
      for (int j : open) {
        if (problem.distances().distance(u, j) <= s) {
          total += w[u];
          break;
        }
      }
    }
    return total;
  }

  @Test
  void findsTheBestCoverageOfSmallInstancesFoundByEnumeration() {
    for (long seed = 1; seed <= 6; seed++) {
      LocationProblem problem = PMedianSolverTest.randomPlanarProblem(120, 18, seed);
      for (int p : new int[] {1, 3, 5}) {
        CoveringSolution s = MaximalCoveringSolver.solve(problem, MaximalCoveringParameters.of(p, 1800));
        assertThat(s.coveredDemand()).as("seed %d p %d", seed, p).isCloseTo(bestCoverage(problem, p, 1800), within(1e-9));
        assertThat(covered(problem, 1800, s.facilities())).isCloseTo(s.coveredDemand(), within(1e-9));
        assertThat(s.upperBound()).isGreaterThanOrEqualTo(s.coveredDemand());
      }
    }
  }

  @Test
  void keepsExistingFacilitiesOpenAndAddsTheRequestedNumber() {
    LocationProblem problem = PMedianSolverTest.randomPlanarProblem(150, 20, 9).withExistingFacilities(4);
    CoveringSolution s = MaximalCoveringSolver.solve(problem, MaximalCoveringParameters.of(3, 1500));
    assertThat(s.facilities()).contains(4).hasSize(4);
    assertThat(s.addedFacilities()).hasSize(3);
    assertThat(s.coveredDemand()).isCloseTo(bestCoverage(problem, 3, 1500), within(1e-9));
  }

  @Test
  void honoursItsTimeLimitOnALargeInstance() {
    LocationProblem problem = PMedianSolverTest.randomPlanarProblem(3000, 1500, 2);
    long start = System.nanoTime();
    CoveringSolution s = MaximalCoveringSolver.solve(problem,
        MaximalCoveringParameters.of(40, 700).withIterations(1_000_000).withTimeLimit(Duration.ofMillis(300)));
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(6);
    assertThat(s.addedFacilities()).hasSize(40);
  }

  @Test
  void refusesPLargerThanTheCandidates() {
    LocationProblem problem = PMedianSolverTest.randomPlanarProblem(10, 3, 1);
    assertThatThrownBy(() -> MaximalCoveringSolver.solve(problem, MaximalCoveringParameters.of(4, 100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p = 4 facilities cannot be chosen from only 3 candidate sites");
  }
}
