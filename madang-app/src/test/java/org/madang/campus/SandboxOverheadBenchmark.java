package org.madang.campus;

import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.madang.MadangApplication;
import org.madang.MadangProperties;
import org.madang.engine.DataEngine;
import org.madang.engine.sandbox.SandboxLimits;
import org.madang.engine.sandbox.SandboxRequest;
import org.madang.engine.sandbox.SandboxResult;
import org.madang.engine.store.JsonValues;
import org.madang.engine.store.Warehouse;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Issue 5's benchmark (a command, not a test; see docs/BENCHMARKS.md): the SQL sandbox's overhead and 20 analysts at
 * once. In one JVM:
 *
 * <ol>
 *   <li>writes (once, then reuses) a synthetic 10M-row card-sales CSV ({@link CardSalesFile}, seeded) and the 25
 *       districts;
 *   <li>starts the whole platform on a free port, demo off, on a fresh data dir, with DuckDB's {@code threads} and
 *       {@code memory_limit} set like the peer's, and uploads both files through {@code POST /api/datasets} as admin
 *       ({@code card-sales} registered, {@code seoul-gu} public, both marked synthetic);
 *   <li>opens the peer: a separate DuckDB database ({@code DriverManager.getConnection("jdbc:duckdb:.../peer.duckdb")},
 *       same {@code threads} and {@code memory_limit}) loaded with {@code CREATE TABLE AS SELECT * FROM read_csv(...)}
 *       from the same files;
 *   <li>overhead: each aggregate query, in interleaved rounds (the order of the ways in rotates per round), through
 *       the peer's JDBC (all rows fetched), Madang's own warehouse over plain JDBC (its data layout without the
 *       sandbox), the sandbox called in-process ({@code SqlSandbox.run}), and {@code POST /api/sql} with an API token
 *       and with HTTP Basic (response JSON parsed); medians, ratios to the peer, and whether every way returned the
 *       peer's rows;
 *   <li>concurrency: 20 analysts (each its own account from {@code POST /api/admin/users}), one query in flight each,
 *       for a fixed time, against the peer over JDBC (20 connections, no admission limit) and through {@code /api/sql}
 *       with Basic and with tokens, interleaved; queries/s, p50/p99 of accepted ones, 429/503/other, the sandbox's
 *       admission state sampled every 2 ms (running and waiting queries, read from {@link SandboxAdmission} by
 *       reflection) and {@code /actuator/health} polled every 500 ms; then a burst of per-user + 2 simultaneous
 *       queries from one analyst, which the per-user limit must answer with 429.
 * </ol>
 *
 * Options: {@code --rows 10000000 --rounds 7 --seconds 30 --conc-rounds 2 --analysts 20 --threads 2 --memory 2GB
 * --dir /tmp/madang-bench-sandbox --per-user N --concurrent N --queue-wait 30s --skip-concurrency}.
 */
final class SandboxOverheadBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ADMIN_PASSWORD = "bench-password";
  private static final String ANALYST_PASSWORD = "analyst-password-1";

  /** A query of the benchmark: a name and its text, the same for every way in. */
  record Query(String name, String sql) {}

  /** A tiny query that measures each way's fixed cost per call; not part of the goal (it takes well under 100 ms). */
  static final Query PROBE = new Query("Q0 fixed cost (count of the 25-row table)", "SELECT count(*) AS n FROM seoul_gu");

  static final List<Query> QUERIES = List.of(
      new Query("Q1 by district (group by, 25 rows)",
          "SELECT gu_code, count(*) AS n_rows, sum(\"count\") AS transactions, sum(amount) AS amount, avg(amount) AS avg_amount\n"
              + "FROM card_sales GROUP BY gu_code ORDER BY gu_code"),
      new Query("Q2 by category and month (240 rows)",
          "SELECT category, date_trunc('month', day) AS month, sum(amount) AS amount, sum(\"count\") AS transactions\n"
              + "FROM card_sales GROUP BY category, month ORDER BY category, month"),
      new Query("Q3 median and percentiles by category",
          "SELECT category, median(amount) AS median_amount, quantile_cont(amount, 0.9) AS p90_amount,\n"
              + "  quantile_cont(amount / \"count\", 0.5) AS median_ticket\n"
              + "FROM card_sales GROUP BY category ORDER BY category"),
      new Query("Q4 filtered top 20 (summer, food)",
          "SELECT gu_code, day, sum(amount) AS amount FROM card_sales\n"
              + "WHERE category IN ('한식', '커피전문점', '제과점') AND day BETWEEN DATE '2024-06-01' AND DATE '2024-08-31'\n"
              + "GROUP BY gu_code, day ORDER BY amount DESC, gu_code, day LIMIT 20"),
      new Query("Q5 join with the 25 districts",
          "SELECT g.gu_name, g.population, sum(s.amount) AS amount, sum(s.amount) / g.population AS won_per_resident\n"
              + "FROM card_sales s JOIN seoul_gu g ON g.gu_code = s.gu_code\n"
              + "WHERE s.category NOT IN ('백화점', '대형마트')\n"
              + "GROUP BY g.gu_name, g.population ORDER BY won_per_resident DESC, g.gu_name"),
      new Query("Q6 top 3 categories per district (window)",
          "SELECT gu_code, category, amount, rnk FROM (\n"
              + "  SELECT gu_code, category, sum(amount) AS amount, rank() OVER (PARTITION BY gu_code ORDER BY sum(amount) DESC) AS rnk\n"
              + "  FROM card_sales GROUP BY gu_code, category)\n"
              + "WHERE rnk <= 3 ORDER BY gu_code, rnk"));

  private final Options options;
  private HttpClient http;
  private String base;
  private Connection peer;
  private DataEngine engine;
  private Warehouse warehouse;
  private final Set<String> readable = Set.of("card_sales", "seoul_gu");

  private SandboxOverheadBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    try {
      new SandboxOverheadBenchmark(o).run();
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  // ---- the run

  private void run() throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s; %s; load average %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"), LocalDateTime.now().withNano(0), loadAverage());
    System.out.printf(Locale.ROOT, "settings: rows %,d, rounds %d, DuckDB threads %d, memory_limit %s (Madang and the peer alike)%n",
        options.rows, options.rounds, options.threads, options.memory);

    long t0 = System.nanoTime();
    Path csv = CardSalesFile.ensure(options.dir, options.rows, CardSalesFile.SEED);
    Path gu = CardSalesFile.writeDistricts(options.dir);
    System.out.printf(Locale.ROOT, "input: %s (%,d bytes, seed %d, generator v%d), ready in %.1f s%n", csv, Files.size(csv), CardSalesFile.SEED,
        CardSalesFile.VERSION, (System.nanoTime() - t0) / 1e9);

    Path run = Files.createTempDirectory(options.dir, "run-");
    ConfigurableApplicationContext app = startMadang(run.resolve("data"));
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      base = "http://127.0.0.1:" + port;
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      engine = app.getBean(DataEngine.class);
      warehouse = warehouseOf(engine);

      // an organization for the uploads (demo off: there is none, and the API has no call to create one)
      app.getBean(org.madang.catalog.DatasetService.class)
          .findOrCreateOrganization(new org.madang.accounts.Viewer("admin", Set.of(org.madang.accounts.Role.ADMIN), null), "bench");
      long u0 = System.nanoTime();
      upload("card-sales", "카드 매출 (합성)", "registered", csv);
      double uploadSeconds = (System.nanoTime() - u0) / 1e9;
      upload("seoul-gu", "서울시 자치구 (합성)", "public", gu);
      System.out.printf(Locale.ROOT, "upload of card-sales through POST /api/datasets (multipart, ingest, publish): %.1f s%n", uploadSeconds);

      long p0 = System.nanoTime();
      peer = openPeer(run.resolve("peer.duckdb"), csv, gu);
      System.out.printf(Locale.ROOT, "peer load (CREATE TABLE AS SELECT * FROM read_csv): %.1f s%n", (System.nanoTime() - p0) / 1e9);
      printTypes();

      // the analyst of the overhead rounds, with a token too
      String analyst = "bench-analyst";
      createAnalyst(analyst);
      String basic = basic(analyst, ANALYST_PASSWORD);
      String bearer = "Bearer " + token(basic);

      List<Way> ways = List.of(
          new Way("peer JDBC", this::peerRows),
          new Way("Madang warehouse JDBC", this::warehouseRows),
          new Way("sandbox in-process", this::sandboxRows),
          new Way("/api/sql token", sql -> apiRows(sql, bearer)),
          new Way("/api/sql Basic", sql -> apiRows(sql, basic)));
      overhead(ways);
      fixedCost(basic, bearer);

      if (!options.skipConcurrency) {
        concurrency(app);
      }
    } finally {
      if (peer != null) {
        peer.close();
      }
      app.close();
      if (!options.keep) {
        deleteTree(run);
      }
    }
  }

  private ConfigurableApplicationContext startMadang(Path data) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=0",
        "--madang.data-dir=" + data,
        "--madang.admin-password=" + ADMIN_PASSWORD,
        "--madang.demo=false",
        "--madang.analyses.demo=false",
        "--madang.feeds.simulator.enabled=false",
        "--madang.engine.threads=" + options.threads,
        "--madang.engine.memory-limit=" + options.memory,
        "--madang.ingest.max-upload-bytes=4GB",
        "--logging.level.root=WARN"));
    if (options.perUser != null) {
      args.add("--madang.campus.sandbox.per-user=" + options.perUser);
    }
    if (options.concurrent != null) {
      args.add("--madang.campus.sandbox.concurrent=" + options.concurrent);
    }
    if (options.queueWait != null) {
      args.add("--madang.campus.sandbox.queue-wait=" + options.queueWait);
    }
    return new SpringApplication(MadangApplication.class).run(args.toArray(String[]::new));
  }

  private static Warehouse warehouseOf(DataEngine engine) throws ReflectiveOperationException {
    Field f = DataEngine.class.getDeclaredField("warehouse");
    f.setAccessible(true);
    return (Warehouse) f.get(engine);
  }

  private void upload(String name, String title, String access, Path file) throws Exception {
    String boundary = "----madang-bench-" + System.nanoTime();
    StringBuilder head = new StringBuilder();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("title", title);
    fields.put("organization", "bench");
    fields.put("access", access);
    fields.put("synthetic", "true");
    fields.put("description", "Synthetic data of the sandbox benchmark (CardSalesFile, seed " + CardSalesFile.SEED + ").");
    fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n")
        .append(v).append("\r\n"));
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(file.getFileName())
        .append("\"\r\nContent-Type: text/csv\r\n\r\n");
    String tail = "\r\n--" + boundary + "--\r\n";
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/datasets"))
        .header("Authorization", basic("admin", ADMIN_PASSWORD))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(Duration.ofMinutes(30))
        .POST(HttpRequest.BodyPublishers.concat(
            HttpRequest.BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)),
            HttpRequest.BodyPublishers.ofFile(file),
            HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8))))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("upload of " + name + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private Connection openPeer(Path file, Path csv, Path gu) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + options.threads);
      s.execute("SET memory_limit = '" + options.memory + "'");
      s.execute("CREATE TABLE card_sales AS SELECT * FROM read_csv('" + csv + "')");
      s.execute("CREATE TABLE seoul_gu AS SELECT * FROM read_csv('" + gu + "')");
      s.execute("CHECKPOINT");
    }
    return c;
  }

  private void printTypes() throws Exception {
    Map<String, String> peerTypes = new LinkedHashMap<>();
    try (Statement s = peer.createStatement(); ResultSet r = s.executeQuery("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'card_sales' ORDER BY ordinal_position")) {
      while (r.next()) {
        peerTypes.put(r.getString(1), r.getString(2));
      }
    }
    Map<String, String> madangTypes = new LinkedHashMap<>();
    try (DuckDBConnection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM card_sales LIMIT 0")) {
      ResultSetMetaData m = r.getMetaData();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        madangTypes.put(m.getColumnLabel(i), m.getColumnTypeName(i));
      }
    }
    System.out.println("columns: peer " + peerTypes + "; Madang's view card_sales " + madangTypes);
  }

  // ---- the ways in

  /** One way to run a query, returning its rows as JSON arrays (timed by the caller, conversion included). */
  record Way(String name, SqlRunner runner) {}

  @FunctionalInterface
  interface SqlRunner {
    Rows run(String sql) throws Exception;
  }

  /** Rows as fetched; {@code json} turns them into arrays of JSON values for the comparison (not timed). */
  record Rows(List<Object[]> raw, JsonNode parsed, long serverMillis) {
    ArrayNode json() throws SQLException {
      if (parsed != null) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode row : parsed.path("rows")) {
          ArrayNode a = out.addArray();
          row.properties().forEach(e -> a.add(e.getValue()));
        }
        return out;
      }
      ArrayNode out = JSON.createArrayNode();
      for (Object[] row : raw) {
        ArrayNode a = out.addArray();
        for (Object v : row) {
          a.add((JsonNode) JSON.valueToTree(JsonValues.of(v)));
        }
      }
      return out;
    }
  }

  private static List<Object[]> fetch(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      List<Object[]> rows = new ArrayList<>();
      while (r.next()) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          row[i] = r.getObject(i + 1);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private Rows peerRows(String sql) throws SQLException {
    return new Rows(fetch(peer, sql), null, -1);
  }

  private Rows warehouseRows(String sql) throws SQLException {
    try (DuckDBConnection c = warehouse.connect()) {
      return new Rows(fetch(c, sql), null, -1);
    }
  }

  private Rows sandboxRows(String sql) {
    SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(300), 10_000, 1 << 20);
    SandboxResult r = engine.sandbox().run(new SandboxRequest(sql, readable, null, limits), null);
    List<Object[]> rows = new ArrayList<>(r.rows().size());
    for (Map<String, Object> row : r.rows()) {
      rows.add(row.values().toArray());
    }
    return new Rows(rows, null, r.elapsedMillis());
  }

  private Rows apiRows(String sql, String authorization) throws Exception {
    HttpResponse<String> response = postSql(sql, authorization);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/api/sql answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode body = JSON.readTree(response.body());
    return new Rows(null, body, body.path("elapsed_ms").asLong(-1));
  }

  private HttpResponse<String> postSql(String sql, String authorization) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("sql", sql));
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/sql"))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(5))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // ---- part 1: overhead

  private void overhead(List<Way> ways) throws Exception {
    List<Query> queries = new ArrayList<>();
    queries.add(PROBE);
    queries.addAll(QUERIES);
    int q = queries.size();
    int w = ways.size();
    double[][][] ms = new double[q][w][options.rounds];
    long[][] serverMs = new long[q][options.rounds];
    String[][] equal = new String[q][w];
    System.out.printf(Locale.ROOT, "%noverhead: %d queries x %d ways, 1 warm-up round + %d measured rounds, order of the ways rotating; load average %s%n",
        q, w, options.rounds, loadAverage());
    for (int round = -1; round < options.rounds; round++) {
      for (int qi = 0; qi < q; qi++) {
        Query query = queries.get(qi);
        ArrayNode reference = null;
        Map<Integer, ArrayNode> results = new TreeMap<>();
        for (int k = 0; k < w; k++) {
          int wi = Math.floorMod(k + round + qi, w);
          long start = System.nanoTime();
          Rows rows = ways.get(wi).runner().run(query.sql());
          double took = (System.nanoTime() - start) / 1e6;
          if (round >= 0) {
            ms[qi][wi][round] = took;
            if (wi == w - 1) {
              serverMs[qi][round] = rows.serverMillis();
            }
          }
          if (round == options.rounds - 1 || round == -1) {
            results.put(wi, rows.json());
          }
        }
        if (!results.isEmpty()) {
          reference = results.get(0);
          for (int wi = 0; wi < w; wi++) {
            String diff = compare(reference, results.get(wi));
            if (round == -1 && diff != null) {
              System.out.println("warm-up: " + ways.get(wi).name() + " differs from the peer on " + query.name() + ": " + diff);
            }
            if (round == options.rounds - 1) {
              equal[qi][wi] = diff == null ? "equal (" + reference.size() + " rows)" : "DIFFERS: " + diff;
            }
          }
        }
      }
      if (round >= 0) {
        StringBuilder line = new StringBuilder("round " + (round + 1) + " (load " + loadAverage() + "):");
        for (int qi = 0; qi < q; qi++) {
          line.append(String.format(Locale.ROOT, " Q%d %.0f/%.0f ms", qi, ms[qi][0][round], ms[qi][w - 1][round]));
        }
        System.out.println(line + "  (peer / API Basic)");
      }
    }

    System.out.printf(Locale.ROOT, "%n### Sandbox overhead, %,d rows, median of %d interleaved rounds (ms); ratio = way / peer JDBC (medians)%n%n", options.rows, options.rounds);
    StringBuilder header = new StringBuilder("| query |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Way way : ways) {
      header.append(' ').append(way.name()).append(" |");
      rule.append("---|");
    }
    header.append(" API Basic / peer | API token / peer | sandbox / peer | per-round ratios, median: Basic / token / sandbox | server elapsed_ms (Basic) | rows equal to the peer's |");
    rule.append("---|---|---|---|---|---|");
    System.out.println(header);
    System.out.println(rule);
    for (int qi = 0; qi < q; qi++) {
      StringBuilder row = new StringBuilder("| " + queries.get(qi).name() + " |");
      double[] med = new double[w];
      for (int wi = 0; wi < w; wi++) {
        med[wi] = median(ms[qi][wi]);
        row.append(String.format(Locale.ROOT, " %.0f |", med[wi]));
      }
      double basicRatio = med[w - 1] / med[0];
      double tokenRatio = med[w - 2] / med[0];
      double sandboxRatio = med[2] / med[0];
      row.append(String.format(Locale.ROOT, " %s | %s | %.2fx | %.2fx / %.2fx / %.2fx | %.0f |", ratio(basicRatio, med[0]), ratio(tokenRatio, med[0]), sandboxRatio,
          perRound(ms[qi][w - 1], ms[qi][0]), perRound(ms[qi][w - 2], ms[qi][0]), perRound(ms[qi][2], ms[qi][0]),
          median(Arrays.stream(serverMs[qi]).asDoubleStream().toArray())));
      boolean allEqual = Arrays.stream(equal[qi]).allMatch(e -> e != null && e.startsWith("equal"));
      row.append(' ').append(allEqual ? "yes " + equal[qi][0].substring(6) : String.join("; ", equal[qi])).append(" |");
      System.out.println(row);
    }
    System.out.println();
    System.out.println("Every round, ms:");
    for (int qi = 0; qi < q; qi++) {
      StringBuilder line = new StringBuilder("  Q" + qi + ":");
      for (int wi = 0; wi < w; wi++) {
        line.append(' ').append(ways.get(wi).name()).append(' ').append(fmt(ms[qi][wi])).append(wi < w - 1 ? ";" : "");
      }
      System.out.println(line);
    }
  }

  /**
   * Where the fixed cost of a call goes: medians of 100 calls in turn of each step of the path, from the bare HTTP
   * round trip (anonymous health check) through authentication ({@code GET /api/me}) to a tiny query.
   */
  private void fixedCost(String basic, String bearer) throws Exception {
    Map<String, SqlRunner> steps = new LinkedHashMap<>();
    steps.put("in-process sandbox, Q0", sql -> sandboxRows(PROBE.sql()));
    steps.put("GET /actuator/health, anonymous (HTTP round trip)", sql -> get("/actuator/health", null));
    steps.put("GET /api/me, API token (+ token look-up)", sql -> get("/api/me", bearer));
    steps.put("GET /api/me, HTTP Basic (+ bcrypt)", sql -> get("/api/me", basic));
    steps.put("POST /api/sql Q0, API token", sql -> apiRows(PROBE.sql(), bearer));
    steps.put("POST /api/sql Q0, HTTP Basic", sql -> apiRows(PROBE.sql(), basic));
    int n = 100;
    double[][] ms = new double[steps.size()][n];
    List<SqlRunner> runners = new ArrayList<>(steps.values());
    for (int i = -10; i < n; i++) {
      for (int k = 0; k < runners.size(); k++) {
        long start = System.nanoTime();
        runners.get(k).run(null);
        if (i >= 0) {
          ms[k][i] = (System.nanoTime() - start) / 1e6;
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nfixed cost of one call, median of %d calls in turn (load average %s):%n", n, loadAverage());
    List<String> names = new ArrayList<>(steps.keySet());
    for (int k = 0; k < names.size(); k++) {
      System.out.printf(Locale.ROOT, "  %s: %.1f ms%n", names.get(k), median(ms[k]));
    }
  }

  private Rows get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode());
    }
    return new Rows(List.of(), null, -1);
  }

  /** The median of the per-round ratios way / peer: each round's two figures were taken seconds apart. */
  private static double perRound(double[] way, double[] peer) {
    double[] r = new double[way.length];
    for (int i = 0; i < way.length; i++) {
      r[i] = way[i] / peer[i];
    }
    return median(r);
  }

  private static String ratio(double r, double peerMillis) {
    return String.format(Locale.ROOT, "%s%.2fx%s", peerMillis > 100 ? "**" : "", r, peerMillis > 100 ? "**" : "");
  }

  /** Null when both row lists are the same (numbers equal, or within 1e-9 relative for fractions), else the first difference. */
  static String compare(ArrayNode expected, ArrayNode actual) {
    if (actual == null) {
      return "no rows";
    }
    if (expected.size() != actual.size()) {
      return expected.size() + " rows against " + actual.size();
    }
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      JsonNode a = actual.get(i);
      if (e.size() != a.size()) {
        return "row " + i + ": " + e.size() + " columns against " + a.size();
      }
      for (int j = 0; j < e.size(); j++) {
        if (!same(e.get(j), a.get(j))) {
          return "row " + i + " column " + j + ": " + e.get(j) + " against " + a.get(j);
        }
      }
    }
    return null;
  }

  private static boolean same(JsonNode e, JsonNode a) {
    if (e.isNumber() && a.isNumber()) {
      if (e.isIntegralNumber() && a.isIntegralNumber()) {
        return e.bigIntegerValue().equals(a.bigIntegerValue());
      }
      BigDecimal x = e.decimalValue();
      BigDecimal y = a.decimalValue();
      if (x.compareTo(y) == 0) {
        return true;
      }
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      return Math.abs(dx - dy) <= 1e-9 * Math.max(Math.abs(dx), Math.abs(dy));
    }
    return e.equals(a);
  }

  // ---- part 2: 20 analysts at once

  private record Outcome(int status, long start, long end, long serverMillis, String error) {}

  private void concurrency(ConfigurableApplicationContext app) throws Exception {
    MadangProperties.Campus.Sandbox limits = app.getBean(MadangProperties.class).campus().sandbox();
    int n = options.analysts;
    List<String> basics = new ArrayList<>();
    List<String> bearers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.format(Locale.ROOT, "analyst-%02d", i);
      createAnalyst(name);
      basics.add(basic(name, ANALYST_PASSWORD));
      bearers.add("Bearer " + token(basics.get(i)));
    }
    System.out.printf(Locale.ROOT, "%nconcurrency: %d analysts (accounts from POST /api/admin/users), one query in flight each, queries Q1-Q%d in turn;"
            + " limits per-user %d, concurrent %d, queue-wait %s; %d rounds of %d s per way, interleaved; load average %s%n",
        n, QUERIES.size(), limits.perUser(), limits.concurrent(), limits.queueWait(), options.concRounds, options.seconds, loadAverage());

    SandboxAdmission admission = app.getBean(SandboxAdmission.class);
    Field allField = SandboxAdmission.class.getDeclaredField("all");
    allField.setAccessible(true);
    Semaphore all = (Semaphore) allField.get(admission);
    Field byUserField = SandboxAdmission.class.getDeclaredField("byUser");
    byUserField.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<String, AtomicInteger> byUser = (Map<String, AtomicInteger>) byUserField.get(admission);

    Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    Map<String, int[]> admissionMax = new LinkedHashMap<>();
    Map<String, String> health = new LinkedHashMap<>();
    List<String> wayNames = List.of("peer JDBC, 20 connections, no limits", "/api/sql, HTTP Basic", "/api/sql, API tokens");
    for (String way : wayNames) {
      outcomes.put(way, Collections.synchronizedList(new ArrayList<>()));
      seconds.put(way, 0.0);
      admissionMax.put(way, new int[3]);
    }
    HealthPoller poller = new HealthPoller();
    for (int round = 0; round < options.concRounds; round++) {
      for (int k = 0; k < wayNames.size(); k++) {
        String way = wayNames.get(Math.floorMod(k + round, wayNames.size()));
        boolean api = !way.startsWith("peer");
        AtomicBoolean sampling = new AtomicBoolean(true);
        int[] max = admissionMax.get(way);
        Thread sampler = new Thread(() -> {
          while (sampling.get()) {
            max[0] = Math.max(max[0], limits.concurrent() - all.availablePermits());
            max[1] = Math.max(max[1], all.getQueueLength());
            for (AtomicInteger mine : byUser.values()) {
              max[2] = Math.max(max[2], mine.get());
            }
            try {
              Thread.sleep(2);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "bench-admission-sampler");
        sampler.setDaemon(true);
        sampler.start();
        if (api) {
          poller.start();
        }
        List<String> auth = way.endsWith("Basic") ? basics : bearers;
        double took = phase(n, options.seconds, outcomes.get(way), code -> api ? apiOutcome(auth.get(code / 1000), code) : peerOutcome(code));
        if (api) {
          poller.stop();
        }
        sampling.set(false);
        sampler.join();
        seconds.merge(way, took, Double::sum);
        System.out.printf(Locale.ROOT, "  round %d, %s: %.1f s, %d done; load average %s%n", round + 1, way, took, countDone(outcomes.get(way)), loadAverage());
      }
    }
    health.put("all", poller.summary());

    // the per-user limit: one analyst sends per-user + 2 queries at once (the slowest query, on an idle sandbox)
    int burst = limits.perUser() + 2;
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      String body = JSON.writeValueAsString(Map.of("sql", QUERIES.get(2).sql()));
      futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/sql")).header("Authorization", bearers.get(0))
          .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    Map<Integer, Long> burstStatuses = new TreeMap<>();
    for (CompletableFuture<HttpResponse<String>> f : futures) {
      burstStatuses.merge(f.get().statusCode(), 1L, Long::sum);
    }

    System.out.printf(Locale.ROOT, "%n### %d analysts at once, %,d rows, %d x %d s per way, interleaved%n%n", n, options.rows, options.concRounds, options.seconds);
    System.out.println("| way | accepted | queries/s | ratio to peer | p50 ms | p99 ms | max ms | 429 | 503 | other errors | p99 ms outside the sandbox run (latency − elapsed_ms: auth, admission queue, HTTP) | max running / waiting / per user (sampled) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    double peerRate = 0;
    for (String way : wayNames) {
      List<Outcome> list = outcomes.get(way);
      List<Outcome> ok = list.stream().filter(o -> o.status() == 200).toList();
      double rate = ok.size() / seconds.get(way);
      if (way.startsWith("peer")) {
        peerRate = rate;
      }
      double[] lat = ok.stream().mapToDouble(o -> (o.end() - o.start()) / 1e6).sorted().toArray();
      double[] wait = ok.stream().filter(o -> o.serverMillis() >= 0).mapToDouble(o -> (o.end() - o.start()) / 1e6 - o.serverMillis()).sorted().toArray();
      long c429 = list.stream().filter(o -> o.status() == 429).count();
      long c503 = list.stream().filter(o -> o.status() == 503).count();
      List<Outcome> other = list.stream().filter(o -> o.status() != 200 && o.status() != 429 && o.status() != 503).toList();
      int[] max = admissionMax.get(way);
      System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2fx | %.0f | %.0f | %.0f | %d | %d | %d%s | %s | %s |%n", way, ok.size(), rate, rate / peerRate,
          percentile(lat, 50), percentile(lat, 99), lat.length == 0 ? Double.NaN : lat[lat.length - 1], c429, c503, other.size(),
          other.isEmpty() ? "" : " (" + other.get(0).status() + ": " + abbreviate(other.get(0).error()) + ")",
          way.startsWith("peer") ? "—" : String.format(Locale.ROOT, "%.0f", percentile(wait, 99)),
          way.startsWith("peer") ? "— (no limits)" : max[0] + " / " + max[1] + " / " + max[2]);
    }
    System.out.println();
    System.out.println("/actuator/health during the API phases (every 500 ms): " + health.get("all"));
    System.out.println("per-user burst (" + burst + " simultaneous queries of Q3 from one analyst, limit " + limits.perUser() + "): statuses " + burstStatuses);
  }

  private static long countDone(List<Outcome> list) {
    synchronized (list) {
      return list.size();
    }
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    s = s.replace('|', '/').replace('\n', ' ');
    return s.length() > 120 ? s.substring(0, 120) + "…" : s;
  }

  /** Runs {@code n} threads for {@code seconds}, each issuing its next query as soon as the last ended; returns the wall time to the last answer. */
  private double phase(int n, int seconds, List<Outcome> into, Function<Integer, Outcome> analyst) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    AtomicLong lastEnd = new AtomicLong(start);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        int i = thread;
        while (System.nanoTime() < deadline) {
          Outcome o = analyst.apply(thread * 1000 + (i++ % QUERIES.size()));
          into.add(o);
          lastEnd.accumulateAndGet(o.end(), Math::max);
        }
      }, "bench-analyst-" + t);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    return (lastEnd.get() - start) / 1e9;
  }

  private final Map<Integer, Connection> peerConnections = new ConcurrentHashMap<>();

  private Outcome peerOutcome(int code) {
    int thread = code / 1000;
    Query q = QUERIES.get(code % 1000);
    long start = System.nanoTime();
    try {
      Connection c = peerConnections.computeIfAbsent(thread, t -> {
        try {
          return ((DuckDBConnection) peer).duplicate();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      fetch(c, q.sql());
      return new Outcome(200, start, System.nanoTime(), -1, null);
    } catch (SQLException | RuntimeException e) {
      return new Outcome(-1, start, System.nanoTime(), -1, String.valueOf(e.getMessage()));
    }
  }

  private Outcome apiOutcome(String authorization, int code) {
    Query q = QUERIES.get(code % 1000);
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = postSql(q.sql(), authorization);
      long end = System.nanoTime();
      if (r.statusCode() == 200) {
        JsonNode body = JSON.readTree(r.body());
        return new Outcome(200, start, System.nanoTime(), body.path("elapsed_ms").asLong(-1), null);
      }
      return new Outcome(r.statusCode(), start, end, -1, r.body());
    } catch (IOException | RuntimeException e) {
      return new Outcome(-1, start, System.nanoTime(), -1, String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(-1, start, System.nanoTime(), -1, "interrupted");
    }
  }

  /** Polls /actuator/health every 500 ms while started; counts answers by status and keeps the slowest. */
  private final class HealthPoller {
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong slowestMicros = new AtomicLong();
    private volatile Thread thread;

    void start() {
      Thread t = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          long s = System.nanoTime();
          String status;
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            status = r.statusCode() + " " + JSON.readTree(r.body()).path("status").asString("?");
          } catch (IOException | RuntimeException e) {
            status = "error " + e.getClass().getSimpleName();
          } catch (InterruptedException e) {
            return;
          }
          slowestMicros.accumulateAndGet((System.nanoTime() - s) / 1000, Math::max);
          statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          try {
            Thread.sleep(500);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-health");
      t.setDaemon(true);
      thread = t;
      t.start();
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join();
    }

    String summary() {
      return new TreeMap<>(statuses) + ", slowest answer " + String.format(Locale.ROOT, "%.0f ms", slowestMicros.get() / 1000.0);
    }
  }

  // ---- accounts

  private void createAnalyst(String username) throws Exception {
    String body = JSON.writeValueAsString(Map.of("username", username, "password", ANALYST_PASSWORD, "roles", List.of("analyst"),
        "display_name", "Benchmark analyst " + username));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/users")).header("Authorization", basic("admin", ADMIN_PASSWORD))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST /api/admin/users answered " + r.statusCode() + ": " + r.body());
    }
  }

  private String token(String basic) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens")).header("Authorization", basic)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"valid_days\":1}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST /api/tokens answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body()).path("token").asString();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  // ---- helpers

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int at = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
    return sorted[at];
  }

  private static String fmt(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", ", "[", "]"));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    }
  }

  private record Options(long rows, int rounds, int seconds, int concRounds, int analysts, int threads, String memory, Path dir, Integer perUser,
      Integer concurrent, String queueWait, boolean skipConcurrency, boolean keep) {

    static Options parse(String[] args) {
      Map<String, String> m = new LinkedHashMap<>();
      Set<String> flags = Set.of("--skip-concurrency", "--keep");
      for (int i = 0; i < args.length; i++) {
        if (flags.contains(args[i])) {
          m.put(args[i], "true");
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          m.put(args[i], args[++i]);
        } else {
          throw new IllegalArgumentException("unknown argument " + args[i] + "; options: --rows --rounds --seconds --conc-rounds --analysts --threads "
              + "--memory --dir --per-user --concurrent --queue-wait --skip-concurrency --keep");
        }
      }
      Set<String> known = Set.of("--rows", "--rounds", "--seconds", "--conc-rounds", "--analysts", "--threads", "--memory", "--dir", "--per-user",
          "--concurrent", "--queue-wait", "--skip-concurrency", "--keep");
      for (String k : m.keySet()) {
        if (!known.contains(k)) {
          throw new IllegalArgumentException("unknown option " + k + "; options: " + known);
        }
      }
      return new Options(
          Long.parseLong(m.getOrDefault("--rows", "10000000").replace("_", "")),
          Integer.parseInt(m.getOrDefault("--rounds", "7")),
          Integer.parseInt(m.getOrDefault("--seconds", "30")),
          Integer.parseInt(m.getOrDefault("--conc-rounds", "2")),
          Integer.parseInt(m.getOrDefault("--analysts", "20")),
          Integer.parseInt(m.getOrDefault("--threads", "2")),
          m.getOrDefault("--memory", "2GB"),
          Path.of(m.getOrDefault("--dir", "/tmp/madang-bench-sandbox")),
          m.containsKey("--per-user") ? Integer.valueOf(m.get("--per-user")) : null,
          m.containsKey("--concurrent") ? Integer.valueOf(m.get("--concurrent")) : null,
          m.get("--queue-wait"),
          m.containsKey("--skip-concurrency"),
          m.containsKey("--keep"));
    }
  }
}
