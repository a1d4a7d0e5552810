package org.madang.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.madang.engine.Column;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.StagedVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Versions of datasets as DuckDB tables, and the view that makes one of them current. Staging is {@link
 * VersionStager}'s; publishing replaces the view {@code main."x"} in one transaction, so readers see the old version or
 * the new one, never neither. What the engine knows about a version beyond its columns (labels, roles, spatial summary,
 * report, profile) lives in the table's comment ({@link TableMetadata}).
 *
 * <p>Thread-safe. Uploads to one dataset are serialized by {@link DatasetLocks}.
 */
public final class VersionStore {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> HIDDEN = List.of("_lon", "_lat");

  private final Warehouse warehouse;
  private final DatasetLocks locks;
  private final VersionStager stager;
  private final Map<String, TableMetadata> metadataCache = new ConcurrentHashMap<>();

  public VersionStore(Warehouse warehouse) {
    this(warehouse, true);
  }

  /** @param directLoad false to read every upload in two passes, for tests that compare the paths */
  VersionStore(Warehouse warehouse, boolean directLoad) {
    this.warehouse = warehouse;
    this.locks = new DatasetLocks(TimeUnit.MINUTES.toMillis(30));
    this.stager = new VersionStager(this, warehouse, locks, directLoad);
  }

  public StagedVersion stage(IngestRequest request, IngestProgress progress) {
    return stager.stage(request, progress, null);
  }

  /**
   * Stages a version that an analysis derived from other versions; {@code lineage} (JSON text saying which analysis,
   * with which parameters, over which versions) stays with the table and is returned by {@link #findLineage}.
   */
  public StagedVersion stageDerived(IngestRequest request, IngestProgress progress, String lineage) {
    return stager.stage(request, progress, lineage);
  }

  /** The lineage recorded with a version table (or a dataset's current version), if an analysis wrote it. */
  public Optional<String> findLineage(String table) {
    return Optional.ofNullable(metadata(table).lineage());
  }

  static List<Column> columns(DuckDBConnection c, String table, List<TableMetadata.ColumnInfo> infos) throws SQLException {
    Map<String, String> types = RawTableLoader.describe(c, table);
    List<Column> columns = new ArrayList<>();
    for (TableMetadata.ColumnInfo info : infos) {
      columns.add(new Column(info.name(), info.label(), types.get(info.name()), info.role()));
    }
    return columns;
  }

  void publish(StagedTable staged) {
    String sqlName = DatasetNames.sqlName(staged.dataset());
    try (DuckDBConnection c = warehouse.connect()) {
      StringBuilder columns = new StringBuilder();
      for (Column col : staged.columns()) {
        if (columns.length() > 0) {
          columns.append(", ");
        }
        columns.append(ColumnCleaner.quote(col.name()));
      }
      Map<String, Object> pointer = new LinkedHashMap<>();
      pointer.put("dataset", staged.dataset());
      pointer.put("version", staged.version());
      pointer.put("table", staged.tableName());
      execute(c, "BEGIN TRANSACTION");
      try {
        execute(c, "CREATE OR REPLACE VIEW " + DatasetNames.view(staged.dataset()) + " AS SELECT " + columns + " FROM " + staged.tableName());
        execute(c, "COMMENT ON VIEW " + DatasetNames.view(staged.dataset()) + " IS " + literal(JSON.writeValueAsString(pointer)));
        execute(c, "COMMIT");
      } catch (SQLException e) {
        execute(c, "ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The new version could not be made current: " + DuckDbErrors.summary(e), Map.of(), e);
    } finally {
      locks.release(sqlName);
    }
  }

  void discard(StagedTable staged) {
    try {
      dropQuietly(staged.tableName());
      metadataCache.remove(staged.tableName());
    } finally {
      locks.release(DatasetNames.sqlName(staged.dataset()));
    }
  }

  /** The table of the dataset's current version, if it has one. */
  public Optional<String> findCurrentTable(String dataset) {
    if (dataset == null || DatasetNames.parseView(DatasetNames.sqlName(dataset)).isEmpty()) {
      return Optional.empty();
    }
    try (DuckDBConnection c = warehouse.connect()) {
      return currentPointer(c, DatasetNames.sqlName(dataset)).filter(p -> p.get("dataset").asString().equals(dataset)).map(p -> p.get("table").asString());
    } catch (SQLException e) {
      throw internal(e);
    }
  }

  private static Optional<JsonNode> currentPointer(DuckDBConnection c, String sqlName) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT comment FROM duckdb_views() WHERE schema_name = 'main' AND view_name = ? AND NOT internal")) {
      s.setString(1, sqlName);
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && r.getString(1) != null && r.getString(1).startsWith("{")) {
          return Optional.of(JSON.readTree(r.getString(1)));
        }
      }
    }
    return Optional.empty();
  }

  public void dropVersion(String dataset, int version) {
    DatasetNames.requireValid(dataset);
    String sqlName = DatasetNames.sqlName(dataset);
    locks.acquire(sqlName);
    try (DuckDBConnection c = warehouse.connect()) {
      String tableName = DatasetNames.versionTableName(dataset, version);
      if (!tableExists(c, tableName)) {
        throw new MadangException(
            ErrorCode.NOT_FOUND, "Dataset " + dataset + " has no version " + version + ".", Map.of("field", "version"));
      }
      Optional<JsonNode> current = currentPointer(c, sqlName);
      boolean isCurrent = current.isPresent() && current.get().get("version").asInt() == version;
      if (isCurrent) {
        if (versionTables(c, sqlName).size() > 1) {
          throw new MadangException(
              ErrorCode.CONFLICT,
              "Version " + version + " is the current version of " + dataset + "; publish another version before removing it.",
              Map.of("field", "version"));
        }
        execute(c, "DROP VIEW IF EXISTS " + DatasetNames.view(dataset));
      }
      execute(c, "DROP TABLE IF EXISTS " + DatasetNames.versionTable(dataset, version));
      metadataCache.remove(DatasetNames.versionTable(dataset, version));
    } catch (SQLException e) {
      throw internal(e);
    } finally {
      locks.release(sqlName);
    }
  }

  public void dropDataset(String dataset) {
    DatasetNames.requireValid(dataset);
    String sqlName = DatasetNames.sqlName(dataset);
    locks.acquire(sqlName);
    try (DuckDBConnection c = warehouse.connect()) {
      Optional<String> owner = owner(c, sqlName);
      if (owner.isPresent() && !owner.get().equals(dataset)) {
        throw new MadangException(ErrorCode.NOT_FOUND, "There is no dataset " + dataset + ".", Map.of("field", "dataset"));
      }
      execute(c, "BEGIN TRANSACTION");
      execute(c, "DROP VIEW IF EXISTS " + DatasetNames.view(dataset));
      for (String t : versionTables(c, sqlName)) {
        execute(c, "DROP TABLE IF EXISTS versions.\"" + t + "\"");
        metadataCache.remove("versions.\"" + t + "\"");
      }
      execute(c, "COMMIT");
    } catch (SQLException e) {
      throw internal(e);
    } finally {
      locks.release(sqlName);
    }
  }

  /** Row counts of the current version of every dataset. */
  public Map<String, Long> listRowCounts() {
    try (DuckDBConnection c = warehouse.connect()) {
      Map<String, Long> sizes = new java.util.HashMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT table_name, estimated_size FROM duckdb_tables() WHERE schema_name = 'versions'")) {
        while (r.next()) {
          sizes.put("versions.\"" + r.getString(1) + "\"", r.getLong(2));
        }
      }
      Map<String, Long> counts = new java.util.TreeMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT comment FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND comment LIKE '{%'")) {
        while (r.next()) {
          JsonNode p = JSON.readTree(r.getString(1));
          Long n = sizes.get(p.get("table").asString());
          if (n != null) {
            counts.put(p.get("dataset").asString(), n);
          }
        }
      }
      return counts;
    } catch (SQLException e) {
      throw internal(e);
    }
  }

  /** The visible columns of a stored table (a version table, or a dataset's current view). */
  public List<Column> describe(String table) {
    String resolved = resolve(table);
    try (DuckDBConnection c = warehouse.connect()) {
      return columns(c, resolved, metadata(c, resolved).columns());
    } catch (SQLException e) {
      throw internal(e);
    }
  }

  /** What the engine recorded about a version table. */
  TableMetadata metadata(String table) {
    String resolved = resolve(table);
    try (DuckDBConnection c = warehouse.connect()) {
      return metadata(c, resolved);
    } catch (SQLException e) {
      throw internal(e);
    }
  }

  private TableMetadata metadata(DuckDBConnection c, String resolved) throws SQLException {
    TableMetadata cached = metadataCache.get(resolved);
    if (cached != null) {
      return cached;
    }
    String name = DatasetNames.parseVersionTable(resolved).orElseThrow().tableName();
    try (PreparedStatement s = c.prepareStatement("SELECT comment FROM duckdb_tables() WHERE schema_name = 'versions' AND table_name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw notFound(resolved);
        }
        String comment = r.getString(1);
        if (comment == null || !comment.startsWith("{")) {
          throw notFound(resolved);
        }
        TableMetadata m = TableMetadata.fromJson(comment);
        metadataCache.put(resolved, m);
        return m;
      }
    }
  }

  /**
   * The canonical {@code versions."x__vN"} of a table reference: a version table in any quoting, or a dataset's view
   * or dataset name (its current version).
   */
  public String resolve(String table) {
    Optional<DatasetNames.VersionRef> ref = DatasetNames.parseVersionTable(table);
    try (DuckDBConnection c = warehouse.connect()) {
      if (ref.isPresent()) {
        if (!tableExists(c, ref.get().tableName())) {
          throw notFound(table);
        }
        return ref.get().table();
      }
      Optional<String> view = DatasetNames.parseView(table);
      if (view.isPresent()) {
        Optional<JsonNode> pointer = currentPointer(c, view.get());
        if (pointer.isPresent()) {
          return pointer.get().get("table").asString();
        }
      }
      throw notFound(table);
    } catch (SQLException e) {
      throw internal(e);
    }
  }

  private static MadangException notFound(String table) {
    return new MadangException(ErrorCode.NOT_FOUND, "There is no table " + table + ".", Map.of("field", "table"));
  }

  void requireNameFree(DuckDBConnection c, String dataset) throws SQLException {
    Optional<String> owner = owner(c, DatasetNames.sqlName(dataset));
    if (owner.isPresent() && !owner.get().equals(dataset)) {
      throw new MadangException(
          ErrorCode.NAME_TAKEN,
          "The dataset name " + dataset + " collides with the existing dataset " + owner.get() + "; choose another name.",
          Map.of("field", "dataset", "existing", owner.get()));
    }
  }

  /** The dataset that uses this SQL name, if any (names differing only in '-' and '_' share one). */
  private Optional<String> owner(DuckDBConnection c, String sqlName) throws SQLException {
    Optional<JsonNode> pointer = currentPointer(c, sqlName);
    if (pointer.isPresent()) {
      return Optional.of(pointer.get().get("dataset").asString());
    }
    for (String t : versionTables(c, sqlName)) {
      try {
        return Optional.of(metadata(c, "versions.\"" + t + "\"").dataset());
      } catch (MadangException e) {
        // a table without our comment: being staged right now by the same dataset
      }
    }
    return Optional.empty();
  }

  private static List<String> versionTables(DuckDBConnection c, String sqlName) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'versions' AND regexp_full_match(table_name, ?)")) {
      s.setString(1, java.util.regex.Pattern.quote(sqlName) + "__v[0-9]+");
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
    }
    return tables;
  }

  static boolean tableExists(DuckDBConnection c, String tableName) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM duckdb_tables() WHERE schema_name = 'versions' AND table_name = ?")) {
      s.setString(1, tableName);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  void dropQuietly(String table) {
    try (DuckDBConnection c = warehouse.connect()) {
      execute(c, "DROP TABLE IF EXISTS " + table);
    } catch (SQLException | RuntimeException e) {
      // nothing more to do: the table was never published
    }
  }

  static void execute(DuckDBConnection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  static MadangException internal(SQLException e) {
    return new MadangException(ErrorCode.INTERNAL, "The warehouse failed: " + DuckDbErrors.summary(e), Map.of(), e);
  }
}
