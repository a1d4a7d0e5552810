package org.madang.analytics.location;

/**
 * A set covering solution.
 *
 * @param facilities all open sites, existing ones included, ascending
 * @param addedFacilities the sites the solver opened, ascending
 * @param lowerBound at least this many new sites are needed: demand points no two of which share a covering
 *     candidate each need their own
 * @param stopReason why the solver stopped
 * @param iterations restarts run
 * @param seconds wall time
 */
public record SetCoveringSolution(
    int[] facilities, int[] addedFacilities, int lowerBound, StopReason stopReason, int iterations, double seconds) {

  public SetCoveringSolution {
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
}
