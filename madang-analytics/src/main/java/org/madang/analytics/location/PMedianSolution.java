package org.madang.analytics.location;

import java.util.Arrays;

/**
 * A p-median solution.
 *
 * @param facilities all open candidate sites, existing ones included, ascending
 * @param addedFacilities the sites the solver opened, ascending
 * @param objective Σ_d w_d · distance to the nearest open site
 * @param lowerBound a proven lower bound on the best possible objective, NaN when none was computed
 * @param stopReason why the solver stopped
 * @param iterations multi-start iterations run
 * @param seconds wall time of the solve
 * @param secondsToBest wall time until this solution was first found
 */
public record PMedianSolution(
    int[] facilities,
    int[] addedFacilities,
    double objective,
    double lowerBound,
    StopReason stopReason,
    int iterations,
    double seconds,
    double secondsToBest) {

  public PMedianSolution {
    facilities = facilities.clone();
    addedFacilities = addedFacilities.clone();
  }

  @Override
  public int[] facilities() {
    return facilities.clone();
  }

  @Override
  public int[] addedFacilities() {
    return addedFacilities.clone();
  }

  /** (objective - lower bound) / objective, 0 when proven optimal, NaN without a bound. */
  public double gap() {
    if (Double.isNaN(lowerBound)) {
      return Double.NaN;
    }
    return objective == 0 ? 0 : Math.max(0, (objective - lowerBound) / objective);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PMedianSolution s && Arrays.equals(facilities, s.facilities)
        && Arrays.equals(addedFacilities, s.addedFacilities) && objective == s.objective
        && Double.compare(lowerBound, s.lowerBound) == 0 && stopReason == s.stopReason && iterations == s.iterations;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(facilities) * 31 + Double.hashCode(objective);
  }

  @Override
  public String toString() {
    return "PMedianSolution[objective=" + objective + ", lowerBound=" + lowerBound + ", facilities="
        + Arrays.toString(facilities) + ", " + stopReason + ", " + iterations + " iterations, " + seconds + " s]";
  }
}
