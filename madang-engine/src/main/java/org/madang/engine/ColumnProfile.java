package org.madang.engine;

import java.util.List;

/**
 * What one column of one version holds.
 *
 * @param distinctEstimate distinct values: exact (the number of groups) for a column whose top values were counted,
 *     DuckDB's HyperLogLog estimate for one where nearly every value differs
 * @param min smallest value as text, or null when the column is empty
 * @param max largest value as text, or null when the column is empty
 * @param topValues the most frequent values with their counts, most frequent first (at most 10)
 */
public record ColumnProfile(
    String column, String type, long rows, long nulls, long distinctEstimate, String min, String max, List<ValueCount> topValues) {

  public record ValueCount(String value, long count) {}
}
