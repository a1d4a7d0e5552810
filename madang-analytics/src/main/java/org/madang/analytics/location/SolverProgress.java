package org.madang.analytics.location;

/** Told after each solver iteration; called on the solver's thread, so keep it quick. */
@FunctionalInterface
public interface SolverProgress {

  SolverProgress NONE = (iteration, iterations, best, bound) -> {};

  /**
   * @param iteration iterations done so far
   * @param iterations iterations planned
   * @param bestObjective the best objective found so far
   * @param bound the best bound known so far (lower for minimising, upper for maximising), NaN when none
   */
  void onProgress(int iteration, int iterations, double bestObjective, double bound);
}
