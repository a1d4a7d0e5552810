package org.madang.analytics.location;

/**
 * Distances (or travel times, or any non-negative cost) from each demand point to each candidate site. Solvers read
 * every entry once and keep their own copy, so an implementation may compute entries on demand.
 */
public interface DistanceMatrix {

  int demandCount();

  int candidateCount();

  /** The distance from a demand point to a candidate site. */
  double distance(int demand, int candidate);

  /** A dense matrix, row-major: entry (d, c) at {@code d * candidateCount + c}. The array is copied. */
  static DistanceMatrix of(double[] rowMajor, int demandCount, int candidateCount) {
    requireShape(rowMajor.length, demandCount, candidateCount);
    return new DenseDistanceMatrix(rowMajor.clone(), demandCount, candidateCount);
  }

  /** A dense single-precision matrix (half the memory), row-major. The array is copied. */
  static DistanceMatrix ofFloats(float[] rowMajor, int demandCount, int candidateCount) {
    requireShape(rowMajor.length, demandCount, candidateCount);
    return new FloatDistanceMatrix(rowMajor.clone(), demandCount, candidateCount);
  }

  /** Distances computed from demand and candidate coordinates by a distance function. */
  static DistanceMatrix ofPoints(
      double[] demandX, double[] demandY, double[] candidateX, double[] candidateY, DistanceFunction function) {
    if (demandX.length != demandY.length || candidateX.length != candidateY.length) {
      throw new IllegalArgumentException("each point needs both an x and a y coordinate");
    }
    return new PointDistanceMatrix(
        demandX.clone(), demandY.clone(), candidateX.clone(), candidateY.clone(), function);
  }

  private static void requireShape(int length, int demandCount, int candidateCount) {
    if (demandCount < 0 || candidateCount < 0 || (long) demandCount * candidateCount != length) {
      throw new IllegalArgumentException("a " + demandCount + " × " + candidateCount + " matrix needs "
          + (long) demandCount * candidateCount + " entries, got " + length);
    }
  }
}
