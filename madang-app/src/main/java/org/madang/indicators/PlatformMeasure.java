package org.madang.indicators;

/**
 * What the platform counts about itself for its {@code platform} indicators ({@link PlatformMeasures}). Stocks are the
 * count at the end of each year (the current year: now); flows are what happened during each year.
 */
enum PlatformMeasure {
  /** Stock: catalog datasets, not counting analysis results (which are derived from them). */
  DATASETS_SECURED("datasets-secured"),
  /** Stock: secured datasets whose current version is joined to the city's districts or H3 cells by the engine. */
  DATASETS_INTEGRATED("datasets-integrated"),
  /** Stock: distinct datasets read by analysis jobs that succeeded. */
  DATASETS_ANALYSED("datasets-analysed"),
  /** Flow: page views, API calls and downloads answered successfully ({@link PlatformUsage}). */
  ITEMS_SERVED("items-served"),
  /** Flow: analysis tasks opened: analysis jobs submitted and campus projects that became active. */
  ANALYSES_OPENED("analyses-opened"),
  /** Flow: analysis tasks completed: analysis jobs that succeeded and campus projects completed. */
  ANALYSES_COMPLETED("analyses-completed");

  private final String code;

  PlatformMeasure(String code) {
    this.code = code;
  }

  String code() {
    return code;
  }

  static PlatformMeasure fromCode(String code) {
    for (PlatformMeasure m : values()) {
      if (m.code.equals(code)) {
        return m;
      }
    }
    throw new IllegalArgumentException("measure must be one of datasets-secured, datasets-integrated, datasets-analysed, items-served, "
        + "analyses-opened, analyses-completed; not '" + code + "'");
  }
}
