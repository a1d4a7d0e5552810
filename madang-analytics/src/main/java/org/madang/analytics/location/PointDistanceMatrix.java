package org.madang.analytics.location;

record PointDistanceMatrix(
    double[] demandX, double[] demandY, double[] candidateX, double[] candidateY, DistanceFunction function)
    implements DistanceMatrix {

  @Override
  public int demandCount() {
    return demandX.length;
  }

  @Override
  public int candidateCount() {
    return candidateX.length;
  }

  @Override
  public double distance(int demand, int candidate) {
    return function.between(demandX[demand], demandY[demand], candidateX[candidate], candidateY[candidate]);
  }
}
