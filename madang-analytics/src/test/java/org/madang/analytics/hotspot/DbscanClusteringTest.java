package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DbscanClusteringTest {

  private static final double ORIGIN_X = 195_000;
  private static final double ORIGIN_Y = 445_000;

  @Test
  void findsThreePlantedClustersAndLabelsScatteredPointsAsNoise() {
    SplittableRandom r = new SplittableRandom(8);
    double[][] centres = {{1000, 1000}, {3000, 1200}, {2000, 3500}};
    int perCluster = 300;
    int noise = 150;
    int n = centres.length * perCluster + noise;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int c = 0; c < centres.length; c++) {
      for (int k = 0; k < perCluster; k++) {
        x[c * perCluster + k] = ORIGIN_X + centres[c][0] + 25 * r.nextGaussian();
        y[c * perCluster + k] = ORIGIN_Y + centres[c][1] + 25 * r.nextGaussian();
      }
    }
    for (int k = centres.length * perCluster; k < n; k++) {
      x[k] = ORIGIN_X + r.nextDouble() * 5000;
      y[k] = ORIGIN_Y + r.nextDouble() * 5000;
    }
    DbscanResult result = DbscanClustering.run(x, y, new DbscanParameters(30, 6));
    assertThat(result.clusterCount()).isEqualTo(3);
    for (int c = 0; c < centres.length; c++) {
      int[] counts = new int[3];
      for (int k = 0; k < perCluster; k++) {
        int label = result.label(c * perCluster + k);
        if (label >= 0) {
          counts[label]++;
        }
      }
      assertThat(counts[c]).as("planted cluster %d", c).isGreaterThan(perCluster * 95 / 100);
    }
    long noiseAsNoise = java.util.stream.IntStream.range(centres.length * perCluster, n)
        .filter(k -> result.label(k) == DbscanResult.NOISE).count();
    assertThat(noiseAsNoise).isGreaterThan(noise * 9 / 10);
  }

  @Test
  void labelsEqualABruteForceDbscanOnRandomPoints() {
    SplittableRandom r = new SplittableRandom(12);
    int n = 1500;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = ORIGIN_X + Math.floor(r.nextDouble() * 2000);
      y[i] = ORIGIN_Y + Math.floor(r.nextDouble() * 2000);
    }
    DbscanParameters parameters = new DbscanParameters(60, 4);
    DbscanResult result = DbscanClustering.run(x, y, parameters);
    assertThat(result.labels()).containsExactly(bruteForce(x, y, parameters));
    assertThat(DbscanClustering.run(x, y, parameters).labels()).containsExactly(result.labels());
  }

  /** Textbook DBSCAN over all pairs, clusters grown in input order from their first core point. */
  private static int[] bruteForce(double[] x, double[] y, DbscanParameters parameters) {
    int n = x.length;
    double eps2 = parameters.eps_m() * parameters.eps_m();
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      int count = 0;
      for (int j = 0; j < n; j++) {
        double dx = x[i] - x[j];
        double dy = y[i] - y[j];
        if (dx * dx + dy * dy <= eps2) {
          count++;
        }
      }
      core[i] = count >= parameters.minPoints();
    }
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    int clusters = 0;
    for (int i = 0; i < n; i++) {
      if (!core[i] || labels[i] >= 0) {
        continue;
      }
      int c = clusters++;
      labels[i] = c;
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(i);
      while (!queue.isEmpty()) {
        int p = queue.poll();
        for (int j = 0; j < n; j++) {
          double dx = x[p] - x[j];
          double dy = y[p] - y[j];
          if (dx * dx + dy * dy <= eps2 && labels[j] < 0) {
            labels[j] = c;
            if (core[j]) {
              queue.add(j);
            }
          }
        }
      }
    }
    // border points: the cluster of the nearest core point, ties to the lowest index
    for (int i = 0; i < n; i++) {
      if (core[i] || labels[i] < 0) {
        continue;
      }
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        double dx = x[j] - x[i];
        double dy = y[j] - y[i];
        double d2 = dx * dx + dy * dy;
        if (core[j] && d2 <= eps2 && d2 < best) {
          best = d2;
          nearest = j;
        }
      }
      labels[i] = labels[nearest];
    }
    return labels;
  }

  @Test
  void aBorderPointJoinsTheClusterOfItsNearestCorePointNotTheFirstToReachIt() {
    // two clusters of four points on a line and, last, a point between them: 9 m from the first cluster's edge and
    // 6 m from the second's; cluster 0, grown first, reaches it first, but it belongs with cluster 1
    double[] offsets = {-18, -15, -12, -9, 6, 11, 14, 16, 0};
    double[] x = new double[offsets.length];
    double[] y = new double[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      x[i] = ORIGIN_X + offsets[i];
      y[i] = ORIGIN_Y;
    }
    DbscanResult result = DbscanClustering.run(x, y, new DbscanParameters(10, 4));
    assertThat(result.isCore(8)).isFalse();
    assertThat(result.isCore(3)).isTrue();
    assertThat(result.labels()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1);
  }

  @Test
  void duplicatePointsFormAClusterOfTheirOwn() {
    double[] x = new double[12];
    double[] y = new double[12];
    Arrays.fill(x, ORIGIN_X);
    Arrays.fill(y, ORIGIN_Y);
    x[11] = ORIGIN_X + 5000;
    DbscanResult result = DbscanClustering.run(x, y, new DbscanParameters(10, 5));
    assertThat(result.clusterCount()).isEqualTo(1);
    assertThat(result.clusterSizes()).containsExactly(11);
    assertThat(result.label(11)).isEqualTo(DbscanResult.NOISE);
  }

  @Test
  void clustersAMillionPointsInSeconds() {
    SplittableRandom r = new SplittableRandom(99);
    int n = 1_000_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = ORIGIN_X + r.nextDouble() * 30_000;
      y[i] = ORIGIN_Y + r.nextDouble() * 30_000;
    }
    long start = System.nanoTime();
    DbscanResult result = DbscanClustering.run(x, y, new DbscanParameters(25, 5));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(result.size()).isEqualTo(n);
    assertThat(seconds).isLessThan(20);
  }

  @Test
  void refusesEpsOfZeroAndCoordinatesInDegrees() {
    assertThatThrownBy(() -> new DbscanParameters(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DBSCAN's eps must be a positive distance in metres, got 0.0");
    double[] lon = {126.97, 126.98, 127.02, 127.05};
    double[] lat = {37.55, 37.56, 37.58, 37.60};
    assertThatThrownBy(() -> DbscanClustering.run(lon, lat, new DbscanParameters(100, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the coordinates look like longitude/latitude degrees");
    assertThatThrownBy(() -> DbscanClustering.run(new double[] {1, Double.NaN}, new double[] {1, 2}, new DbscanParameters(100, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("point 1 has no finite coordinates (NaN, 2.0)");
  }
}
