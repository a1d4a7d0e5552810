package org.madang.engine;

import java.util.List;

/**
 * What one column of one version holds.
 *
 * @param distinctEstimate DuckDB's approximate distinct count
 * @param min smallest value as text, or null when the column is empty
 * @param max largest value as text, or null when the column is empty
 * @param topValues the most frequent values with their counts, most frequent first (at most 10)
 */
public record ColumnProfile(
    String column, String type, long rows, long nulls, long distinctEstimate, String min, String max, List<ValueCount> topValues) {

  public record ValueCount(String value, long count) {}
}
