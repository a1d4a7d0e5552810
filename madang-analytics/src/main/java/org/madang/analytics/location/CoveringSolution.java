package org.madang.analytics.location;

/**
 * A maximal covering solution.
 *
 * @param facilities all open sites, existing ones included, ascending
 * @param addedFacilities the sites the solver opened, ascending
 * @param coveredDemand the demand weight within the coverage distance of an open site
 * @param totalDemand all demand weight
 * @param upperBound no p new sites can cover more than this: the existing coverage plus the p largest single-site
 *     additions (coverage is submodular), capped at the total
 * @param stopReason why the solver stopped
 * @param iterations restarts run
 * @param seconds wall time
 */
public record CoveringSolution(
    int[] facilities,
    int[] addedFacilities,
    double coveredDemand,
    double totalDemand,
    double upperBound,
    StopReason stopReason,
    int iterations,
    double seconds) {

  public CoveringSolution {
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

  /** The covered share of all demand, 0..1. */
  public double coveredShare() {
    return totalDemand == 0 ? 1.0 : coveredDemand / totalDemand;
  }
}
