package org.madang.analytics.transit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.madang.analytics.location.SolverProgress;

/**
 * How a {@link RouteDesigner} runs.
 *
 * @param routes how many routes to design
 * @param minStops the fewest nodes a route may have (at least 2)
 * @param maxStops the most nodes a route may have
 * @param transferPenalty minutes added to a journey for each transfer (5 in the literature)
 * @param operatorWeight minutes of ATT one minute of total route length is worth: 0 designs for passengers alone,
 *     larger values trade passengers' time for a cheaper network
 * @param seed the random seed; the same seed on the same instance gives the same design when the moves run out
 *     before the time limit (near the limit the cooling follows the clock) and nothing cancels the run
 * @param iterations moves tried in all, shared among the restarts
 * @param restarts independent annealing runs, each from its own initial route set
 * @param timeLimit stop after this long with the best design so far; null for no limit
 * @param cancellation polled in the designer's loops; when it answers true the designer stops with its best design
 * @param progress told every few hundred moves (iteration, iterations, best objective, passenger lower bound)
 */
public record RouteDesignParameters(
    int routes,
    int minStops,
    int maxStops,
    double transferPenalty,
    double operatorWeight,
    long seed,
    int iterations,
    int restarts,
    Duration timeLimit,
    BooleanSupplier cancellation,
    SolverProgress progress) {

  public RouteDesignParameters {
    if (routes < 1) {
      throw new IllegalArgumentException("the number of routes must be at least 1, got " + routes);
    }
    if (minStops < 2) {
      throw new IllegalArgumentException("a route needs at least 2 stops, so the minimum cannot be " + minStops);
    }
    if (maxStops < minStops) {
      throw new IllegalArgumentException("the maximum number of stops (" + maxStops
          + ") is below the minimum (" + minStops + ")");
    }
    if (!(transferPenalty >= 0) || Double.isInfinite(transferPenalty)) {
      throw new IllegalArgumentException("the transfer penalty must be a non-negative number of minutes, not "
          + transferPenalty);
    }
    if (!(operatorWeight >= 0) || Double.isInfinite(operatorWeight)) {
      throw new IllegalArgumentException("the operator weight must be a non-negative number, not " + operatorWeight);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("the designer needs at least one iteration, got " + iterations);
    }
    if (restarts < 1 || restarts > iterations) {
      throw new IllegalArgumentException("restarts must be between 1 and the number of iterations, got " + restarts);
    }
    if (timeLimit != null && timeLimit.isNegative()) {
      throw new IllegalArgumentException("the time limit cannot be negative: " + timeLimit);
    }
    cancellation = cancellation == null ? () -> false : cancellation;
    progress = progress == null ? SolverProgress.NONE : progress;
  }

  /**
   * Design {@code routes} routes of 2 to {@code maxStops} stops for passengers: 5-minute transfer penalty, seed 0,
   * 400,000 moves over 4 restarts, no time limit.
   */
  public static RouteDesignParameters of(int routes, int maxStops) {
    return new RouteDesignParameters(routes, 2, maxStops, RouteSetEvaluator.DEFAULT_TRANSFER_PENALTY, 0, 0L,
        400_000, 4, null, null, null);
  }

  public RouteDesignParameters withStops(int min, int max) {
    return new RouteDesignParameters(routes, min, max, transferPenalty, operatorWeight, seed, iterations, restarts,
        timeLimit, cancellation, progress);
  }

  public RouteDesignParameters withTransferPenalty(double minutes) {
    return new RouteDesignParameters(routes, minStops, maxStops, minutes, operatorWeight, seed, iterations, restarts,
        timeLimit, cancellation, progress);
  }

  public RouteDesignParameters withOperatorWeight(double weight) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, weight, seed, iterations, restarts,
        timeLimit, cancellation, progress);
  }

  public RouteDesignParameters withSeed(long s) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, operatorWeight, s, iterations,
        restarts, timeLimit, cancellation, progress);
  }

  public RouteDesignParameters withIterations(int count, int restartCount) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, operatorWeight, seed, count,
        restartCount, timeLimit, cancellation, progress);
  }

  public RouteDesignParameters withTimeLimit(Duration limit) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, operatorWeight, seed, iterations,
        restarts, limit, cancellation, progress);
  }

  public RouteDesignParameters withCancellation(BooleanSupplier cancelled) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, operatorWeight, seed, iterations,
        restarts, timeLimit, cancelled, progress);
  }

  public RouteDesignParameters withProgress(SolverProgress listener) {
    return new RouteDesignParameters(routes, minStops, maxStops, transferPenalty, operatorWeight, seed, iterations,
        restarts, timeLimit, cancellation, listener);
  }
}
