package org.madang.analytics.location;

record DenseDistanceMatrix(double[] values, int demandCount, int candidateCount) implements DistanceMatrix {

  @Override
  public double distance(int demand, int candidate) {
    return values[demand * candidateCount + candidate];
  }
}
