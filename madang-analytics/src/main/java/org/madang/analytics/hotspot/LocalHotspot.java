package org.madang.analytics.hotspot;

/**
 * The local statistic of one feature.
 *
 * @param id the feature's id
 * @param statistic Gi, Gi* or I_i
 * @param expected its expected value under the null (normality for G, total randomisation for I_i)
 * @param variance its variance under the same null
 * @param z (statistic - expected) / √variance
 * @param p the analytic one-sided p-value P(Z &gt; |z|); double it for a two-sided test
 * @param pPermutation the folded pseudo p-value (min(larger, permutations - larger) + 1) / (permutations + 1) from
 *     conditional randomisation, or NaN without permutations
 * @param zPermutation the statistic standardised by the permutations' mean and standard deviation, or NaN
 * @param q the Benjamini-Hochberg adjusted p-value of the permutation p (or of the analytic p without permutations)
 * @param quadrant the Moran scatterplot quadrant of the feature
 * @param significant whether q is at most the chosen false discovery rate
 */
public record LocalHotspot(
    String id,
    double statistic,
    double expected,
    double variance,
    double z,
    double p,
    double pPermutation,
    double zPermutation,
    double q,
    Quadrant quadrant,
    boolean significant) {

  /** A significant positive z: a hot spot (Gi, Gi*) or a feature like its neighbours (local Moran). */
  public boolean isHot() {
    return significant && z > 0;
  }

  /** A significant negative z: a cold spot (Gi, Gi*) or an outlier among its neighbours (local Moran). */
  public boolean isCold() {
    return significant && z < 0;
  }
}
