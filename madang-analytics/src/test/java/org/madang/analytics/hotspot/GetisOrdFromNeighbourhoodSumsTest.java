package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.madang.analytics.weights.DistanceWeights;
import org.madang.analytics.weights.SpatialWeights;

/**
 * Gi and Gi* from neighbourhood sums computed elsewhere (as a distributed engine computes them) equal the analysis'
 * own statistics on the same binary weights, to the last bit.
 */
class GetisOrdFromNeighbourhoodSumsTest {

  /** A 7×7 lattice of counts with a high corner, rook-like neighbours within 1.5 units. */
  static double[] x = new double[49];
  static double[] y = new double[49];
  static double[] values = new double[49];

  static {
    for (int i = 0; i < 49; i++) {
      x[i] = i % 7;
      y[i] = i / 7;
      values[i] = (x[i] < 3 && y[i] < 3) ? 20 + i % 5 : i % 4;
    }
  }

  static void assertSameAsTheAnalysis(LocalStatistic statistic) {
    SpatialWeights w = DistanceWeights.distanceBand(x, y, 1.5);
    HotspotResult result = HotspotAnalysis.run(values, w, HotspotParameters.of(statistic));
    boolean star = statistic == LocalStatistic.GI_STAR;
    double[] lag = new double[49];
    double[] weightSum = new double[49];
    for (int i = 0; i < 49; i++) {
      for (int j = 0; j < 49; j++) {
        if ((i == j && star) || (i != j && Math.hypot(x[i] - x[j], y[i] - y[j]) <= 1.5)) {
          lag[i] += values[j];
          weightSum[i]++;
        }
      }
    }
    HotspotAnalysis.LocalGetisOrd fromSums = HotspotAnalysis.getisOrdFromSums(values, lag, weightSum, star);
    for (int i = 0; i < 49; i++) {
      assertThat(fromSums.z()[i]).as("z of %d", i).isEqualTo(result.feature(i).z());
      assertThat(fromSums.p()[i]).isEqualTo(result.feature(i).p());
      assertThat(fromSums.statistic()[i]).isEqualTo(result.feature(i).statistic());
    }
    assertThat(fromSums.z()[8]).isGreaterThan(2);
  }

  @Test
  void giStarFromSumsIsTheAnalysisGiStar() {
    assertSameAsTheAnalysis(LocalStatistic.GI_STAR);
  }

  @Test
  void giFromSumsIsTheAnalysisGi() {
    assertSameAsTheAnalysis(LocalStatistic.GI);
  }

  @Test
  void refusesSumsThatDoNotMatchTheValues() {
    assertThatThrownBy(() -> HotspotAnalysis.getisOrdFromSums(new double[5], new double[4], new double[5], true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one neighbourhood sum per value");
  }
}
