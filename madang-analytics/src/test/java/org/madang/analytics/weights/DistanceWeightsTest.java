package org.madang.analytics.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistanceWeightsTest {

  private static double[][] randomPoints(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.floor(r.nextDouble() * 1000);
      y[i] = Math.floor(r.nextDouble() * 1000);
    }
    return new double[][] {x, y};
  }

  @Test
  void nearestNeighboursFromTheTreeEqualABruteForceSearch() {
    double[][] p = randomPoints(1500, 7);
    int k = 6;
    SpatialWeights w = DistanceWeights.nearestNeighbours(p[0], p[1], k);
    for (int i = 0; i < p[0].length; i++) {
      int self = i;
      int[] expected = IntStream.range(0, p[0].length).filter(j -> j != self).boxed()
          .sorted(Comparator.comparingDouble((Integer j) -> Math.hypot(p[0][j] - p[0][self], p[1][j] - p[1][self]))
              .thenComparingInt(j -> j))
          .limit(k).mapToInt(Integer::intValue).sorted().toArray();
      assertThat(w.neighboursOf(i)).as("point %d", i).containsExactly(expected);
    }
  }

  @Test
  void distanceBandFromTheTreeEqualsABruteForceSearchIncludingTheThreshold() {
    double[][] p = randomPoints(1200, 11);
    double threshold = 45;
    SpatialWeights w = DistanceWeights.distanceBand(p[0], p[1], threshold);
    for (int i = 0; i < p[0].length; i++) {
      int self = i;
      int[] expected = IntStream.range(0, p[0].length)
          .filter(j -> j != self && Math.hypot(p[0][j] - p[0][self], p[1][j] - p[1][self]) <= threshold)
          .toArray();
      assertThat(w.neighboursOf(i)).containsExactly(expected);
    }
    assertThat(w.isSymmetric()).isTrue();
  }

  @Test
  void duplicatePointsAreNeighboursOfEachOtherButNeverOfThemselves() {
    double[] x = {0, 0, 0, 10};
    double[] y = {0, 0, 0, 10};
    SpatialWeights band = DistanceWeights.distanceBand(x, y, 1);
    assertThat(band.neighboursOf(0)).containsExactly(1, 2);
    SpatialWeights knn = DistanceWeights.nearestNeighbours(x, y, 2);
    assertThat(knn.neighboursOf(1)).containsExactly(0, 2);
    assertThat(band.islands()).containsExactly(3);
  }

  @Test
  void refusesKAtLeastTheNumberOfPointsAndANonPositiveBand() {
    double[] x = {0, 1, 2};
    assertThatThrownBy(() -> DistanceWeights.nearestNeighbours(x, x, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs more than k points");
    assertThatThrownBy(() -> DistanceWeights.distanceBand(x, x, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> DistanceWeights.distanceBand(x, new double[] {0, Double.NaN, 1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
  }

  @Test
  void buildsKNearestNeighboursForHalfAMillionPointsQuickly() {
    double[][] p = randomPoints(500_000, 3);
    for (int i = 0; i < p[0].length; i++) {
      p[0][i] += i * 1e-7;
    }
    long start = System.nanoTime();
    SpatialWeights w = DistanceWeights.nearestNeighbours(p[0], p[1], 8);
    assertThat(w.linkCount()).isEqualTo(8 * 500_000);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    assertThat(Arrays.stream(w.neighboursOf(0)).allMatch(j -> j != 0)).isTrue();
  }
}
