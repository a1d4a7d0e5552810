package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.madang.analytics.fixtures.GeoJsonFeatures;
import org.madang.analytics.weights.ContiguityWeights;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.analytics.weights.WeightsTransform;

/** Guerry's 85 départements: the published global Moran's I of literacy with queen contiguity is 0.717605. */
class GuerryMoranTest {

  @Test
  void literacyMoransIWithQueenContiguityFromThePolygonsIsThePublishedValue() {
    GeoJsonFeatures guerry = GeoJsonFeatures.readResource("/spatial_autocorrelation/guerry/Guerry.geojson");
    SpatialWeights queen = ContiguityWeights.queen(guerry.texts("dept"), guerry.geometries(), 0);
    assertThat(queen.size()).isEqualTo(85);
    assertThat(queen.islands()).isEmpty();
    MoranStatistic moran = GlobalAutocorrelation.moran(
        guerry.numbers("litercy"), queen.transformed(WeightsTransform.ROW_STANDARDISED));
    assertThat(moran.i()).isCloseTo(0.717605, within(5e-7));
    assertThat(moran.zNormal()).isGreaterThan(8);
  }

  @Test
  void hotspotAnalysisReportsTheSameGlobalMoranAndLiteracyClustersInTheNorthEast() {
    GeoJsonFeatures guerry = GeoJsonFeatures.readResource("/spatial_autocorrelation/guerry/Guerry.geojson");
    SpatialWeights queen = ContiguityWeights.queen(guerry.texts("dept"), guerry.geometries(), 0);
    HotspotResult result = HotspotAnalysis.run(guerry.numbers("litercy"), queen, HotspotParameters.of(LocalStatistic.LOCAL_MORAN));
    assertThat(result.moran().i()).isCloseTo(0.717605, within(5e-7));
    long highHigh = result.features().stream().filter(f -> f.significant() && f.quadrant() == Quadrant.HH).count();
    long lowLow = result.features().stream().filter(f -> f.significant() && f.quadrant() == Quadrant.LL).count();
    assertThat(highHigh).isGreaterThan(5);
    assertThat(lowLow).isGreaterThan(5);
  }
}
