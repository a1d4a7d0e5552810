package org.madang.analytics.disclosure;

/** What the checks decided for one cell. A cell that fails several rules carries the first of them in this order. */
public enum CellStatus {
  PUBLISHED,
  /** Primary: fewer records (or contributors to a SUM or MEAN) than the threshold. */
  THRESHOLD,
  /** Primary: one or two records make up most of a SUM or MEAN. */
  DOMINANCE,
  /** Complementary: suppressed so that a primary cell cannot be worked out from the totals. */
  SECONDARY;

  public boolean isSuppressed() {
    return this != PUBLISHED;
  }

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
