package org.madang.engine.analysis;

import org.madang.analytics.hotspot.LocalHotspot;
import org.madang.analytics.hotspot.LocalStatistic;

/**
 * A feature's class on a hot spot map, as ArcGIS's Gi_Bin and GeoDa's cluster map draw them. For Gi and Gi*: hot or
 * cold (the sign of z) at 99, 95 or 90% confidence, from the two-sided p-value (twice the one-sided analytic p, or
 * twice the folded pseudo p-value when permutations ran). For local Moran's I: the LISA quadrant (high-high, low-low,
 * high-low, low-high) when the two-sided p is at most 0.05. Everything else is {@link #NOT_SIGNIFICANT}.
 */
public enum HotspotClass {
  HOT_99("hot-99"),
  HOT_95("hot-95"),
  HOT_90("hot-90"),
  NOT_SIGNIFICANT("not-significant"),
  COLD_90("cold-90"),
  COLD_95("cold-95"),
  COLD_99("cold-99"),
  HIGH_HIGH("high-high"),
  LOW_LOW("low-low"),
  HIGH_LOW("high-low"),
  LOW_HIGH("low-high");

  private final String code;

  HotspotClass(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The two-sided p-value the class is decided on. */
  public static double twoSidedP(LocalHotspot feature) {
    double p = Double.isNaN(feature.pPermutation()) ? feature.p() : feature.pPermutation();
    return Math.min(1.0, 2 * p);
  }

  public static HotspotClass of(LocalHotspot feature, LocalStatistic statistic) {
    double p = twoSidedP(feature);
    if (statistic == LocalStatistic.LOCAL_MORAN) {
      if (!(p <= 0.05)) {
        return NOT_SIGNIFICANT;
      }
      return switch (feature.quadrant()) {
        case HH -> HIGH_HIGH;
        case LL -> LOW_LOW;
        case HL -> HIGH_LOW;
        case LH -> LOW_HIGH;
      };
    }
    double z = Double.isNaN(feature.zPermutation()) ? feature.z() : feature.zPermutation();
    if (!(p <= 0.10) || z == 0 || Double.isNaN(z)) {
      return NOT_SIGNIFICANT;
    }
    boolean hot = z > 0;
    if (p <= 0.01) {
      return hot ? HOT_99 : COLD_99;
    }
    if (p <= 0.05) {
      return hot ? HOT_95 : COLD_95;
    }
    return hot ? HOT_90 : COLD_90;
  }
}
