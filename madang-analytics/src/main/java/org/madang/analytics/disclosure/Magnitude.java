package org.madang.analytics.disclosure;

/**
 * What a cell's records contribute to one measure, enough for the threshold and dominance rules.
 *
 * @param contributors records with a value of the column (nulls do not contribute)
 * @param sum the sum of the values
 * @param absoluteSum the sum of their absolute values, against which dominance is measured (equal to {@code sum} for
 *     non-negative data)
 * @param largest the largest absolute value of a single record, 0 when there is none
 * @param secondLargest the second largest absolute value of a single record, 0 when there is none (ties count twice)
 */
public record Magnitude(long contributors, double sum, double absoluteSum, double largest, double secondLargest) {

  public Magnitude {
    if (contributors < 0 || largest < 0 || secondLargest < 0 || secondLargest > largest) {
      throw new IllegalArgumentException("a magnitude needs contributors >= 0 and largest >= second largest >= 0");
    }
  }

  /** A COUNT measure: each record contributes 1. */
  public static Magnitude ofCount(long records) {
    return new Magnitude(records, records, records, records > 0 ? 1 : 0, records > 1 ? 1 : 0);
  }
}
