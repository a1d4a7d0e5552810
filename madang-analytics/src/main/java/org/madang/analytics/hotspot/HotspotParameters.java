package org.madang.analytics.hotspot;

import org.madang.analytics.weights.WeightsTransform;

/**
 * What a {@link HotspotAnalysis} computes.
 *
 * @param statistic the local statistic
 * @param transform how the weights are scaled for the local statistic: {@code BINARY} or {@code ROW_STANDARDISED};
 *     for Gi* the self weight 1 is added before scaling
 * @param permutations conditional-randomisation permutations per feature for pseudo p-values; 0 for analytic
 *     inference only
 * @param seed seeds the permutations; the same seed gives the same p-values on any number of threads
 * @param falseDiscoveryRate the level q at which Benjamini-Hochberg marks features significant (e.g. 0.05)
 */
public record HotspotParameters(
    LocalStatistic statistic, WeightsTransform transform, int permutations, long seed, double falseDiscoveryRate) {

  public HotspotParameters {
    if (statistic == null) {
      throw new IllegalArgumentException("choose a local statistic");
    }
    if (transform != WeightsTransform.ROW_STANDARDISED && transform != WeightsTransform.BINARY) {
      throw new IllegalArgumentException("local statistics use binary or row-standardised weights, not " + transform);
    }
    if (permutations < 0 || permutations > 99_999) {
      throw new IllegalArgumentException("permutations must be between 0 and 99999, got " + permutations);
    }
    if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
      throw new IllegalArgumentException("the false discovery rate must be between 0 and 1, got " + falseDiscoveryRate);
    }
  }

  /**
   * Analytic inference and false discovery rate 0.05, with binary weights for Gi and Gi* (Getis and Ord's classic z, as
   * ArcGIS's Hot Spot Analysis computes it) and row-standardised weights for local Moran (esda's default). esda's
   * row-standardised Gi z treats a neighbourhood mean as one observation and so finds few hot spots.
   */
  public static HotspotParameters of(LocalStatistic statistic) {
    WeightsTransform transform =
        statistic == LocalStatistic.LOCAL_MORAN ? WeightsTransform.ROW_STANDARDISED : WeightsTransform.BINARY;
    return new HotspotParameters(statistic, transform, 0, 0L, 0.05);
  }

  public HotspotParameters withTransform(WeightsTransform t) {
    return new HotspotParameters(statistic, t, permutations, seed, falseDiscoveryRate);
  }

  public HotspotParameters withPermutations(int count, long randomSeed) {
    return new HotspotParameters(statistic, transform, count, randomSeed, falseDiscoveryRate);
  }

  public HotspotParameters withFalseDiscoveryRate(double q) {
    return new HotspotParameters(statistic, transform, permutations, seed, q);
  }
}
