package org.madang.engine.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.madang.engine.ingest.SourceColumn;

/**
 * Decides, for each column read as text but looking like numbers or dates, whether the whole column converts: numbers
 * written with thousands separators ({@code "1,395"} → 1395), padded with spaces ({@code " 74151 "}), or with
 * {@code -} for zero as statistical tables do. A column converts only when every non-empty value parses (and at least
 * one is a real number, so a column of dashes stays text); otherwise it stays text as written. One query checks all
 * candidate columns at once.
 */
final class ColumnCleaner {

  /** A column of the typed table: its name and label, and the SQL that computes it from the raw table. */
  record TypedColumn(String name, String label, String expression) {}

  private ColumnCleaner() {}

  static List<TypedColumn> typedColumns(DuckDBConnection c, RawTable raw, List<String> warnings) throws SQLException {
    List<SourceColumn> columns = raw.columns();
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).needsCleaning()) {
        candidates.add(i);
      }
    }
    boolean[] asBigint = new boolean[columns.size()];
    boolean[] asDouble = new boolean[columns.size()];
    boolean[] asTemporal = new boolean[columns.size()];
    if (!candidates.isEmpty()) {
      StringBuilder sql = new StringBuilder("SELECT ");
      for (int k = 0; k < candidates.size(); k++) {
        int i = candidates.get(k);
        String v = "trim(" + quote(raw.sourceNames().get(i)) + ")";
        String filled = v + " IS NOT NULL AND " + v + " <> ''";
        if (k > 0) {
          sql.append(", ");
        }
        if (columns.get(i).kind().isNumeric()) {
          String digits = "replace(" + v + ", ',', '')";
          sql.append("count(*) FILTER (WHERE ").append(filled).append(" AND ").append(v).append(" <> '-' AND TRY_CAST(").append(digits)
              .append(" AS BIGINT) IS NULL), count(*) FILTER (WHERE ").append(filled).append(" AND ").append(v)
              .append(" <> '-' AND TRY_CAST(").append(digits).append(" AS DOUBLE) IS NULL), count(*) FILTER (WHERE TRY_CAST(")
              .append(digits).append(" AS DOUBLE) IS NOT NULL)");
        } else {
          String type = columns.get(i).kind().name();
          sql.append("count(*) FILTER (WHERE ").append(filled).append(" AND TRY_CAST(").append(v).append(" AS ").append(type)
              .append(") IS NULL), 0, count(*) FILTER (WHERE TRY_CAST(").append(v).append(" AS ").append(type).append(") IS NOT NULL)");
        }
      }
      sql.append(" FROM \"").append(raw.name()).append('"');
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery(sql.toString())) {
        r.next();
        for (int k = 0; k < candidates.size(); k++) {
          int i = candidates.get(k);
          long badBigint = r.getLong(3 * k + 1);
          long badDouble = r.getLong(3 * k + 2);
          long good = r.getLong(3 * k + 3);
          if (good == 0) {
            continue;
          }
          if (columns.get(i).kind().isNumeric()) {
            asBigint[i] = badBigint == 0;
            asDouble[i] = !asBigint[i] && badDouble == 0;
          } else {
            asTemporal[i] = badBigint == 0;
          }
          if (!asBigint[i] && !asDouble[i] && !asTemporal[i]) {
            warnings.add("The column " + columns.get(i).label() + " looked like " + columns.get(i).kind().name().toLowerCase()
                + " values but not all of them are, so it was kept as text.");
          }
        }
      }
    }
    List<TypedColumn> typed = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      SourceColumn col = columns.get(i);
      String source = quote(raw.sourceNames().get(i));
      String v = "trim(" + source + ")";
      String expression;
      if (asBigint[i] || asDouble[i]) {
        String type = asBigint[i] ? "BIGINT" : "DOUBLE";
        expression = "CASE WHEN " + v + " = '-' THEN 0 WHEN " + v + " = '' THEN NULL ELSE CAST(replace(" + v + ", ',', '') AS " + type + ") END";
      } else if (asTemporal[i]) {
        expression = "CAST(NULLIF(" + v + ", '') AS " + col.kind().name() + ")";
      } else {
        expression = source;
      }
      typed.add(new TypedColumn(col.name(), col.label(), expression));
    }
    return typed;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
