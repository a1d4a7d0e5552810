package org.madang.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The PostGIS side of the side-by-side runs: one JDBC session on the machine's PostgreSQL, the benchmark's points
 * loaded with COPY into tables of that session, and timed queries that return only small aggregates (so the client
 * transfer is not what is measured).
 *
 * <p>Tables are temporary (the default: gone when the session ends, nothing left behind in database {@code test}) or
 * unlogged tables in the schema {@code madang_bench}, dropped at the end: PostgreSQL never runs parallel workers over a
 * temporary table, so the unlogged kind is the one that lets PostGIS use both cores.
 */
final class PostgisPeer implements AutoCloseable {

  private static final String SCHEMA = "madang_bench";

  private final Connection connection;
  private final boolean temporary;
  private int backendPid;
  private final String backendNice;

  PostgisPeer(String url, String user, boolean temporary, int statementTimeoutSeconds) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("ApplicationName", "madang-bench");
    this.connection = DriverManager.getConnection(url, properties);
    this.temporary = temporary;
    try (Statement s = connection.createStatement()) {
      // session settings only; the server's configuration is left alone
      s.execute("SET temp_buffers = '2GB'");
      s.execute("SET work_mem = '256MB'");
      s.execute("SET maintenance_work_mem = '1GB'");
      s.execute("SET statement_timeout = '" + statementTimeoutSeconds + "s'");
      s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
      if (!temporary) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        s.execute("CREATE SCHEMA " + SCHEMA);
      }
      try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
        r.next();
        this.backendPid = r.getInt(1);
      }
    }
    this.backendNice = matchNiceness();
  }

  /**
   * Gives this session's server process the JVM's own niceness (the suite runs under {@code nice}), so that on the
   * shared machine neither side gets more CPU priority than the other. Parallel workers, which PostgreSQL starts per
   * query, keep the server's niceness. Returns the niceness set, or the reason it was not.
   */
  private String matchNiceness() {
    int own = ownNiceness();
    if (own <= 0) {
      return "unchanged (the JVM is not niced)";
    }
    try {
      Process renice = new ProcessBuilder("renice", "-n", Integer.toString(own), "-p", Integer.toString(backendPid))
          .redirectErrorStream(true).start();
      String out = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return renice.waitFor() == 0 ? "niced to " + own + " like the JVM" : "renice failed: " + out;
    } catch (IOException e) {
      return "renice failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "renice interrupted";
    }
  }

  private static int ownNiceness() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]); // field 19 of /proc/[pid]/stat; fields[0] is field 3
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  Connection connection() {
    return connection;
  }

  /** The qualified name of a benchmark table. */
  String table(String name) {
    return temporary ? name : SCHEMA + "." + name;
  }

  private String create() {
    return temporary ? "CREATE TEMP TABLE " : "CREATE UNLOGGED TABLE ";
  }

  String settings() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      for (String name : List.of("shared_buffers", "work_mem", "temp_buffers", "max_parallel_workers_per_gather",
          "jit")) {
        try (ResultSet r = s.executeQuery("SHOW " + name)) {
          r.next();
          out.add(name + "=" + r.getString(1));
        }
      }
    }
    return String.join(", ", out) + ", tables " + (temporary ? "TEMPORARY (no parallel workers)" : "UNLOGGED")
        + ", server process " + backendPid + " " + backendNice;
  }

  /**
   * Loads points with COPY into {@code name} (id, v, geom) with point geometries from (xs, ys) in the given SRID,
   * then ANALYZE; no index. Returns the seconds spent (COPY, geometry and ANALYZE).
   */
  double loadPoints(String name, double[] xs, double[] ys, double[] values, int srid) throws SQLException {
    long start = System.nanoTime();
    String raw = table(name + "_raw");
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + raw);
      s.execute("DROP TABLE IF EXISTS " + table(name));
      s.execute(create() + raw + " (id integer, x double precision, y double precision, v double precision)");
    }
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY " + raw + " (id, x, y, v) FROM STDIN (FORMAT text)");
    try {
      StringBuilder buffer = new StringBuilder(1 << 20);
      for (int i = 0; i < xs.length; i++) {
        // Double.toString is the shortest text that reads back to the same double: PostgreSQL parses it exactly
        buffer.append(i).append('\t').append(xs[i]).append('\t').append(ys[i]).append('\t')
            .append(values == null ? 0.0 : values[i]).append('\n');
        if (buffer.length() > (1 << 20) - 200) {
          byte[] bytes = buffer.toString().getBytes(StandardCharsets.US_ASCII);
          copy.writeToCopy(bytes, 0, bytes.length);
          buffer.setLength(0);
        }
      }
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.US_ASCII);
      copy.writeToCopy(bytes, 0, bytes.length);
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    try (Statement s = connection.createStatement()) {
      s.execute(create() + table(name) + " AS SELECT id, v, ST_SetSRID(ST_MakePoint(x, y), " + srid
          + ")::geometry(Point, " + srid + ") AS geom FROM " + raw);
      s.execute("DROP TABLE " + raw);
      s.execute("ANALYZE " + table(name));
    }
    return Samples.since(start);
  }

  /** Builds a GiST index on {@code name}.geom and re-analyzes; returns the seconds spent. */
  double indexPoints(String name) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE INDEX ON " + table(name) + " USING gist (geom)");
      s.execute("ANALYZE " + table(name));
    }
    return Samples.since(start);
  }

  /** Loads the dongs into {@code dongs} (idx = position in the list, geom in SRID 4326) with a GiST index. */
  void loadDongs(SeoulDongs dongs) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table("dongs"));
      s.execute(create() + table("dongs") + " (idx integer, code text, geom geometry(MultiPolygon, 4326))");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table("dongs")
        + " VALUES (?, ?, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)))")) {
      for (int i = 0; i < dongs.size(); i++) {
        insert.setInt(1, i);
        insert.setString(2, dongs.districts().get(i).code());
        insert.setString(3, dongs.geoJsonGeometries().get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE INDEX ON " + table("dongs") + " USING gist (geom)");
      s.execute("ANALYZE " + table("dongs"));
    }
  }

  /** Runs a query and returns its rows as long/double columns (all columns read as double). */
  List<double[]> query(String sql) throws SQLException {
    List<double[]> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
      int columns = r.getMetaData().getColumnCount();
      while (r.next()) {
        double[] row = new double[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = r.getDouble(c + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The plan PostgreSQL chooses (EXPLAIN without ANALYZE), one line per row. */
  String explain(String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("EXPLAIN " + sql)) {
      while (r.next()) {
        plan.append(r.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  void drop(String name) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table(name));
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      if (!temporary) {
        try (Statement s = connection.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
      }
    } finally {
      connection.close();
    }
  }
}
