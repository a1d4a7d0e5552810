package org.madang.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.enrich.LocationFunctions;

/**
 * The one DuckDB database of a data directory ({@code warehouse.duckdb}) and the scratch space next to it
 * ({@code work/}). Every caller gets its own connection ({@link DuckDBConnection#duplicate()}), so work runs in
 * parallel on DuckDB's side.
 *
 * <p>At open the database is shut off from the file system: DuckDB may read and write files only under {@code work/}
 * (where uploads are staged and exports written), and the configuration is locked so no statement can undo that.
 * DuckDB lets one process hold the file; a second process, or a second engine in this JVM, gets {@link
 * ErrorCode#DATA_DIR_LOCKED}.
 */
public final class Warehouse implements AutoCloseable {

  static final String FILE_NAME = "warehouse.duckdb";
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final EngineOptions options;
  private final Path dataDir;
  private final Path workDir;
  private final DuckDBConnection connection;
  private final LocationFunctions locationFunctions;

  private Warehouse(EngineOptions options, Path dataDir, Path workDir, DuckDBConnection connection, LocationFunctions locationFunctions) {
    this.options = options;
    this.dataDir = dataDir;
    this.workDir = workDir;
    this.connection = connection;
    this.locationFunctions = locationFunctions;
  }

  public static Warehouse open(EngineOptions options) {
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    if (options.threads() < 1 || options.memoryLimit() == null || !options.memoryLimit().matches("(?i)\\d+(\\.\\d+)?\\s*[KMGT]?i?B")) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT,
          "The engine needs at least one thread and a memory limit such as 2GB; got " + options.threads() + " and " + options.memoryLimit() + ".",
          Map.of("field", "memoryLimit"));
    }
    if (options.h3Resolution() < 0 || options.h3Resolution() > 15 || options.districts() == null) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT,
          "The engine needs the city's districts and an H3 resolution from 0 to 15; got " + options.h3Resolution() + ".",
          Map.of("field", "h3Resolution"));
    }
    if (!OPEN.add(dataDir)) {
      throw locked(dataDir, null);
    }
    try {
      Path workDir = dataDir.resolve("work");
      Files.createDirectories(workDir);
      clear(workDir);
      Files.createDirectories(workDir.resolve("spill"));
      DuckDBConnection connection;
      LocationFunctions functions;
      try {
        connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve(FILE_NAME));
      } catch (SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("lock") || m.contains("Conflicting")) {
          throw locked(dataDir, e);
        }
        throw new MadangException(ErrorCode.INTERNAL, "The warehouse in " + dataDir + " cannot be opened.", Map.of(), e);
      }
      try (Statement s = connection.createStatement()) {
        s.execute("SET memory_limit = '" + options.memoryLimit().replace("'", "") + "'");
        s.execute("SET threads = " + options.threads());
        s.execute("SET temp_directory = '" + sqlPath(workDir.resolve("spill")) + "'");
        s.execute("SET preserve_insertion_order = true");
        s.execute("CREATE SCHEMA IF NOT EXISTS versions");
        s.execute("SET allowed_directories = ['" + sqlPath(workDir) + "/']");
        s.execute("SET enable_external_access = false");
        s.execute("SET lock_configuration = true");
        functions = LocationFunctions.register(connection, options.districts(), H3Binner.atResolution(options.h3Resolution()));
      } catch (SQLException e) {
        try {
          connection.close();
        } catch (SQLException ignored) {
          // already failing
        }
        throw new MadangException(ErrorCode.INTERNAL, "The warehouse in " + dataDir + " cannot be set up: " + e.getMessage(), Map.of(), e);
      }
      return new Warehouse(options, dataDir, workDir, connection, functions);
    } catch (IOException e) {
      OPEN.remove(dataDir);
      throw new MadangException(ErrorCode.INTERNAL, "The data directory " + dataDir + " cannot be prepared.", Map.of(), e);
    } catch (RuntimeException e) {
      OPEN.remove(dataDir);
      throw e;
    }
  }

  private static MadangException locked(Path dataDir, Throwable cause) {
    return new MadangException(
        ErrorCode.DATA_DIR_LOCKED,
        "The data directory " + dataDir + " is in use by another Madang process.",
        Map.of("dataDir", dataDir.toString()),
        cause);
  }

  static String sqlPath(Path p) {
    return p.toAbsolutePath().normalize().toString().replace("'", "''");
  }

  public EngineOptions options() {
    return options;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The enrichment functions registered on this database. */
  public LocationFunctions locationFunctions() {
    return locationFunctions;
  }

  /** A new connection to the warehouse; the caller closes it. */
  public DuckDBConnection connect() {
    try {
      return connection.duplicate();
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The warehouse is closed.", Map.of(), e);
    }
  }

  /** A fresh directory under {@code work/} for one ingest or export; the caller deletes it with {@link #deleteScratch}. */
  public Path createScratch() {
    try {
      return Files.createDirectory(workDir.resolve(UUID.randomUUID().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void deleteScratch(Path scratch) {
    if (scratch != null && scratch.startsWith(workDir)) {
      try {
        clear(scratch);
        Files.deleteIfExists(scratch);
      } catch (IOException e) {
        // a file still open elsewhere; the next open of the warehouse clears work/
      }
    }
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The warehouse did not close cleanly.", Map.of(), e);
    } finally {
      OPEN.remove(dataDir);
    }
  }
}
