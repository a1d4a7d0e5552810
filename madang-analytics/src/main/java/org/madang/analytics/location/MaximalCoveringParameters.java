package org.madang.analytics.location;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How a {@link MaximalCoveringSolver} runs.
 *
 * @param facilities p, how many facilities to open besides the existing ones
 * @param coverageDistance S: a demand point is covered when an open facility is at most this far (same unit as the
 *     distance matrix)
 * @param seed seeds the randomised restarts
 * @param iterations restarts: the first is pure greedy, the others pick at random among near-best candidates; each is
 *     followed by swap local search
 * @param timeLimit stop with the best solution so far after this long; null for none
 * @param cancellation polled in the solver's loops
 * @param progress told after each restart
 */
public record MaximalCoveringParameters(
    int facilities,
    double coverageDistance,
    long seed,
    int iterations,
    Duration timeLimit,
    BooleanSupplier cancellation,
    SolverProgress progress) {

  public MaximalCoveringParameters {
    if (facilities < 1) {
      throw new IllegalArgumentException("p, the number of facilities to open, must be at least 1, got " + facilities);
    }
    if (!(coverageDistance >= 0) || Double.isInfinite(coverageDistance)) {
      throw new IllegalArgumentException("the coverage distance must be finite and not negative, got " + coverageDistance);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("the solver needs at least one iteration, got " + iterations);
    }
    if (timeLimit != null && timeLimit.isNegative()) {
      throw new IllegalArgumentException("the time limit cannot be negative: " + timeLimit);
    }
    cancellation = cancellation == null ? () -> false : cancellation;
    progress = progress == null ? SolverProgress.NONE : progress;
  }

  /** p facilities, coverage distance S, seed 0, 16 restarts, no time limit. */
  public static MaximalCoveringParameters of(int p, double coverageDistance) {
    return new MaximalCoveringParameters(p, coverageDistance, 0L, 16, null, null, null);
  }

  public MaximalCoveringParameters withSeed(long s) {
    return new MaximalCoveringParameters(facilities, coverageDistance, s, iterations, timeLimit, cancellation, progress);
  }

  public MaximalCoveringParameters withIterations(int count) {
    return new MaximalCoveringParameters(facilities, coverageDistance, seed, count, timeLimit, cancellation, progress);
  }

  public MaximalCoveringParameters withTimeLimit(Duration limit) {
    return new MaximalCoveringParameters(facilities, coverageDistance, seed, iterations, limit, cancellation, progress);
  }

  public MaximalCoveringParameters withCancellation(BooleanSupplier cancelled) {
    return new MaximalCoveringParameters(facilities, coverageDistance, seed, iterations, timeLimit, cancelled, progress);
  }

  public MaximalCoveringParameters withProgress(SolverProgress listener) {
    return new MaximalCoveringParameters(facilities, coverageDistance, seed, iterations, timeLimit, cancellation, listener);
  }
}
