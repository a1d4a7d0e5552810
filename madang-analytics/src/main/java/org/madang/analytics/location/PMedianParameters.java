package org.madang.analytics.location;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How a {@link PMedianSolver} runs.
 *
 * @param facilities p, how many facilities to open besides the problem's existing ones
 * @param seed the random seed; the same seed on the same problem gives the same solution unless the time limit cuts
 *     the run short
 * @param iterations multi-start iterations (randomised construction, local search, path relinking); Resende and
 *     Werneck's hybrid uses 32
 * @param elitePoolSize how many elite solutions path relinking draws on (10 in Resende and Werneck)
 * @param timeLimit stop after this long with the best solution so far; null for no limit
 * @param cancellation polled in the solver's loops; when it answers true the solver stops with its best solution
 * @param progress told after each iteration
 * @param lowerBound whether to compute the Lagrangian lower bound (it also stops the search early once it proves the
 *     incumbent optimal)
 */
public record PMedianParameters(
    int facilities,
    long seed,
    int iterations,
    int elitePoolSize,
    Duration timeLimit,
    BooleanSupplier cancellation,
    SolverProgress progress,
    boolean lowerBound) {

  public PMedianParameters {
    if (facilities < 0) {
      throw new IllegalArgumentException("p, the number of facilities to open, cannot be negative: " + facilities);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("the solver needs at least one iteration, got " + iterations);
    }
    if (elitePoolSize < 1) {
      throw new IllegalArgumentException("the elite pool needs room for at least one solution, got " + elitePoolSize);
    }
    if (timeLimit != null && timeLimit.isNegative()) {
      throw new IllegalArgumentException("the time limit cannot be negative: " + timeLimit);
    }
    cancellation = cancellation == null ? () -> false : cancellation;
    progress = progress == null ? SolverProgress.NONE : progress;
  }

  /** Open p facilities: seed 0, 32 iterations, elite pool of 10, no time limit, with a lower bound. */
  public static PMedianParameters of(int p) {
    return new PMedianParameters(p, 0L, 32, 10, null, null, null, true);
  }

  public PMedianParameters withSeed(long s) {
    return new PMedianParameters(facilities, s, iterations, elitePoolSize, timeLimit, cancellation, progress, lowerBound);
  }

  public PMedianParameters withIterations(int count) {
    return new PMedianParameters(facilities, seed, count, elitePoolSize, timeLimit, cancellation, progress, lowerBound);
  }

  public PMedianParameters withElitePoolSize(int size) {
    return new PMedianParameters(facilities, seed, iterations, size, timeLimit, cancellation, progress, lowerBound);
  }

  public PMedianParameters withTimeLimit(Duration limit) {
    return new PMedianParameters(facilities, seed, iterations, elitePoolSize, limit, cancellation, progress, lowerBound);
  }

  public PMedianParameters withCancellation(BooleanSupplier cancelled) {
    return new PMedianParameters(facilities, seed, iterations, elitePoolSize, timeLimit, cancelled, progress, lowerBound);
  }

  public PMedianParameters withProgress(SolverProgress listener) {
    return new PMedianParameters(facilities, seed, iterations, elitePoolSize, timeLimit, cancellation, listener, lowerBound);
  }

  public PMedianParameters withLowerBound(boolean compute) {
    return new PMedianParameters(facilities, seed, iterations, elitePoolSize, timeLimit, cancellation, progress, compute);
  }
}
