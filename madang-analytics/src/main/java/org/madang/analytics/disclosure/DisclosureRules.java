package org.madang.analytics.disclosure;

/**
 * The rules an output table is checked against.
 *
 * @param threshold the fewest records a published cell may have (and the fewest contributors to a published SUM or
 *     MEAN); cells with 1 to threshold - 1 are suppressed
 * @param dominanceLargestShare a SUM or MEAN cell whose largest single contribution is more than this share of the
 *     cell's total is suppressed
 * @param dominanceTwoLargestShare ... or whose two largest contributions together are more than this share
 * @param identifierShare a dimension with more distinct values than this share of the records (or a combination of
 *     dimensions with more cells than that) identifies records, and the table is refused
 */
public record DisclosureRules(int threshold, double dominanceLargestShare, double dominanceTwoLargestShare, double identifierShare) {

  /** Threshold 10, dominance (1, 50%) and (2, 85%), identifiers at more distinct values than half the records. */
  public static final DisclosureRules DEFAULTS = new DisclosureRules(10, 0.5, 0.85, 0.5);

  public DisclosureRules {
    if (threshold < 1) {
      throw new IllegalArgumentException("the threshold must be at least 1 record, got " + threshold);
    }
    requireShare("dominanceLargestShare", dominanceLargestShare);
    requireShare("dominanceTwoLargestShare", dominanceTwoLargestShare);
    requireShare("identifierShare", identifierShare);
  }

  private static void requireShare(String name, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be a share in (0, 1], got " + share);
    }
  }
}
