package org.madang.analytics.location;

import java.util.Arrays;

/**
 * A facility location problem: distances from demand points to candidate sites, a weight per demand point (people,
 * trips, calls), and the candidates that already host a facility (kept open by every solver; empty for a green-field
 * plan).
 */
public record LocationProblem(DistanceMatrix distances, double[] demandWeights, int[] existingFacilities) {

  public LocationProblem {
    if (distances == null) {
      throw new IllegalArgumentException("a location problem needs a distance matrix");
    }
    if (distances.demandCount() == 0) {
      throw new IllegalArgumentException("the problem has no demand points");
    }
    if (distances.candidateCount() == 0) {
      throw new IllegalArgumentException("the problem has no candidate sites");
    }
    if (demandWeights.length != distances.demandCount()) {
      throw new IllegalArgumentException("there are " + demandWeights.length + " demand weights for "
          + distances.demandCount() + " demand points");
    }
    for (int i = 0; i < demandWeights.length; i++) {
      if (!(demandWeights[i] >= 0) || Double.isInfinite(demandWeights[i])) {
        throw new IllegalArgumentException("the weight of demand point " + i + " is " + demandWeights[i]
            + "; demand weights must be finite and not negative");
      }
    }
    demandWeights = demandWeights.clone();
    existingFacilities = existingFacilities.clone();
    boolean[] seen = new boolean[distances.candidateCount()];
    for (int f : existingFacilities) {
      if (f < 0 || f >= seen.length) {
        throw new IllegalArgumentException("existing facility " + f + " is not one of the " + seen.length + " candidates");
      }
      if (seen[f]) {
        throw new IllegalArgumentException("existing facility " + f + " is listed twice");
      }
      seen[f] = true;
    }
  }

  /** Every demand point weighs 1, no existing facilities. */
  public static LocationProblem of(DistanceMatrix distances) {
    double[] ones = new double[distances.demandCount()];
    Arrays.fill(ones, 1.0);
    return new LocationProblem(distances, ones, new int[0]);
  }

  /** Weighted demand, no existing facilities. */
  public static LocationProblem of(DistanceMatrix distances, double[] demandWeights) {
    return new LocationProblem(distances, demandWeights, new int[0]);
  }

  /** The same problem with these candidates already hosting facilities. */
  public LocationProblem withExistingFacilities(int... candidates) {
    return new LocationProblem(distances, demandWeights, candidates);
  }

  @Override
  public double[] demandWeights() {
    return demandWeights.clone();
  }

  @Override
  public int[] existingFacilities() {
    return existingFacilities.clone();
  }

  public int demandCount() {
    return distances.demandCount();
  }

  public int candidateCount() {
    return distances.candidateCount();
  }

  /** Σ_d w_d · min over the given open sites of distance(d, site). */
  public double totalWeightedDistance(int[] openSites) {
    if (openSites.length == 0) {
      throw new IllegalArgumentException("no facility is open");
    }
    double total = 0;
    for (int d = 0; d < demandCount(); d++) {
      if (demandWeights[d] == 0) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (int s : openSites) {
        best = Math.min(best, distances.distance(d, s));
      }
      total += demandWeights[d] * best;
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocationProblem other && distances.equals(other.distances)
        && Arrays.equals(demandWeights, other.demandWeights)
        && Arrays.equals(existingFacilities, other.existingFacilities);
  }

  @Override
  public int hashCode() {
    return distances.hashCode() * 31 + Arrays.hashCode(demandWeights) * 17 + Arrays.hashCode(existingFacilities);
  }

  @Override
  public String toString() {
    return "LocationProblem[" + demandCount() + " demand points, " + candidateCount() + " candidates, "
        + existingFacilities.length + " existing facilities]";
  }
}
