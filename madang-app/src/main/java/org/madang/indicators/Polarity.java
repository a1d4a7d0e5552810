package org.madang.indicators;

import java.util.Locale;

/** Which direction is better for an indicator's value. */
enum Polarity {
  HIGHER,
  LOWER;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Polarity fromCode(String code) {
    return switch (code == null ? "" : code) {
      case "higher" -> HIGHER;
      case "lower" -> LOWER;
      default -> throw new IllegalArgumentException("polarity must be higher or lower, not '" + code + "'");
    };
  }
}
