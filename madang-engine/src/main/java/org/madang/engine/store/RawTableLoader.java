package org.madang.engine.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.ingest.ColumnNamer;
import org.madang.engine.ingest.PreparedSource;
import org.madang.engine.ingest.SourceColumn;
import org.madang.engine.ingest.ValueKind;

/**
 * Reads a prepared source into a temporary table with DuckDB's own readers ({@code read_csv} with the dialect and
 * types the engine found, strict; {@code read_parquet}). When DuckDB refuses a value the sample said was a number or
 * date, that column is read as text and re-checked later; when it refuses the file's structure (e.g. CRLF and LF
 * mixed), the file is rewritten record by record, which also names the line of a truly broken record.
 */
final class RawTableLoader {

  /** The longest record DuckDB reads (a WKT geometry can be megabytes long). */
  static final int MAX_LINE_BYTES = 16 << 20;

  /**
   * DuckDB's read buffer. Its default is 16 times the longest line, 256 MB here: scanning the 1.4 GB benchmark file
   * took the process to 615 MB resident with it and to 290-320 MB with this. A record longer than a buffer is still
   * read whole (DirectLoadMatchesTwoPassTest reads a 12 MB one across the first buffer's end).
   */
  static final int BUFFER_BYTES = 2 * MAX_LINE_BYTES;

  private RawTableLoader() {}

  static RawTable load(DuckDBConnection c, PreparedSource prepared, String fileName, int maxColumns) throws SQLException {
    String name = "raw_" + UUID.randomUUID().toString().replace("-", "");
    return prepared.parquet() ? loadParquet(c, name, prepared, fileName, maxColumns) : loadCsv(c, name, prepared, fileName);
  }

  private static RawTable loadParquet(DuckDBConnection c, String name, PreparedSource prepared, String fileName, int maxColumns)
      throws SQLException {
    String read = "read_parquet('" + Warehouse.sqlPath(prepared.file()) + "')";
    Map<String, String> types;
    try {
      types = describe(c, read);
    } catch (SQLException e) {
      throw new MadangException(
          ErrorCode.MALFORMED_FILE, "The file " + fileName + " is not a readable Parquet file.", Map.of("field", "file"), e);
    }
    if (types.size() > maxColumns) {
      throw new MadangException(
          ErrorCode.TOO_MANY_COLUMNS,
          "The file " + fileName + " has " + types.size() + " columns; at most " + maxColumns + " are allowed.",
          Map.of("columns", types.size(), "maxColumns", maxColumns));
    }
    List<String> labels = new ArrayList<>(types.keySet());
    List<String> names = ColumnNamer.namesFor(labels);
    List<SourceColumn> columns = new ArrayList<>();
    StringBuilder select = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      columns.add(new SourceColumn(names.get(i), labels.get(i), kindOf(types.get(labels.get(i))), false));
      select.append(i > 0 ? ", " : "").append(ColumnCleaner.quote(labels.get(i))).append(" AS ").append(ColumnCleaner.quote(names.get(i)));
    }
    // renamed on the way in, so no source column can hide DuckDB's rowid
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TEMP TABLE \"" + name + "\" AS SELECT " + select + " FROM " + read);
    } catch (SQLException e) {
      throw new MadangException(
          ErrorCode.MALFORMED_FILE, "The file " + fileName + " is not a readable Parquet file.", Map.of("field", "file"), e);
    }
    return new RawTable(name, prepared, names, columns, count(c, name));
  }

  private static RawTable loadCsv(DuckDBConnection c, String name, PreparedSource prepared, String fileName) throws SQLException {
    PreparedSource source = prepared;
    List<SourceColumn> columns = new ArrayList<>(prepared.columns());
    for (int attempt = 0; ; attempt++) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE OR REPLACE TEMP TABLE \"" + name + "\" AS SELECT * FROM " + readCsv(source, columns));
        break;
      } catch (SQLException e) {
        var column = DuckDbErrors.convertingColumn(e);
        if (column.isPresent() && attempt <= columns.size()) {
          int i = indexOf(columns, column.get());
          if (i >= 0 && columns.get(i).readKind() != ValueKind.VARCHAR) {
            columns.set(i, columns.get(i).withCleaning());
            continue;
          }
        }
        if (source.repair() != null) {
          source = source.repair().rewrite();
          continue;
        }
        throw unreadable(e, source, fileName);
      }
    }
    List<String> sourceNames = columns.stream().map(SourceColumn::name).toList();
    return new RawTable(name, source.withColumns(columns), sourceNames, columns, count(c, name));
  }

  private static MadangException unreadable(SQLException e, PreparedSource source, String fileName) {
    Map<String, Object> details = new LinkedHashMap<>();
    DuckDbErrors.csvLine(e).ifPresent(line -> details.put("line", line));
    String where = details.containsKey("line") ? " at line " + details.get("line") : "";
    if (DuckDbErrors.isInvalidUnicode(e)) {
      return new MadangException(
          ErrorCode.UNDECODABLE_TEXT, "The file " + fileName + " is not valid " + source.encoding() + " text" + where + ".", details, e);
    }
    var counts = DuckDbErrors.columnCounts(e);
    if (counts.isPresent()) {
      details.put("expectedFields", counts.get()[0]);
      details.put("foundFields", counts.get()[1]);
      return new MadangException(
          ErrorCode.MALFORMED_FILE,
          "Line " + details.getOrDefault("line", "?") + " of " + fileName + " has " + counts.get()[1] + " fields where the header has "
              + counts.get()[0] + ".",
          details,
          e);
    }
    return new MadangException(
        ErrorCode.MALFORMED_FILE, "The file " + fileName + " cannot be read" + where + ": " + DuckDbErrors.summary(e), details, e);
  }

  static String readCsv(PreparedSource source, List<SourceColumn> columns) {
    StringBuilder types = new StringBuilder("{");
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        types.append(", ");
      }
      types.append('\'').append(columns.get(i).name()).append("': '").append(columns.get(i).readKind().name()).append('\'');
    }
    types.append('}');
    String quote = source.quote() == 0 ? "" : String.valueOf(source.quote()).replace("'", "''");
    return "read_csv('" + Warehouse.sqlPath(source.file()) + "', auto_detect = false, header = false, skip = " + source.skipRecords()
        + ", delim = '" + String.valueOf(source.delimiter()).replace("'", "''") + "', quote = '" + quote + "', escape = '" + quote
        + "', strict_mode = true, null_padding = " + source.nullPadding() + ", max_line_size = " + MAX_LINE_BYTES + ", buffer_size = "
        + BUFFER_BYTES + ", columns = " + types + ")";
  }

  private static int indexOf(List<SourceColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static Map<String, String> describe(DuckDBConnection c, String relation) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
      while (r.next()) {
        types.put(r.getString(1), r.getString(2));
      }
    }
    return types;
  }

  private static long count(DuckDBConnection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + name + "\"")) {
      r.next();
      return r.getLong(1);
    }
  }

  static ValueKind kindOf(String duckdbType) {
    String t = duckdbType.toUpperCase(java.util.Locale.ROOT);
    if (t.equals("BIGINT") || t.equals("INTEGER") || t.equals("SMALLINT") || t.equals("TINYINT") || t.startsWith("UBIGINT")
        || t.startsWith("UINTEGER") || t.startsWith("USMALLINT") || t.startsWith("UTINYINT") || t.equals("HUGEINT")) {
      return ValueKind.BIGINT;
    }
    if (t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL")) {
      return ValueKind.DOUBLE;
    }
    if (t.equals("DATE")) {
      return ValueKind.DATE;
    }
    if (t.startsWith("TIMESTAMP")) {
      return ValueKind.TIMESTAMP;
    }
    return ValueKind.VARCHAR;
  }
}
