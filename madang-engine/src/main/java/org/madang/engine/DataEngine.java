package org.madang.engine;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.madang.analytics.geo.DistrictIndex;

/**
 * The embedded data engine of one data directory: one DuckDB database ({@code warehouse.duckdb}) holding every
 * version of every dataset. DuckDB lets only one process open the file; a second process gets {@link
 * ErrorCode#DATA_DIR_LOCKED}.
 *
 * <p>Thread-safe. Ingests of one dataset are serialized; ingests of different datasets and reads run concurrently.
 */
public final class DataEngine implements AutoCloseable {

  // IMPLEMENTATION IN PROGRESS (engine helper): the signatures below are the contract the app codes against.

  /** Opens (creating when missing) the engine on {@code options.dataDir()}. */
  public static DataEngine open(EngineOptions options) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public EngineOptions options() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public DistrictIndex districts() {
    return options().districts();
  }

  /**
   * Reads, validates and enriches a file into a staging table. Nothing becomes visible until {@link
   * StagedVersion#publish()}. On any error nothing stays behind and a {@link MadangException} names the line, column
   * or field at fault.
   */
  public StagedVersion stage(IngestRequest request, IngestProgress progress) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The table of the current version of a dataset, if it has one. */
  public java.util.Optional<String> findCurrentTable(String dataset) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Drops one version's table. Refuses to drop the current version of a dataset that has others. */
  public void dropVersion(String dataset, int version) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Drops the dataset's view and all its versions. */
  public void dropDataset(String dataset) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** A page of rows, for previews, CKAN's datastore_search and OGC API Features. */
  public TablePage read(ReadRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Writes a whole version to {@code out} in the given format (GEOJSON only for spatial versions). */
  public void export(String table, ExportFormat format, OutputStream out) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * Runs one read-only SQL statement (for admins' CLI and, later, the sandbox) and returns at most {@code maxRows}
   * rows. Errors come back as {@link ErrorCode#SQL_ERROR} with {@code line} and {@code column} when DuckDB gives a
   * position.
   */
  public TablePage query(String sql, int maxRows) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Row counts of all current dataset tables, by dataset name. */
  public Map<String, Long> listRowCounts() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The columns of a stored table. */
  public List<Column> describe(String table) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
