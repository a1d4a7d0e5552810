package org.madang.indicators;

import java.util.Locale;

/** Where an indicator's values come from. */
enum IndicatorMethod {
  /** A read-only SQL query over catalog datasets, run by the engine on every recomputation. */
  SQL,
  /** Entered by the owner department's officials (or admins) through the API, audited. */
  MANUAL,
  /** Counted by the platform from its own records ({@link PlatformMeasure}); never typed in. */
  PLATFORM;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean computed() {
    return this != MANUAL;
  }

  static IndicatorMethod fromCode(String code) {
    for (IndicatorMethod m : values()) {
      if (m.code().equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException("method must be sql, manual or platform, not '" + code + "'");
  }
}
