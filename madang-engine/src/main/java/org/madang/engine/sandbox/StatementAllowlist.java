package org.madang.engine.sandbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.SqlPosition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides whether a statement may run, from DuckDB's own parse of it ({@code json_serialize_sql}, which serializes
 * SELECT statements only, so anything else is refused before a rule is needed for it):
 *
 * <ul>
 *   <li>exactly one statement, a SELECT; {@code DESCRIBE}, {@code SHOW} and {@code SUMMARIZE} parse as SELECTs over
 *       the catalog and are refused;
 *   <li>every table reference is a dataset view the caller may read ({@code x} or {@code main.x}), a table of the
 *       caller's project ({@code project_7.t}, or {@code t} inside the project), or a CTE of the statement. A CTE may
 *       not be named like any other relation in the database, so scoping can never make a CTE's name bind to a table
 *       the caller may not read;
 *   <li>table functions: {@code range}, {@code generate_series} and {@code unnest} only (no file readers, no catalog
 *       listings, no {@code query()});
 *   <li>functions: only those in {@link FunctionAllowlist}, never qualified with a schema or catalog.
 * </ul>
 *
 * Unknown kinds of query nodes or table references are refused, so a new DuckDB syntax fails closed.
 */
final class StatementAllowlist {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TABLE_FUNCTIONS = Set.of("range", "generate_series", "unnest");
  private static final Set<String> QUERY_NODES = Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");
  private static final Set<String> TABLE_REFS = Set.of("BASE_TABLE", "JOIN", "SUBQUERY", "TABLE_FUNCTION", "EXPRESSION_LIST", "EMPTY", "PIVOT");
  private static final long NO_LOCATION = -1L;

  private final FunctionAllowlist functions;

  StatementAllowlist(FunctionAllowlist functions) {
    this.functions = functions;
  }

  /** Where the checked text sits in what the caller wrote, for positions in errors. */
  record Source(String original, int start) {
    SqlPosition at(String text, long byteOffset) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int at = (int) Math.max(0, Math.min(byteOffset, bytes.length));
      return SqlPosition.ofChar(original, start + new String(bytes, 0, at, StandardCharsets.UTF_8).length());
    }
  }

  /** What a statement that passed reads: the dataset views it names. */
  record Checked(Set<String> datasets) {}

  Checked check(Connection c, String text, Source source, SandboxRequest request) throws SQLException {
    JsonNode parsed;
    try (PreparedStatement s = c.prepareStatement("SELECT json_serialize_sql(?)")) {
      s.setString(1, text);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        parsed = JSON.readTree(r.getString(1));
      }
    } catch (JacksonException e) {
      throw SqlSandbox.refused(Refusal.TOO_DEEP, "The query nests expressions or subqueries deeper than the sandbox follows; simplify it.", null);
    }
    if (parsed.path("error").asBoolean(false)) {
      String type = parsed.path("error_type").asString("");
      String message = parsed.path("error_message").asString("");
      if (type.equals("not implemented") || message.contains("Only SELECT")) {
        throw SqlSandbox.refused(
            Refusal.STATEMENT,
            "Only SELECT queries run here" + (request.workspace() == null ? "" : ", and CREATE TABLE name AS SELECT ... inside a project")
                + "; settings, files, extensions, other databases and the catalog are off limits.",
            source.at(text, 0));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("field", "sql");
      String where = "";
      if (parsed.has("position")) {
        SqlPosition p = source.at(text, Long.parseLong(parsed.get("position").asString("0")));
        details.put("line", p.line());
        details.put("column", p.column());
        where = " at line " + p.line() + ", column " + p.column();
      }
      throw new MadangException(ErrorCode.SQL_ERROR, "The query has a syntax error" + where + ": " + message + ".", details);
    }
    JsonNode statements = parsed.path("statements");
    if (statements.size() != 1) {
      throw SqlSandbox.refused(Refusal.MULTIPLE_STATEMENTS, "Send one statement at a time.", null);
    }
    Walk walk = new Walk(c, text, source, request);
    Set<String> ctes = new HashSet<>();
    collectCteNames(statements, ctes);
    walk.ctes = ctes;
    walk.visit(statements.get(0).path("node"), 0);
    return new Checked(Set.copyOf(walk.datasets));
  }

  private static void collectCteNames(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      JsonNode map = node.path("cte_map").path("map");
      for (JsonNode entry : map) {
        out.add(entry.path("key").asString("").toLowerCase(Locale.ROOT));
      }
    }
    if (node.isContainer()) {
      for (JsonNode child : node) {
        collectCteNames(child, out);
      }
    }
  }

  private final class Walk {
    private final Connection connection;
    private final String text;
    private final Source source;
    private final SandboxRequest request;
    private final Set<String> datasets = new HashSet<>();
    private Set<String> ctes = Set.of();
    private Set<String> allRelations;
    private Set<String> workspaceTables;

    Walk(Connection connection, String text, Source source, SandboxRequest request) {
      this.connection = connection;
      this.text = text;
      this.source = source;
      this.request = request;
    }

    void visit(JsonNode node, int depth) throws SQLException {
      if (depth > 2000) {
        throw SqlSandbox.refused(Refusal.TOO_DEEP, "The query nests expressions or subqueries deeper than the sandbox follows; simplify it.", null);
      }
      if (node.isArray()) {
        for (JsonNode child : node) {
          visit(child, depth + 1);
        }
        return;
      }
      if (!node.isObject()) {
        return;
      }
      String kind = node.path("class").asString("");
      String type = node.path("type").isString() ? node.path("type").asString() : "";
      if (!kind.isEmpty()) {
        checkExpression(node, kind, type);
      } else if (node.has("cte_map") && !QUERY_NODES.contains(type)) {
        throw SqlSandbox.refused(Refusal.STATEMENT, "This kind of query (" + type + ") is not available in the sandbox.", at(node));
      } else if (node.has("sample") && node.has("query_location")) {
        if (!TABLE_REFS.contains(type)) {
          throw SqlSandbox.refused(
              Refusal.STATEMENT, "DESCRIBE, SHOW and SUMMARIZE are not available here; the workspace lists the tables and columns you may use.", at(node));
        }
        if (type.equals("BASE_TABLE")) {
          checkTable(node);
        } else if (type.equals("TABLE_FUNCTION")) {
          checkTableFunction(node);
          visit(node.path("function").path("arguments"), depth + 1);
          return;
        }
      }
      for (JsonNode child : node) {
        if (child.isContainer()) {
          visit(child, depth + 1);
        }
      }
    }

    private void checkExpression(JsonNode node, String kind, String type) {
      boolean named = kind.equals("FUNCTION") || kind.equals("AGGREGATE") || (kind.equals("WINDOW") && node.has("function_name"));
      if (!named) {
        return;
      }
      String name = node.path("function_name").asString("");
      boolean qualified = !node.path("schema").asString("").isEmpty() || !node.path("catalog").asString("").isEmpty();
      if (qualified || !functions.allows(name)) {
        throw SqlSandbox.refused(
            Refusal.FUNCTION,
            "The function " + name + " is not available in the sandbox (it reads settings, the environment, sequences or the catalog, or is unknown).",
            at(node),
            Map.of("function", name));
      }
    }

    private void checkTableFunction(JsonNode node) {
      JsonNode function = node.path("function");
      String name = function.path("function_name").asString("");
      boolean qualified = !function.path("schema").asString("").isEmpty() || !function.path("catalog").asString("").isEmpty();
      if (qualified || !TABLE_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT))) {
        throw SqlSandbox.refused(
            Refusal.TABLE_FUNCTION,
            "The table function " + name + " is not available in the sandbox: files, other databases and the catalog are off limits; "
                + "query the datasets you may read instead.",
            at(node),
            Map.of("function", name));
      }
    }

    private void checkTable(JsonNode node) throws SQLException {
      String catalog = node.path("catalog_name").asString("").toLowerCase(Locale.ROOT);
      String schema = node.path("schema_name").asString("").toLowerCase(Locale.ROOT);
      String table = node.path("table_name").asString("").toLowerCase(Locale.ROOT);
      String workspace = request.workspace();
      boolean allowed;
      if (!catalog.isEmpty()) {
        allowed = false;
      } else if (schema.isEmpty()) {
        if (request.readable().contains(table)) {
          datasets.add(table);
          allowed = true;
        } else if (workspace != null && workspaceTables().contains(table)) {
          allowed = true;
        } else {
          allowed = ctes.contains(table) && !allRelations().contains(table);
        }
      } else if (schema.equals("main")) {
        allowed = request.readable().contains(table);
        if (allowed) {
          datasets.add(table);
        }
      } else {
        allowed = schema.equals(workspace);
      }
      if (!allowed) {
        String shown = (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table;
        throw SqlSandbox.refused(
            Refusal.RELATION,
            "You may not read '" + shown + "' here: the sandbox reads the datasets open to you"
                + (workspace == null ? "" : " and your project's tables") + ", and a CTE may not reuse another table's name.",
            at(node),
            Map.of("relation", shown));
      }
    }

    private Set<String> allRelations() throws SQLException {
      if (allRelations == null) {
        allRelations = names("SELECT lower(table_name) FROM duckdb_tables() UNION SELECT lower(view_name) FROM duckdb_views()", null);
      }
      return allRelations;
    }

    private Set<String> workspaceTables() throws SQLException {
      if (workspaceTables == null) {
        workspaceTables = names("SELECT lower(table_name) FROM duckdb_tables() WHERE schema_name = ?", request.workspace());
      }
      return workspaceTables;
    }

    private Set<String> names(String sql, String parameter) throws SQLException {
      Set<String> out = new HashSet<>();
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        if (parameter != null) {
          s.setString(1, parameter);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            out.add(r.getString(1));
          }
        }
      }
      return out;
    }

    private SqlPosition at(JsonNode node) {
      JsonNode at = node.path("query_location");
      long location = at.isIntegralNumber() && at.canConvertToLong() ? at.longValue() : NO_LOCATION;
      if (location < 0 || location > text.length() * 4L) {
        return null;
      }
      return source.at(text, location);
    }
  }
}
