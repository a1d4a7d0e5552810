package org.madang.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.TablePage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one read-only SQL statement, guarded three ways:
 *
 * <ol>
 *   <li>DuckDB's own parser decides what the text is ({@code json_serialize_sql}): exactly one SELECT, else refused.
 *       In its syntax tree, table functions other than {@code range}, {@code generate_series}, {@code unnest} and the
 *       catalog listings {@code duckdb_tables/columns/views/schemas} ({@code read_csv}, {@code glob}, {@code query}
 *       ...) are refused;
 *   <li>it runs inside {@code BEGIN TRANSACTION READ ONLY} on its own connection, so any write fails, and is rolled
 *       back;
 *   <li>the database was opened with external access off ({@link Warehouse}): files outside the engine's work
 *       directory cannot be read or written whatever the statement.
 * </ol>
 *
 * <p>A {@code SET access_mode} per connection does not exist in DuckDB (the mode is fixed when the database opens),
 * and a second read-only attach of the same file from this process is refused by DuckDB, hence this arrangement.
 * Errors come back as SQL_ERROR with the line and column DuckDB points at.
 */
public final class ReadOnlyQuery {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ALLOWED_TABLE_FUNCTIONS =
      Set.of("range", "generate_series", "unnest", "duckdb_tables", "duckdb_columns", "duckdb_views", "duckdb_schemas");

  private final Warehouse warehouse;

  public ReadOnlyQuery(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  public TablePage query(String sql, int maxRows) {
    if (sql == null || sql.isBlank()) {
      throw new MadangException(ErrorCode.SQL_ERROR, "The query is empty.", Map.of("field", "sql"));
    }
    if (maxRows < 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The row limit cannot be negative.", Map.of("field", "maxRows"));
    }
    String text = sql.stripTrailing();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).stripTrailing();
    }
    try (DuckDBConnection c = warehouse.connect()) {
      check(c, sql, text);
      VersionStore.execute(c, "BEGIN TRANSACTION READ ONLY");
      try (Statement s = c.createStatement()) {
        s.setFetchSize(Math.max(1, Math.min(maxRows + 1, 2048)));
        try (ResultSet r = s.executeQuery(text)) {
          ResultSetMetaData meta = r.getMetaData();
          int n = meta.getColumnCount();
          List<Column> columns = new ArrayList<>(n);
          List<String> names = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            String name = meta.getColumnLabel(i);
            names.add(name);
            columns.add(new Column(name, name, meta.getColumnTypeName(i), ColumnRole.DATA));
          }
          List<Map<String, Object>> rows = new ArrayList<>();
          long total = 0;
          while (r.next()) {
            total++;
            if (total <= maxRows) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 1; i <= n; i++) {
                row.put(names.get(i - 1), JsonValues.of(r.getObject(i)));
              }
              rows.add(row);
            }
          }
          return new TablePage(columns, rows, total);
        }
      } finally {
        try {
          VersionStore.execute(c, "ROLLBACK");
        } catch (SQLException ignored) {
          // the transaction already ended with the error
        }
      }
    } catch (SQLException e) {
      throw sqlError(sql, e);
    }
  }

  private void check(DuckDBConnection c, String original, String text) throws SQLException {
    JsonNode parsed;
    try (PreparedStatement s = c.prepareStatement("SELECT json_serialize_sql(?)")) {
      s.setString(1, text);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        parsed = JSON.readTree(r.getString(1));
      }
    }
    if (parsed.path("error").asBoolean(false)) {
      String type = parsed.path("error_type").asString("");
      String message = parsed.path("error_message").asString("");
      if (type.equals("not implemented") || message.contains("Only SELECT")) {
        throw new MadangException(
            ErrorCode.ACCESS_DENIED, "Only read-only SELECT queries may run here.", Map.of("field", "sql"));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("field", "sql");
      String where = "";
      if (parsed.has("position")) {
        int lead = Math.max(0, original.indexOf(text));
        SqlPosition at = SqlPosition.ofChar(original, lead + Integer.parseInt(parsed.get("position").asString("0")));
        details.put("line", at.line());
        details.put("column", at.column());
        where = " at line " + at.line() + ", column " + at.column();
      }
      throw new MadangException(ErrorCode.SQL_ERROR, "The query has a syntax error" + where + ": " + message + ".", details);
    }
    JsonNode statements = parsed.path("statements");
    if (statements.size() != 1) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Run one SELECT statement at a time.", Map.of("field", "sql"));
    }
    Optional<String> function = forbiddenTableFunction(statements);
    if (function.isPresent()) {
      throw new MadangException(
          ErrorCode.ACCESS_DENIED,
          "The table function " + function.get() + " is not allowed in queries; query the datasets' tables instead.",
          Map.of("field", "sql", "function", function.get()));
    }
  }

  private static Optional<String> forbiddenTableFunction(JsonNode node) {
    if (node.isObject()) {
      if ("TABLE_FUNCTION".equals(node.path("type").asString(""))) {
        String name = node.path("function").path("function_name").asString("");
        if (!ALLOWED_TABLE_FUNCTIONS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
          return Optional.of(name.isEmpty() ? "(unknown)" : name);
        }
      }
      for (JsonNode child : node) {
        Optional<String> found = forbiddenTableFunction(child);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        Optional<String> found = forbiddenTableFunction(child);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static MadangException sqlError(String sql, SQLException e) {
    String message = DuckDbErrors.message(e);
    if (message.contains("Permission Error") || message.contains("read-only mode")) {
      return new MadangException(ErrorCode.ACCESS_DENIED, "The query tried to write or to read files, which is not allowed here.", Map.of("field", "sql"), e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", "sql");
    String where = "";
    Optional<SqlPosition> position = SqlPosition.ofMessage(sql, message);
    if (position.isPresent()) {
      details.put("line", position.get().line());
      details.put("column", position.get().column());
      where = " (line " + position.get().line() + ", column " + position.get().column() + ")";
    }
    return new MadangException(ErrorCode.SQL_ERROR, "The query failed" + where + ": " + DuckDbErrors.summary(e), details, e);
  }
}
