package org.madang.engine.sandbox;

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.JsonValues;
import org.madang.engine.store.SqlPosition;
import org.madang.engine.store.Warehouse;

/**
 * Runs analysts' SQL with exactly the rights the caller was given, whoever the caller is (admins included).
 *
 * <p>Four fences, each enough against a different mistake in the others:
 *
 * <ol>
 *   <li>the text is at most {@link SandboxLimits#maxSqlChars()} long;
 *   <li>{@link StatementAllowlist} accepts one SELECT (or {@code CREATE TABLE name AS SELECT} in a project) that names
 *       only readable relations and allowed functions, from DuckDB's own parse of it;
 *   <li>what runs is built here around the checked text: {@code SELECT * FROM (<text>) LIMIT n} in a read-only
 *       transaction, or {@code CREATE TABLE <workspace>.<name> AS <text>}, so the row cap holds inside DuckDB and a
 *       working table can only land in the caller's own project; {@link #tabulate} wraps it in {@code GROUP BY CUBE}
 *       ({@link TabulationQuery}), so only aggregates come back;
 *   <li>the warehouse runs with external access off and its configuration locked ({@link Warehouse}): no files,
 *       network, extensions or settings whatever a statement says.
 * </ol>
 *
 * A watchdog cancels a statement at its time limit ({@code Statement.cancel}, which interrupts DuckDB); a {@link
 * QueryCancellation} stops it from outside. Thread-safe: every statement runs on its own connection.
 */
public final class SqlSandbox implements AutoCloseable {

  private static final Pattern WORKSPACE = Pattern.compile("project_[0-9]{1,18}");
  private static final Pattern SUGGESTION = Pattern.compile("\\s*Did you mean \"[^\"]*\"\\??");

  private final Warehouse warehouse;
  private final ScheduledExecutorService watchdog;
  private volatile StatementAllowlist allowlist;

  public SqlSandbox(Warehouse warehouse) {
    this.warehouse = warehouse;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sandbox-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  /** The DuckDB schema that holds a project's working tables. */
  public static String workspaceSchema(long projectId) {
    return "project_" + projectId;
  }

  public static boolean isWorkspaceSchema(String name) {
    return name != null && WORKSPACE.matcher(name).matches();
  }

  public static boolean isTableName(String name) {
    return CreateTableStatement.isTableName(name);
  }

  /**
   * Checks and runs one statement. Refusals are {@link ErrorCode#ACCESS_DENIED} with {@code refusal} (a {@link
   * Refusal} code) and, when known, {@code line} and {@code column}; SQL errors are {@link ErrorCode#SQL_ERROR} with
   * the line and column; a statement stopped at its time limit is {@link ErrorCode#EXCEEDED_TIME_LIMIT}.
   */
  public SandboxResult run(SandboxRequest request, QueryCancellation cancellation) {
    long started = System.nanoTime();
    requireSizedText(request);
    Optional<CreateTableStatement> create = CreateTableStatement.find(request.sql());
    if (create.isPresent() && request.workspace() == null) {
      throw refused(Refusal.STATEMENT, "Working tables are made inside a project: send the project with the query.", new SqlPosition(1, 1));
    }
    int start = create.map(CreateTableStatement::selectStart).orElse(0);
    return execute(request, start, cancellation, (c, text, e, checked) -> {
      if (create.isPresent()) {
        CreateTableStatement ct = create.get();
        e.execute("CREATE " + (ct.replace() ? "OR REPLACE " : "") + "TABLE " + request.workspace() + ".\"" + ct.table() + "\" AS\n" + text);
        WorkingTable table = describeTable(c, request.workspace(), ct.table());
        List<Column> columns = List.of(new Column("table", "table", "VARCHAR", ColumnRole.DATA), new Column("row_count", "row_count", "BIGINT", ColumnRole.DATA));
        List<Map<String, Object>> rows = List.of(Map.of("table", table.name(), "row_count", table.rowCount()));
        return new SandboxResult(columns, rows, false, checked.datasets(), table, elapsed(started));
      }
      int maxRows = request.limits().maxRows();
      e.beginReadOnly();
      try (ResultSet r = e.query("SELECT * FROM (\n" + text + "\n) AS madang_result LIMIT " + (maxRows + 1L))) {
        ResultSetMetaData meta = r.getMetaData();
        int n = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          columns.add(new Column(meta.getColumnLabel(i), meta.getColumnLabel(i), meta.getColumnTypeName(i), ColumnRole.DATA));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (r.next()) {
          if (rows.size() == maxRows) {
            truncated = true;
            break;
          }
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= n; i++) {
            row.put(columns.get(i - 1).name(), JsonValues.of(r.getObject(i)));
          }
          rows.add(row);
        }
        return new SandboxResult(columns, rows, truncated, checked.datasets(), null, elapsed(started));
      }
    });
  }

  /**
   * Tabulates the rows of an analyst's SELECT (one row per record) into a table of aggregates with all its margins,
   * for an output request's disclosure checks ({@code DisclosureControl.check(tabulation.table(), ...)}). The SELECT
   * goes through exactly the checks and limits of {@link #run}; the aggregation ({@code GROUP BY CUBE}) runs in DuckDB,
   * so only aggregates reach Java, and per cell the two largest single values behind the dominance rule.
   *
   * @throws MadangException as {@link #run} does, and {@link ErrorCode#INVALID_ARGUMENT} with {@code field} ({@code
   *     dimensions[1]}, {@code measures[0].column}) when the spec names a column the query does not return or a measure
   *     column that is not numeric, or when the table would have more than {@link TabulationSpec#MAX_CELLS} cells
   */
  public Tabulation tabulate(SandboxRequest request, TabulationSpec spec, QueryCancellation cancellation) {
    long started = System.nanoTime();
    requireSizedText(request);
    if (CreateTableStatement.find(request.sql()).isPresent()) {
      throw refused(Refusal.STATEMENT, "An output table is tabulated from a SELECT that returns one row per record, not from CREATE TABLE.",
          new SqlPosition(1, 1));
    }
    return execute(request, 0, cancellation, (c, text, e, checked) -> {
      e.beginReadOnly();
      return new Tabulation(TabulationQuery.tabulate(e, text, spec), checked.datasets(), elapsed(started));
    });
  }

  /** What runs once a statement passed the allowlist, on the statement's own connection. */
  @FunctionalInterface
  private interface CheckedWork<T> {
    T run(DuckDBConnection c, String text, Execution e, StatementAllowlist.Checked checked) throws SQLException;
  }

  /**
   * The path {@link #run} and {@link #tabulate} share: the allowlist, the watchdog at the time limit, cancellation,
   * the project's search path, and the mapping of errors back to the text as written.
   *
   * @param start where the SELECT begins in the request's text (after a {@code CREATE TABLE name AS} head)
   */
  private <T> T execute(SandboxRequest request, int start, QueryCancellation cancellation, CheckedWork<T> work) {
    String sql = request.sql();
    String text = trimEnd(sql.substring(start));
    StatementAllowlist.Source source = new StatementAllowlist.Source(sql, start);
    AtomicBoolean timedOut = new AtomicBoolean();
    try (DuckDBConnection c = warehouse.connect();
        Statement s = c.createStatement()) {
      AtomicReference<ScheduledFuture<?>> repeating = new AtomicReference<>();
      // a cancel that arrives between two statements of this run would be lost, so it repeats until the run ends
      AtomicBoolean finished = new AtomicBoolean();
      Runnable cancel = () -> repeating.compareAndSet(null, watchdog.scheduleWithFixedDelay(() -> {
        if (finished.get()) {
          throw new IllegalStateException("the run ended"); // stops the repetition
        }
        try {
          s.cancel();
        } catch (SQLException | RuntimeException ignored) {
          // the statement already ended
        }
      }, 0, 50, TimeUnit.MILLISECONDS));
      ScheduledFuture<?> deadline = watchdog.schedule(() -> {
        timedOut.set(true);
        cancel.run();
      }, request.limits().timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (cancellation != null) {
        cancellation.onCancel(cancel);
      }
      Execution e = new Execution(s);
      try {
        StatementAllowlist.Checked checked = allowlist(c).check(c, text, source, request);
        if (cancellation != null && cancellation.isCancelled()) {
          throw cancelled(cancellation);
        }
        if (request.workspace() != null) {
          s.execute("SET search_path = '" + request.workspace() + ",main'");
        }
        return work.run(c, text, e, checked);
      } catch (SQLException ex) {
        if (cancellation != null && cancellation.isCancelled()) {
          throw cancelled(cancellation);
        }
        if (timedOut.get()) {
          throw new MadangException(
              ErrorCode.EXCEEDED_TIME_LIMIT,
              "The query ran longer than " + seconds(request) + " and was cancelled; narrow it down or aggregate first.",
              Map.of("field", "sql", "refusal", Refusal.TIME_LIMIT.code(), "timeout_ms", request.limits().timeout().toMillis()),
              ex);
        }
        throw sqlError(sql, start, e.sent, ex);
      } finally {
        finished.set(true);
        deadline.cancel(false);
        ScheduledFuture<?> r = repeating.getAndSet(null);
        if (r != null) {
          r.cancel(false);
        }
        if (cancellation != null) {
          cancellation.clear();
        }
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The sandbox could not use the warehouse.", Map.of(), e);
    }
  }

  /**
   * The statement a checked run is sending. Whatever is sent has exactly one line before the checked text, so DuckDB's
   * line numbers in errors map back by subtracting one; {@link #sent} is what they are read against.
   */
  static final class Execution {
    private final Statement statement;
    private String sent;

    private Execution(Statement statement) {
      this.statement = statement;
    }

    void beginReadOnly() throws SQLException {
      statement.execute("BEGIN TRANSACTION READ ONLY");
    }

    ResultSet query(String sql) throws SQLException {
      sent = sql;
      return statement.executeQuery(sql);
    }

    void execute(String sql) throws SQLException {
      sent = sql;
      statement.execute(sql);
    }
  }

  private static void requireSizedText(SandboxRequest request) {
    String sql = request.sql();
    if (sql == null || sql.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The query is empty.", Map.of("field", "sql"));
    }
    if (sql.length() > request.limits().maxSqlChars()) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT,
          "The query is longer than the " + request.limits().maxSqlChars() + " characters the sandbox accepts.",
          Map.of("field", "sql", "refusal", Refusal.TOO_LARGE.code()));
    }
  }

  /** Creates the schema of a project's working tables, if missing. */
  public void createWorkspace(String workspace) {
    requireWorkspace(workspace);
    execute("CREATE SCHEMA IF NOT EXISTS " + workspace);
  }

  /** Drops a project's schema and every working table in it, irreversibly. Returns the tables dropped. */
  public List<WorkingTable> dropWorkspace(String workspace) {
    requireWorkspace(workspace);
    List<WorkingTable> tables = listTables(workspace);
    execute("DROP SCHEMA IF EXISTS " + workspace + " CASCADE");
    return tables;
  }

  /** The working tables of a project, by name. */
  public List<WorkingTable> listTables(String workspace) {
    requireWorkspace(workspace);
    try (DuckDBConnection c = warehouse.connect();
        var s = c.prepareStatement(
            "SELECT table_name, estimated_size, column_count FROM duckdb_tables() WHERE schema_name = ? AND database_name = current_database() ORDER BY table_name")) {
      s.setString(1, workspace);
      List<WorkingTable> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new WorkingTable(workspace, r.getString(1), r.getLong(2), r.getInt(3)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The working tables could not be listed.", Map.of(), e);
    }
  }

  /** The columns of each working table of a project (table name → columns in order; the label is the name). */
  public Map<String, List<Column>> listTableColumns(String workspace) {
    requireWorkspace(workspace);
    try (DuckDBConnection c = warehouse.connect();
        var s = c.prepareStatement("SELECT table_name, column_name, data_type FROM duckdb_columns() "
            + "WHERE schema_name = ? AND database_name = current_database() ORDER BY table_name, column_index")) {
      s.setString(1, workspace);
      Map<String, List<Column>> out = new LinkedHashMap<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new Column(r.getString(2), r.getString(2), r.getString(3), ColumnRole.DATA));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The working tables' columns could not be listed.", Map.of(), e);
    }
  }

  /** Drops one working table; false when there was none. */
  public boolean dropTable(String workspace, String table) {
    requireWorkspace(workspace);
    if (!isTableName(table)) {
      throw new MadangException(ErrorCode.INVALID_NAME, "A table name is a letter or '_' then up to 62 lowercase letters, digits or '_'.", Map.of("field", "table"));
    }
    boolean exists = listTables(workspace).stream().anyMatch(t -> t.name().equals(table));
    if (exists) {
      execute("DROP TABLE IF EXISTS " + workspace + ".\"" + table + "\"");
    }
    return exists;
  }

  private static WorkingTable describeTable(DuckDBConnection c, String workspace, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), (SELECT count(*) FROM duckdb_columns() WHERE schema_name = '" + workspace
            + "' AND table_name = '" + table + "' AND database_name = current_database()) FROM " + workspace + ".\"" + table + "\"")) {
      r.next();
      return new WorkingTable(workspace, table, r.getLong(1), r.getInt(2));
    }
  }

  private void execute(String sql) {
    try (DuckDBConnection c = warehouse.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The workspace could not be changed: " + e.getMessage(), Map.of(), e);
    }
  }

  private static void requireWorkspace(String workspace) {
    if (!isWorkspaceSchema(workspace)) {
      throw new IllegalArgumentException("not a workspace schema: " + workspace);
    }
  }

  private StatementAllowlist allowlist(DuckDBConnection c) throws SQLException {
    StatementAllowlist a = allowlist;
    if (a == null) {
      a = new StatementAllowlist(FunctionAllowlist.read(c));
      allowlist = a;
    }
    return a;
  }

  static MadangException refused(Refusal refusal, String message, SqlPosition at) {
    return refused(refusal, message, at, Map.of());
  }

  static MadangException refused(Refusal refusal, String message, SqlPosition at, Map<String, String> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", "sql");
    details.put("refusal", refusal.code());
    if (at != null) {
      details.put("line", at.line());
      details.put("column", at.column());
    }
    details.putAll(more);
    return new MadangException(ErrorCode.ACCESS_DENIED, message, details);
  }

  private static MadangException cancelled(QueryCancellation cancellation) {
    return new MadangException(
        ErrorCode.ACCESS_DENIED, "The query was cancelled: " + cancellation.reason(), Map.of("field", "sql", "refusal", Refusal.CANCELLED.code()));
  }

  private static MadangException sqlError(String sql, int start, String ran, SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Out of Memory")) {
      return new MadangException(
          ErrorCode.EXCEEDED_MEMORY_LIMIT,
          "The query needed more memory than the sandbox may use; aggregate earlier or read fewer columns.",
          Map.of("field", "sql", "refusal", Refusal.MEMORY_LIMIT.code()),
          e);
    }
    if (message.contains("Permission Error") || message.contains("read-only")) {
      return refused(Refusal.STATEMENT, "The query tried to write or to reach files, which the sandbox does not allow.", null);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", "sql");
    String where = "";
    if (ran != null) {
      Optional<SqlPosition> p = SqlPosition.ofMessage(ran, message);
      if (p.isPresent()) {
        SqlPosition inText = p.get().line() <= 1 ? new SqlPosition(1, 1) : new SqlPosition(p.get().line() - 1, p.get().column());
        SqlPosition inSql = SqlPosition.ofChar(sql, start + inText.offsetIn(sql.substring(start)));
        details.put("line", inSql.line());
        details.put("column", inSql.column());
        where = " (line " + inSql.line() + ", column " + inSql.column() + ")";
      }
    }
    String first = message.strip();
    int nl = first.indexOf('\n');
    first = (nl < 0 ? first : first.substring(0, nl)).replaceFirst("^[A-Za-z ]+ Error: ", "");
    // DuckDB's suggestions would name tables and functions the caller may not see
    first = SUGGESTION.matcher(first).replaceAll("").strip().replaceFirst("[!.]*$", ".");
    return new MadangException(ErrorCode.SQL_ERROR, "The query failed" + where + ": " + first, details, e);
  }

  private static String trimEnd(String text) {
    String t = text.stripTrailing();
    while (t.endsWith(";")) {
      t = t.substring(0, t.length() - 1).stripTrailing();
    }
    return t;
  }

  private static String seconds(SandboxRequest request) {
    long ms = request.limits().timeout().toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
