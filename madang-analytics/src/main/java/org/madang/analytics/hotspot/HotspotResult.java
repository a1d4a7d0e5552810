package org.madang.analytics.hotspot;

import java.util.List;

/**
 * The outcome of a {@link HotspotAnalysis}: global Moran's I and Geary's C (row-standardised weights, as esda's
 * defaults) and one {@link LocalHotspot} per feature, in input order.
 */
public record HotspotResult(
    HotspotParameters parameters, MoranStatistic moran, GearyStatistic geary, List<LocalHotspot> features) {

  public HotspotResult {
    features = List.copyOf(features);
  }

  /** The feature at an input position. */
  public LocalHotspot feature(int position) {
    return features.get(position);
  }

  /** The z-scores in input order. */
  public double[] zScores() {
    return features.stream().mapToDouble(LocalHotspot::z).toArray();
  }

  /** How many features are significant at the chosen false discovery rate. */
  public long significantCount() {
    return features.stream().filter(LocalHotspot::significant).count();
  }
}
