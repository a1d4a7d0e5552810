package org.madang.analytics.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PMedianSolverTest {

  static LocationProblem randomPlanarProblem(int demand, int candidates, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] dx = new double[demand];
    double[] dy = new double[demand];
    double[] w = new double[demand];
    for (int i = 0; i < demand; i++) {
      dx[i] = r.nextDouble() * 10_000;
      dy[i] = r.nextDouble() * 10_000;
      w[i] = 1 + r.nextInt(20);
    }
    double[] cx = new double[candidates];
    double[] cy = new double[candidates];
    for (int j = 0; j < candidates; j++) {
      cx[j] = r.nextDouble() * 10_000;
      cy[j] = r.nextDouble() * 10_000;
    }
    return LocationProblem.of(DistanceMatrix.ofPoints(dx, dy, cx, cy, DistanceFunction.EUCLIDEAN), w);
  }

  /** The best objective over all ways to add {@code p} of the non-existing candidates. */
  static double bruteForce(LocationProblem problem, int p) {
    int m = problem.candidateCount();
    int[] existing = problem.existingFacilities();
    boolean[] fixed = new boolean[m];
    for (int f : existing) {
      fixed[f] = true;
    }
    double[] best = {Double.POSITIVE_INFINITY};
    int[] chosen = new int[existing.length + p];
    System.arraycopy(existing, 0, chosen, 0, existing.length);
    enumerate(problem, fixed, chosen, existing.length, 0, best);
    return best[0];
  }

  private static void enumerate(LocationProblem problem, boolean[] fixed, int[] chosen, int at, int from, double[] best) {
    if (at == chosen.length) {
      best[0] = Math.min(best[0], problem.totalWeightedDistance(chosen));
      return;
    }
    for (int j = from; j < problem.candidateCount(); j++) {
      if (!fixed[j]) {
        chosen[at] = j;
        enumerate(problem, fixed, chosen, at + 1, j + 1, best);
      }
    }
  }

  @Test
  void findsTheOptimumOfSmallWeightedInstancesFoundByEnumeration() {
    for (long seed = 1; seed <= 6; seed++) {
      LocationProblem problem = randomPlanarProblem(60, 16, seed);
      for (int p : new int[] {1, 2, 4}) {
        PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(p).withSeed(seed));
        assertThat(s.objective()).as("seed %d, p %d", seed, p).isCloseTo(bruteForce(problem, p), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void addsFacilitiesToAnExistingSetWithoutMovingThem() {
    LocationProblem problem = randomPlanarProblem(80, 15, 21).withExistingFacilities(3, 9);
    PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(2));
    assertThat(s.facilities()).contains(3, 9).hasSize(4);
    assertThat(s.addedFacilities()).hasSize(2).doesNotContain(3, 9);
    assertThat(s.objective()).isCloseTo(bruteForce(problem, 2), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void theSameSeedGivesTheSameSolution() {
    LocationProblem problem = randomPlanarProblem(400, 200, 5);
    PMedianParameters parameters = PMedianParameters.of(15).withSeed(42).withIterations(8);
    PMedianSolution first = PMedianSolver.solve(problem, parameters);
    PMedianSolution second = PMedianSolver.solve(problem, parameters);
    assertThat(second.facilities()).containsExactly(first.facilities());
    assertThat(second.objective()).isEqualTo(first.objective());
    assertThat(second.lowerBound()).isEqualTo(first.lowerBound());
  }

  @Test
  void stopsAtTheTimeLimitWithTheBestSolutionSoFar() {
    LocationProblem problem = randomPlanarProblem(1500, 1500, 6);
    long start = System.nanoTime();
    PMedianSolution s = PMedianSolver.solve(problem,
        PMedianParameters.of(100).withIterations(Integer.MAX_VALUE).withTimeLimit(Duration.ofMillis(400)));
    double wall = (System.nanoTime() - start) / 1e9;
    assertThat(s.stopReason()).isIn(StopReason.TIME_LIMIT, StopReason.PROVEN_OPTIMAL);
    assertThat(s.facilities()).hasSize(100);
    assertThat(wall).isLessThan(6.0);
  }

  @Test
  void aZeroTimeLimitStillReturnsAFeasibleSolution() {
    LocationProblem problem = randomPlanarProblem(200, 100, 8);
    PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(10).withTimeLimit(Duration.ZERO));
    assertThat(s.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    assertThat(s.facilities()).hasSize(10).doesNotHaveDuplicates();
    assertThat(s.objective()).isEqualTo(problem.totalWeightedDistance(s.facilities()));
  }

  @Test
  void stopsWhenCancelledAndReportsProgressBeforeThat() {
    LocationProblem problem = randomPlanarProblem(300, 300, 7);
    AtomicInteger reports = new AtomicInteger();
    PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(20)
        .withIterations(Integer.MAX_VALUE)
        .withLowerBound(false)
        .withProgress((iteration, planned, best, bound) -> reports.incrementAndGet())
        .withCancellation(() -> reports.get() >= 3));
    assertThat(s.stopReason()).isEqualTo(StopReason.CANCELLED);
    assertThat(reports.get()).isEqualTo(3);
    assertThat(s.iterations()).isEqualTo(3);
  }

  @Test
  void provesOptimalityWhenTheLagrangianBoundMeetsTheSolution() {
    LocationProblem problem = randomPlanarProblem(50, 12, 3);
    PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(1));
    assertThat(s.stopReason()).isEqualTo(StopReason.PROVEN_OPTIMAL);
    assertThat(s.gap()).isZero();
  }

  @Test
  void refusesPLargerThanTheCandidatesAndNoFacilitiesAtAll() {
    LocationProblem problem = randomPlanarProblem(10, 4, 1);
    assertThatThrownBy(() -> PMedianSolver.solve(problem, PMedianParameters.of(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p = 5 facilities cannot be chosen from only 4 candidate sites");
    assertThatThrownBy(() -> PMedianSolver.solve(problem.withExistingFacilities(0, 1), PMedianParameters.of(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p = 3 new facilities besides 2 existing ones cannot be chosen from only 4 candidate sites");
    assertThatThrownBy(() -> PMedianSolver.solve(problem, PMedianParameters.of(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p must be at least 1 when there are no existing facilities");
  }

  @Test
  void refusesEmptyDemandNegativeOrMissingWeightsAndBadDistances() {
    assertThatThrownBy(() -> LocationProblem.of(DistanceMatrix.of(new double[0], 0, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the problem has no demand points");
    DistanceMatrix d = DistanceMatrix.of(new double[] {1, 2, 3, 4}, 2, 2);
    assertThatThrownBy(() -> LocationProblem.of(d, new double[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the weight of demand point 1 is -1.0; demand weights must be finite and not negative");
    assertThatThrownBy(() -> LocationProblem.of(d, new double[] {Double.NaN, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the weight of demand point 0 is NaN; demand weights must be finite and not negative");
    LocationProblem nanDistance = LocationProblem.of(DistanceMatrix.of(new double[] {1, Double.NaN, 3, 4}, 2, 2));
    assertThatThrownBy(() -> PMedianSolver.solve(nanDistance, PMedianParameters.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the distance from demand point 0 to candidate 1 is NaN; distances must be finite and not negative");
  }

  @Test
  void demandWithoutWeightDoesNotPullFacilities() {
    DistanceMatrix d = DistanceMatrix.of(new double[] {0, 10, 10, 0}, 2, 2);
    PMedianSolution s = PMedianSolver.solve(LocationProblem.of(d, new double[] {0, 5}), PMedianParameters.of(1));
    assertThat(s.facilities()).containsExactly(1);
    assertThat(s.objective()).isZero();
  }
}
