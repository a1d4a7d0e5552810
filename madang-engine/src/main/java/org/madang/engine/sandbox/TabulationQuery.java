package org.madang.engine.sandbox;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.madang.analytics.disclosure.AggregateTable;
import org.madang.analytics.disclosure.Magnitude;
import org.madang.analytics.disclosure.Measure;
import org.madang.analytics.disclosure.TableCell;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.JsonValues;

/**
 * The SQL that turns a checked SELECT into an {@link AggregateTable}, all inside DuckDB: {@code GROUP BY CUBE} over the
 * dimensions with {@code GROUPING()} per dimension (so a NULL in the data is never mistaken for a total), and per SUM or
 * MEAN the values' count, sum, sum of absolute values and two largest absolute values ({@code max(x, 2)}) for the
 * dominance rule.
 *
 * <p>The SELECT's result columns are renamed by position ({@code AS madang_source(madang_c0, ...)}), so no name from
 * the analyst is ever spliced into SQL, and the text is wrapped with one line before it, as {@link SqlSandbox#run}
 * does, so error positions map back. Before the cube, one pass counts the distinct combinations of every subset of
 * dimensions: that is exactly the number of cells, and a table over {@link TabulationSpec#MAX_CELLS} is refused
 * naming the dimension that makes it large.
 */
final class TabulationQuery {

  private static final Set<String> NUMERIC = Set.of(
      "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE",
      "DECIMAL");

  private TabulationQuery() {}

  private record ResultColumn(int position, String name, String type) {}

  static AggregateTable tabulate(SqlSandbox.Execution e, String text, TabulationSpec spec) throws SQLException {
    List<ResultColumn> columns = describe(e, text);
    List<ResultColumn> dimensions = new ArrayList<>();
    for (int i = 0; i < spec.dimensions().size(); i++) {
      ResultColumn c = find(columns, spec.dimensions().get(i), "dimensions[" + i + "]");
      if (c.type().endsWith("]") || c.type().startsWith("STRUCT") || c.type().startsWith("MAP") || c.type().startsWith("UNION")) {
        throw TabulationSpec.invalid("dimensions[" + i + "]",
            "The column '" + c.name() + "' holds " + c.type() + " values; a dimension groups by single values such as text, numbers or dates.");
      }
      dimensions.add(c);
    }
    List<Measure> measures = new ArrayList<>();
    List<ResultColumn> measured = new ArrayList<>();
    for (int i = 0; i < spec.measures().size(); i++) {
      Measure m = spec.measures().get(i);
      if (!m.isMagnitude()) {
        measures.add(m);
        measured.add(null);
        continue;
      }
      ResultColumn c = find(columns, m.column(), "measures[" + i + "].column");
      if (!NUMERIC.contains(c.type().replaceFirst("\\(.*", ""))) {
        throw TabulationSpec.invalid("measures[" + i + "].column",
            "The column '" + c.name() + "' is " + c.type() + ", not a number, so it cannot be " + (m.statistic() == Measure.Statistic.SUM ? "summed." : "averaged."));
      }
      measures.add(new Measure(m.statistic(), c.name()));
      measured.add(c);
    }
    String source = source(text, columns.size());
    requireFewCells(e, source, dimensions);
    List<TableCell> cells = readCube(e, source, dimensions, measures, measured);
    try {
      return new AggregateTable(dimensions.stream().map(ResultColumn::name).toList(), measures, cells);
    } catch (IllegalArgumentException inconsistent) {
      throw new MadangException(ErrorCode.INTERNAL, "The tabulation came out inconsistent and cannot be checked.", Map.of("field", "dimensions"), inconsistent);
    }
  }

  private static List<ResultColumn> describe(SqlSandbox.Execution e, String text) throws SQLException {
    try (ResultSet r = e.query("SELECT * FROM (\n" + text + "\n) AS madang_source LIMIT 0")) {
      ResultSetMetaData meta = r.getMetaData();
      List<ResultColumn> out = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        out.add(new ResultColumn(i - 1, meta.getColumnLabel(i), meta.getColumnTypeName(i)));
      }
      return out;
    }
  }

  /** The column named so (exactly, else ignoring case as DuckDB does). */
  private static ResultColumn find(List<ResultColumn> columns, String name, String field) {
    ResultColumn folded = null;
    for (ResultColumn c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
      if (folded == null && c.name().equalsIgnoreCase(name)) {
        folded = c;
      }
    }
    if (folded != null) {
      return folded;
    }
    StringJoiner names = new StringJoiner(", ");
    columns.stream().limit(20).forEach(c -> names.add(c.name()));
    throw TabulationSpec.invalid(field, "The query returns no column '" + name + "'; it returns " + names + (columns.size() > 20 ? ", ..." : "") + ".");
  }

  private static String source(String text, int columnCount) {
    StringJoiner aliases = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < columnCount; i++) {
      aliases.add(alias(i));
    }
    return " FROM (\n" + text + "\n) AS madang_source" + aliases;
  }

  private static String alias(int position) {
    return "madang_c" + position;
  }

  private static void requireFewCells(SqlSandbox.Execution e, String source, List<ResultColumn> dimensions) throws SQLException {
    int k = dimensions.size();
    if (k == 0) {
      return;
    }
    StringJoiner select = new StringJoiner(", ", "SELECT count(*), ", "");
    for (int subset = 1; subset < (1 << k); subset++) {
      StringJoiner row = new StringJoiner(", ", "count(DISTINCT row(", "))");
      for (int d = 0; d < k; d++) {
        if ((subset & (1 << d)) != 0) {
          row.add(alias(dimensions.get(d).position()));
        }
      }
      select.add(row.toString());
    }
    long records;
    long cells = 1;
    long[] distinct = new long[k];
    try (ResultSet r = e.query(select + source)) {
      r.next();
      records = r.getLong(1);
      for (int subset = 1; subset < (1 << k); subset++) {
        long n = r.getLong(subset + 1);
        cells += n;
        if (Integer.bitCount(subset) == 1) {
          distinct[Integer.numberOfTrailingZeros(subset)] = n;
        }
      }
    }
    if (cells > TabulationSpec.MAX_CELLS) {
      throw tooManyCells(dimensions, distinct, records);
    }
  }

  private static MadangException tooManyCells(List<ResultColumn> dimensions, long[] distinct, long records) {
    int widest = 0;
    for (int d = 1; d < distinct.length; d++) {
      if (distinct[d] > distinct[widest]) {
        widest = d;
      }
    }
    return new MadangException(ErrorCode.INVALID_ARGUMENT,
        "The table would have more than " + TabulationSpec.MAX_CELLS + " cells with its totals: '" + dimensions.get(widest).name() + "' alone has "
            + distinct[widest] + " distinct values in " + records + " records. An output groups records into categories; use coarser columns.",
        Map.of("field", "dimensions[" + widest + "]", "distinct_values", distinct[widest], "records", records));
  }

  private static List<TableCell> readCube(SqlSandbox.Execution e, String source, List<ResultColumn> dimensions, List<Measure> measures,
      List<ResultColumn> measured) throws SQLException {
    int k = dimensions.size();
    StringJoiner select = new StringJoiner(", ", "SELECT ", "");
    StringJoiner groups = new StringJoiner(", ", " GROUP BY CUBE (", ")");
    for (ResultColumn d : dimensions) {
      select.add(alias(d.position()));
      groups.add(alias(d.position()));
    }
    for (ResultColumn d : dimensions) {
      select.add("GROUPING(" + alias(d.position()) + ")");
    }
    select.add("count(*)");
    for (ResultColumn m : measured) {
      if (m != null) {
        String x = alias(m.position());
        select.add("count(" + x + ")").add("coalesce(sum(" + x + ")::DOUBLE, 0)").add("coalesce(sum(abs(" + x + "))::DOUBLE, 0)")
            .add("coalesce(max(abs(" + x + "))::DOUBLE, 0)").add("coalesce(list_extract(max(abs(" + x + ")::DOUBLE, 2), 2), 0)");
      }
    }
    String sql = select + source + (k == 0 ? "" : groups.toString()) + " LIMIT " + (TabulationSpec.MAX_CELLS + 1);
    List<TableCell> cells = new ArrayList<>();
    try (ResultSet r = e.query(sql)) {
      while (r.next()) {
        if (cells.size() == TabulationSpec.MAX_CELLS) {
          // the cell count was checked, but a SELECT may not give the same rows twice (random(), sampling)
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "The table would have more than " + TabulationSpec.MAX_CELLS + " cells with its totals; use fewer or coarser dimensions.",
              Map.of("field", "dimensions"));
        }
        List<Object> key = new ArrayList<>(k);
        int mask = 0;
        for (int d = 0; d < k; d++) {
          key.add(JsonValues.of(r.getObject(d + 1)));
          if (r.getLong(k + d + 1) != 0) {
            mask |= 1 << d;
          }
        }
        long records = r.getLong(2 * k + 1);
        int at = 2 * k + 2;
        List<Magnitude> magnitudes = new ArrayList<>(measures.size());
        for (ResultColumn m : measured) {
          if (m == null) {
            magnitudes.add(Magnitude.ofCount(records));
          } else {
            magnitudes.add(new Magnitude(r.getLong(at), r.getDouble(at + 1), r.getDouble(at + 2), r.getDouble(at + 3), r.getDouble(at + 4)));
            at += 5;
          }
        }
        cells.add(new TableCell(key, mask, records, magnitudes));
      }
    }
    return cells;
  }
}
