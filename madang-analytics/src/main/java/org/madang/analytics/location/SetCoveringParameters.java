package org.madang.analytics.location;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How a {@link SetCoveringSolver} runs.
 *
 * @param coverageDistance S: every demand point with positive weight must have an open facility at most this far
 * @param seed seeds the randomised restarts
 * @param iterations restarts (the first is pure greedy)
 * @param timeLimit stop with the best cover so far after this long; null for none
 * @param cancellation polled in the solver's loops
 */
public record SetCoveringParameters(
    double coverageDistance, long seed, int iterations, Duration timeLimit, BooleanSupplier cancellation) {

  public SetCoveringParameters {
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
  }

  /** Coverage distance S, seed 0, 16 restarts, no time limit. */
  public static SetCoveringParameters of(double coverageDistance) {
    return new SetCoveringParameters(coverageDistance, 0L, 16, null, null);
  }

  public SetCoveringParameters withSeed(long s) {
    return new SetCoveringParameters(coverageDistance, s, iterations, timeLimit, cancellation);
  }

  public SetCoveringParameters withIterations(int count) {
    return new SetCoveringParameters(coverageDistance, seed, count, timeLimit, cancellation);
  }

  public SetCoveringParameters withTimeLimit(Duration limit) {
    return new SetCoveringParameters(coverageDistance, seed, iterations, limit, cancellation);
  }

  public SetCoveringParameters withCancellation(BooleanSupplier cancelled) {
    return new SetCoveringParameters(coverageDistance, seed, iterations, timeLimit, cancelled);
  }
}
