package org.madang.engine.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.madang.analytics.disclosure.AggregateTable;
import org.madang.analytics.disclosure.Measure;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * How to tabulate an analyst's SELECT for an output request: the columns to group by and the statistics per cell.
 * Names are checked against the query's result columns when it runs ({@link SqlSandbox#tabulate}); here only their
 * shape. Errors are {@link ErrorCode#INVALID_ARGUMENT} whose {@code field} names the entry ({@code dimensions[1]},
 * {@code measures[0].column}).
 *
 * @param dimensions 0 to {@value AggregateTable#MAX_DIMENSIONS} column names of the query's result
 * @param measures at least one: COUNT, or SUM or MEAN of a numeric column
 */
public record TabulationSpec(List<String> dimensions, List<Measure> measures) {

  /** The most cells, totals included, a tabulation may have; row-level identifiers are the usual reason for more. */
  public static final int MAX_CELLS = 10_000;

  static final int MAX_MEASURES = 10;

  public TabulationSpec {
    if (dimensions == null) {
      dimensions = List.of();
    }
    if (dimensions.size() > AggregateTable.MAX_DIMENSIONS) {
      throw invalid("dimensions", "An output table has at most " + AggregateTable.MAX_DIMENSIONS + " dimensions.");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < dimensions.size(); i++) {
      String d = dimensions.get(i);
      if (d == null || d.isBlank()) {
        throw invalid("dimensions[" + i + "]", "Name the column of dimension " + (i + 1) + ".");
      }
      if (!seen.add(d.toLowerCase(Locale.ROOT))) {
        throw invalid("dimensions[" + i + "]", "The column '" + d + "' is already a dimension.");
      }
    }
    if (measures == null || measures.isEmpty()) {
      throw invalid("measures", "Name at least one measure: COUNT, or SUM or MEAN of a numeric column.");
    }
    if (measures.size() > MAX_MEASURES) {
      throw invalid("measures", "An output table has at most " + MAX_MEASURES + " measures.");
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < measures.size(); i++) {
      if (measures.get(i) == null) {
        throw invalid("measures[" + i + "]", "Measure " + (i + 1) + " is missing.");
      }
      if (!labels.add(measures.get(i).label().toLowerCase(Locale.ROOT))) {
        throw invalid("measures[" + i + "]", "The measure " + measures.get(i).label() + " is listed twice.");
      }
    }
    dimensions = List.copyOf(dimensions);
    measures = List.copyOf(measures);
  }

  public static TabulationSpec of(List<String> dimensions, Measure... measures) {
    return new TabulationSpec(dimensions, List.of(measures));
  }

  /**
   * Reads measure {@code index} of a request: {@code statistic} COUNT, SUM or MEAN (any case), {@code column} for SUM
   * and MEAN only. Errors name {@code measures[index].statistic} or {@code measures[index].column}.
   */
  public static Measure measure(int index, String statistic, String column) {
    String field = "measures[" + index + "]";
    Measure.Statistic s;
    try {
      s = Measure.Statistic.valueOf(statistic == null ? "" : statistic.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(field + ".statistic", "A measure is COUNT, SUM or MEAN, not '" + statistic + "'.");
    }
    boolean hasColumn = column != null && !column.isBlank();
    if (s == Measure.Statistic.COUNT && hasColumn) {
      throw invalid(field + ".column", "COUNT counts records and takes no column.");
    }
    if (s != Measure.Statistic.COUNT && !hasColumn) {
      throw invalid(field + ".column", s + " needs the numeric column to " + (s == Measure.Statistic.SUM ? "sum." : "average."));
    }
    return new Measure(s, hasColumn ? column : null);
  }

  static MadangException invalid(String field, String message) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
  }
}
