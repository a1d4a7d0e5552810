package org.madang.indicators;

import java.util.Locale;

/** How an indicator stands against its target; see {@link AchievementRule}. */
enum IndicatorStatus {
  ACHIEVED,
  ON_TRACK,
  AT_RISK,
  OFF_TRACK,
  /** There is a value but no target to measure it against (or no baseline to measure from). */
  NO_TARGET,
  NO_DATA;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
