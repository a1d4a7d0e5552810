package org.madang.analytics.location;

/** A distance between two points given by their coordinates; must be finite and not negative. */
@FunctionalInterface
public interface DistanceFunction {

  /** Straight-line distance in the coordinates' units. */
  DistanceFunction EUCLIDEAN = (x1, y1, x2, y2) -> Math.hypot(x2 - x1, y2 - y1);

  double between(double x1, double y1, double x2, double y2);
}
