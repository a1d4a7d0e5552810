package org.madang.analytics.hotspot;

/** The local statistic a {@link HotspotAnalysis} computes for each feature. */
public enum LocalStatistic {
  /** Getis-Ord Gi: the share of the total found among a feature's neighbours, the feature itself left out. */
  GI,
  /** Getis-Ord Gi*: as Gi with the feature counted among its own neighbours (weight 1 before transforming). */
  GI_STAR,
  /** Anselin's local Moran's I_i, with LISA quadrants. */
  LOCAL_MORAN
}
