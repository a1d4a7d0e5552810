package org.madang.engine;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.analysis.AnalysisLineage;
import org.madang.engine.analysis.AnalysisRunner;
import org.madang.engine.observation.ObservationStore;
import org.madang.engine.sandbox.SqlSandbox;
import org.madang.engine.store.ReadOnlyQuery;
import org.madang.engine.store.TableExporter;
import org.madang.engine.store.TableReader;
import org.madang.engine.store.VersionStore;
import org.madang.engine.store.Warehouse;

/**
 * The embedded data engine of one data directory: one DuckDB database ({@code warehouse.duckdb}) holding every
 * version of every dataset. DuckDB lets only one process open the file; a second process gets {@link
 * ErrorCode#DATA_DIR_LOCKED}.
 *
 * <p>Layout inside DuckDB: version {@code N} of dataset {@code bike-stations} is the table {@code
 * versions."bike_stations__vN"}, its current version is the view {@code main."bike_stations"}. Every table starts
 * with {@code _id} (the row's number in the file); located tables end with {@code district_code} and {@code h3_cell}
 * (and geometry tables with hidden {@code _lon}, {@code _lat}: the representative point, for bounding-box reads).
 *
 * <p>Thread-safe. Ingests of one dataset are serialized; ingests of different datasets and reads run concurrently.
 */
public final class DataEngine implements AutoCloseable {

  private final EngineOptions options;
  private final Warehouse warehouse;
  private final VersionStore versions;
  private final TableReader reader;
  private final TableExporter exporter;
  private final ReadOnlyQuery queries;
  private final AnalysisRunner analyses;
  private final ObservationStore observations;
  private final SqlSandbox sandbox;

  private DataEngine(EngineOptions options, Warehouse warehouse) {
    this.options = options;
    this.warehouse = warehouse;
    this.versions = new VersionStore(warehouse);
    this.reader = new TableReader(warehouse, versions);
    this.exporter = new TableExporter(warehouse, versions);
    this.queries = new ReadOnlyQuery(warehouse);
    this.analyses = new AnalysisRunner(warehouse, versions);
    this.observations = new ObservationStore(warehouse);
    this.sandbox = new SqlSandbox(warehouse);
  }

  /** Opens (creating when missing) the engine on {@code options.dataDir()}. */
  public static DataEngine open(EngineOptions options) {
    return new DataEngine(options, Warehouse.open(options));
  }

  public EngineOptions options() {
    return options;
  }

  public DistrictIndex districts() {
    return options().districts();
  }

  /**
   * Reads, validates and enriches a file into a staging table. Nothing becomes visible until {@link
   * StagedVersion#publish()}. On any error nothing stays behind and a {@link MadangException} names the line, column
   * or field at fault.
   *
   * <p>Holds the dataset's upload permit until the returned version is published or discarded: a second upload to
   * the same dataset waits for it.
   */
  public StagedVersion stage(IngestRequest request, IngestProgress progress) {
    return versions.stage(request, progress);
  }

  /** The table of the current version of a dataset, if it has one. */
  public Optional<String> findCurrentTable(String dataset) {
    return versions.findCurrentTable(dataset);
  }

  /** Drops one version's table. Refuses to drop the current version of a dataset that has others. */
  public void dropVersion(String dataset, int version) {
    versions.dropVersion(dataset, version);
  }

  /** Drops the dataset's view and all its versions. */
  public void dropDataset(String dataset) {
    versions.dropDataset(dataset);
  }

  /** A page of rows, for previews, CKAN's datastore_search and OGC API Features. */
  public TablePage read(ReadRequest request) {
    return reader.read(request);
  }

  /** Writes a whole version to {@code out} in the given format (GEOJSON only for spatial versions). */
  public void export(String table, ExportFormat format, OutputStream out) {
    exporter.export(table, format, out);
  }

  /**
   * Runs one read-only SQL statement (for admins' CLI and, later, the sandbox) and returns at most {@code maxRows}
   * rows. Errors come back as {@link ErrorCode#SQL_ERROR} with {@code line} and {@code column} when DuckDB gives a
   * position; statements that are not a single SELECT, or that reach for files, get {@link ErrorCode#ACCESS_DENIED}.
   * {@link TablePage#total()} counts all rows the statement produced.
   */
  public TablePage query(String sql, int maxRows) {
    return queries.query(sql, maxRows);
  }

  /**
   * Runs analyses (hot spots, kernel density, DBSCAN, p-median, maximal and set covering) over dataset versions and
   * stages their results as new versions with lineage, through the same path as {@link #stage}.
   */
  public AnalysisRunner analyses() {
    return analyses;
  }

  /**
   * The observations of feeds (sensors, pollers, pushes): durable appends with group commit, latest values, history
   * and rolling aggregates by district and H3 cell.
   */
  public ObservationStore observations() {
    return observations;
  }

  /**
   * Analysts' SQL: one SELECT (or a working table made from one) over exactly the relations its caller may read, with
   * time and row limits, whoever the caller is.
   */
  public SqlSandbox sandbox() {
    return sandbox;
  }

  /** Where a version came from, when an analysis wrote it: the analysis, its parameters and the versions it read. */
  public Optional<AnalysisLineage> findLineage(String table) {
    return versions.findLineage(table).map(AnalysisLineage::fromJson);
  }

  /** Row counts of all current dataset tables, by dataset name. */
  public Map<String, Long> listRowCounts() {
    return versions.listRowCounts();
  }

  /** The columns of a stored table: a version table, or a dataset (by name or view) for its current version. */
  public List<Column> describe(String table) {
    return versions.describe(table);
  }

  @Override
  public void close() {
    try {
      sandbox.close();
      observations.close();
    } finally {
      warehouse.close();
    }
  }
}
