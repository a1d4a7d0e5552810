package org.madang.engine.sandbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scalar, aggregate and window functions sandboxed SQL may call: DuckDB's own, read from {@code duckdb_functions()}
 * once, less those that reach outside the query. Macros count only when their definition is a plain expression:
 * several of DuckDB's compatibility macros ({@code pg_get_viewdef}, {@code format_type}) read the catalog, and a macro
 * expands only when bound, after the sandbox has looked at the statement.
 */
final class FunctionAllowlist {

  private static final Set<String> DENIED =
      Set.of(
          "current_setting", "getvariable", "getenv", "nextval", "currval", "setval", "sleep_ms", "pg_sleep",
          "json_serialize_sql", "json_deserialize_sql", "json_serialize_plan", "json_execute_serialized_sql",
          "write_log", "parse_duckdb_log_message", "which_secret", "stats", "current_query", "txid_current",
          "current_transaction_id", "current_query_id", "current_connection_id", "get_block_size", "query", "query_table");
  private static final Pattern UNSAFE_MACRO = Pattern.compile("(?i)\\bselect\\b|\\bfrom\\b|duckdb_|pragma_|sleep|setting|getenv|variable|system\"?\\.");

  private final Set<String> allowed;

  private FunctionAllowlist(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  static FunctionAllowlist read(Connection c) throws SQLException {
    Set<String> allowed = new HashSet<>();
    Set<String> denied = new HashSet<>(DENIED);
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT function_name, function_type, coalesce(macro_definition, '') FROM duckdb_functions()")) {
      while (r.next()) {
        String name = r.getString(1).toLowerCase(Locale.ROOT);
        String type = r.getString(2);
        if (name.startsWith("__internal")) {
          denied.add(name);
        } else if (type.equals("scalar") || type.equals("aggregate") || type.equals("window")) {
          allowed.add(name);
        } else if (type.equals("macro")) {
          (UNSAFE_MACRO.matcher(r.getString(3)).find() ? denied : allowed).add(name);
        }
      }
    }
    allowed.removeAll(denied);
    return new FunctionAllowlist(allowed);
  }

  boolean allows(String name) {
    return allowed.contains(name.toLowerCase(Locale.ROOT));
  }
}
