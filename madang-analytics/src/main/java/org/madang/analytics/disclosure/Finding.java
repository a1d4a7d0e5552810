package org.madang.analytics.disclosure;

/**
 * One thing the checks found, as a sentence for the analyst and the data steward.
 *
 * @param blocking the output may not leave at all while this holds; other findings describe suppressions
 */
public record Finding(Rule rule, boolean blocking, String message) {

  public enum Rule {
    /** A dimension identifies records: declared an identifier, or nearly one distinct value per record. */
    IDENTIFIER,
    /** The dimensions together single out records: nearly as many cells as records. */
    IDENTIFYING_CELLS,
    THRESHOLD,
    DOMINANCE,
    SECONDARY,
    /** The exact check that no suppressed cell follows from the table's equations was not run (too many cells). */
    DERIVATION_NOT_AUDITED,
    /** A suppressed cell could still be worked out from the table's equations and no complement was left to hide. */
    DERIVABLE;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
