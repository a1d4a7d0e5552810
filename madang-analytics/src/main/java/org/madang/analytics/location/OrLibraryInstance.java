package org.madang.analytics.location;

/**
 * One of Beasley's OR-Library p-median instances: every vertex is both a demand point (weight 1) and a candidate site,
 * and distances are shortest-path lengths in the instance's graph.
 */
public record OrLibraryInstance(String name, int vertexCount, int edgeCount, int p, DistanceMatrix distances) {

  /** The instance as a location problem (unit demand, no existing facilities). */
  public LocationProblem problem() {
    return LocationProblem.of(distances);
  }
}
