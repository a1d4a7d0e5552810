package org.madang.indicators;

/**
 * How one value stands against its target.
 *
 * @param targetYear the year of the target the value is measured against, or null
 * @param target that target, or null
 * @param baseline the baseline the progress is measured from, or null
 * @param rate the share of the way from the baseline to the target covered (1 = target reached), or null
 * @param expected the share of the way the linear path from the baseline year to the target year expects by the value's
 *     year, or null
 */
record Achievement(IndicatorStatus status, Integer targetYear, Double target, Double baseline, Double rate, Double expected) {

  static Achievement noData(Integer targetYear, Double target) {
    return new Achievement(IndicatorStatus.NO_DATA, targetYear, target, null, null, null);
  }
}
