package org.madang.indicators;

import java.util.Map;
import java.util.SortedMap;

/**
 * The rule that turns a value into an achievement rate and a status.
 *
 * <ol>
 *   <li>The target is the one of the value's year, else the next later one; when every target year has passed, the last
 *       one. No value: {@code no_data}. No target, or no baseline to measure progress from: {@code no_target} (or
 *       {@code achieved} when a target exists and is met).
 *   <li>Achievement rate from baseline {@code b} to target {@code t}: higher-is-better {@code (v − b) / (t − b)},
 *       lower-is-better {@code (b − v) / (b − t)}; when {@code t = b} the value is compared directly (1 if it meets the
 *       target, else 0).
 *   <li>{@code achieved} when the value meets the target (higher: {@code v ≥ t}; lower: {@code v ≤ t}).
 *   <li>Otherwise the rate is compared with the linear path from the baseline year to the target year: expected progress
 *       {@code e = (year − baseline year) / (target year − baseline year)}, clipped to 0..1. At or past the target year
 *       an unmet target is {@code off_track}; at the baseline year (nothing expected yet) a rate ≥ 0 is {@code
 *       on_track}; else {@code rate / e ≥ 0.9} is {@code on_track}, {@code ≥ 0.6} {@code at_risk}, below {@code
 *       off_track}.
 * </ol>
 */
final class AchievementRule {

  static final double ON_TRACK = 0.9;
  static final double AT_RISK = 0.6;

  private AchievementRule() {}

  /**
   * @param baselineValue null when unknown
   * @param targets target by year; may be empty
   * @param year the value's year, or null when there is no value
   * @param value the value, or null
   */
  static Achievement assess(Polarity polarity, Integer baselineYear, Double baselineValue, SortedMap<Integer, Double> targets, Integer year,
      Double value) {
    Map.Entry<Integer, Double> target = targetFor(targets, year);
    Integer targetYear = target == null ? null : target.getKey();
    Double t = target == null ? null : target.getValue();
    if (year == null || value == null || !Double.isFinite(value)) {
      return Achievement.noData(targetYear, t);
    }
    if (target == null) {
      return new Achievement(IndicatorStatus.NO_TARGET, null, null, baselineValue, null, null);
    }
    double v = value;
    boolean met = polarity == Polarity.HIGHER ? v >= t : v <= t;
    if (baselineYear == null || baselineValue == null) {
      return new Achievement(met ? IndicatorStatus.ACHIEVED : IndicatorStatus.NO_TARGET, targetYear, t, baselineValue, null, null);
    }
    double b = baselineValue;
    // (v − b) / (t − b) is the same number as (b − v) / (b − t): one formula serves both polarities
    double rate = (t.doubleValue() == b ? (met ? 1 : 0) : (v - b) / (t - b)) + 0.0; // + 0.0 turns −0 into 0
    if (met) {
      return new Achievement(IndicatorStatus.ACHIEVED, targetYear, t, b, rate, expected(baselineYear, targetYear, year));
    }
    double expected = expected(baselineYear, targetYear, year);
    IndicatorStatus status;
    if (year >= targetYear) {
      status = IndicatorStatus.OFF_TRACK;
    } else if (expected <= 0) {
      status = rate >= 0 ? IndicatorStatus.ON_TRACK : IndicatorStatus.OFF_TRACK;
    } else {
      double ratio = rate / expected;
      status = ratio >= ON_TRACK ? IndicatorStatus.ON_TRACK : ratio >= AT_RISK ? IndicatorStatus.AT_RISK : IndicatorStatus.OFF_TRACK;
    }
    return new Achievement(status, targetYear, t, b, rate, expected);
  }

  /** The target of the year, else the next later one, else the last one; null without targets. */
  static Map.Entry<Integer, Double> targetFor(SortedMap<Integer, Double> targets, Integer year) {
    if (targets == null || targets.isEmpty()) {
      return null;
    }
    if (year != null) {
      SortedMap<Integer, Double> later = targets.tailMap(year);
      if (!later.isEmpty()) {
        return Map.entry(later.firstKey(), later.get(later.firstKey()));
      }
    }
    Integer last = year == null ? targets.firstKey() : targets.lastKey();
    return Map.entry(last, targets.get(last));
  }

  private static double expected(int baselineYear, int targetYear, int year) {
    if (targetYear <= baselineYear) {
      return 1;
    }
    return Math.max(0, Math.min(1, (year - baselineYear) / (double) (targetYear - baselineYear)));
  }
}
