package org.madang.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.madang.engine.Column;
import org.madang.engine.ColumnProfile;
import org.madang.engine.ColumnRole;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestReport;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;
import org.madang.engine.enrich.LocatableColumn;
import org.madang.engine.enrich.LocationCheck;
import org.madang.engine.enrich.LocationFunctions;
import org.madang.engine.enrich.SpatialDetector;
import org.madang.engine.enrich.SpatialPlan;
import org.madang.engine.ingest.PreparedSource;
import org.madang.engine.ingest.SourceColumn;
import org.madang.engine.ingest.SourcePreparer;

/**
 * Writes an upload as a new, not yet current, version table {@code versions."x__vN"}. Enrichment runs inside DuckDB's
 * own parallel scan through the functions of {@link LocationFunctions}: no row travels through JDBC.
 *
 * <p>Delimited text whose sniffed types need no cleaning is read in one pass ({@link DirectLoad}): DuckDB reads the
 * file typed straight into the version table and, when the rows are located by latitude/longitude columns known from
 * their names, computes {@code district_code} and {@code h3_cell} in the same statement; other plans are found on the
 * loaded table and filled in place. When DuckDB refuses the file as typed, and for everything else (Parquet, columns
 * with thousands separators, padding or "-"), two passes: the upload is read into a temporary table (a column DuckDB
 * refuses as typed is read as text), columns that only look like text are converted, the rows are located, and the
 * version table is written from it in one {@code CREATE TABLE AS SELECT}. Both give the same table.
 *
 * <p>Checks that need the whole table (rows outside the city) run on the written table; if any check fails the table
 * is dropped, the work directory cleared and the dataset's permit returned, so a failed upload leaves nothing behind.
 */
final class VersionStager {

  private final VersionStore store;
  private final Warehouse warehouse;
  private final EngineOptions options;
  private final DatasetLocks locks;
  private final SpatialDetector detector;
  private final boolean directLoad;

  /** @param directLoad whether uploads that allow it are read in one pass ({@link DirectLoad}); false in tests only */
  VersionStager(VersionStore store, Warehouse warehouse, DatasetLocks locks, boolean directLoad) {
    this.store = store;
    this.directLoad = directLoad;
    this.warehouse = warehouse;
    this.options = warehouse.options();
    this.locks = locks;
    this.detector = new SpatialDetector(options.districts());
  }

  StagedVersion stage(IngestRequest request, IngestProgress progress, String lineage) {
    DatasetNames.requireValid(request.dataset());
    if (request.version() < 1) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Version numbers start at 1.", Map.of("field", "version"));
    }
    Path file = request.file();
    if (file == null || !Files.isRegularFile(file)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The uploaded file cannot be found.", Map.of("field", "file"));
    }
    String fileName = request.fileName() == null ? file.getFileName().toString() : request.fileName();
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (size > options.maxUploadBytes()) {
      throw new MadangException(
          ErrorCode.FILE_TOO_LARGE,
          "The file " + fileName + " is " + size + " bytes; uploads may be at most " + options.maxUploadBytes() + " bytes.",
          Map.of("field", "file", "size", size, "maxUploadBytes", options.maxUploadBytes()));
    }
    String sqlName = DatasetNames.sqlName(request.dataset());
    String table = DatasetNames.versionTable(request.dataset(), request.version());
    IngestProgress report = progress == null ? IngestProgress.NONE : progress;
    try (DuckDBConnection c = warehouse.connect()) {
      store.requireNameFree(c, request.dataset()); // before waiting: another dataset's upload must not block this one
    } catch (SQLException e) {
      throw VersionStore.internal(e);
    }
    locks.acquire(sqlName);
    boolean staged = false;
    boolean created = false;
    Path scratch = null;
    try (DuckDBConnection c = warehouse.connect()) {
      store.requireNameFree(c, request.dataset());
      if (VersionStore.tableExists(c, DatasetNames.versionTableName(request.dataset(), request.version()))) {
        throw new MadangException(
            ErrorCode.CONFLICT,
            "Version " + request.version() + " of dataset " + request.dataset() + " already exists.",
            Map.of("field", "version"));
      }
      scratch = warehouse.createScratch();
      // most uploads are located: have the city's H3 cells drawn on the idle core while the file is sniffed
      warehouse.locationFunctions().drawCellsInBackground();
      PreparedSource prepared = SourcePreparer.prepare(request, options, scratch, report);
      report.update("loading", 0, -1);
      // from here a failure drops the version table, whichever path wrote it (dropping one never written is harmless)
      created = true;
      Written written = directLoad && DirectLoad.applies(prepared) ? direct(c, table, prepared, request, fileName, report) : null;
      if (written == null) {
        written = twoPass(c, table, prepared, request, fileName, report);
      }
      SpatialPlan plan = written.plan();
      List<String> warnings = written.warnings();
      Map<String, String> labels = written.labels();
      report.update("checking", 0, -1);
      SpatialInfo spatial = null;
      PreparedSource source = written.source();
      if (plan.isLocated()) {
        spatial =
            LocationCheck.check(
                c, table, plan, options.districts(), request.allowOutsideArea(), source::positionOf, source.position(),
                labels.getOrDefault(plan.latColumn(), plan.latColumn()), labels.getOrDefault(plan.lonColumn(), plan.lonColumn()), warnings);
      }
      List<TableMetadata.ColumnInfo> infos = columnInfos(c, table, labels, plan);
      List<Column> columns = VersionStore.columns(c, table, infos);
      report.update("profiling", 0, columns.size());
      List<ColumnProfile> profile = Profiler.profile(c, table, columns);
      IngestReport ingestReport =
          new IngestReport(
              source.format(), source.encoding(), delimiterLabel(source), source.headerRows(), List.copyOf(warnings));
      TableMetadata metadata =
          new TableMetadata(
              request.dataset(), request.version(), infos, spatial, ingestReport, written.rows(), new ArrayList<>(profile), lineage);
      VersionStore.execute(c, "COMMENT ON TABLE " + table + " IS " + VersionStore.literal(metadata.toJson()));
      report.update("staged", written.rows(), written.rows());
      staged = true;
      return new StagedTable(store, request.dataset(), request.version(), written.rows(), columns, profile, spatial, ingestReport);
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The upload could not be stored: " + DuckDbErrors.summary(e), Map.of(), e);
    } finally {
      warehouse.deleteScratch(scratch);
      if (!staged) {
        if (created) {
          store.dropQuietly(table);
        }
        locks.release(sqlName);
      }
    }
  }

  /**
   * The version table as written, before the checks: where it was read from, its rows, how they are located, the
   * columns' labels and the warnings so far.
   */
  private record Written(PreparedSource source, long rows, SpatialPlan plan, Map<String, String> labels, List<String> warnings) {}

  /**
   * One pass: DuckDB reads the file with the sniffed types straight into the version table and, when the plan can be
   * decided from the column names, locates every row in the same statement ({@link DirectLoad}). Null when DuckDB
   * refuses the file as typed (a value that does not convert, a broken record, bytes that do not decode): nothing is
   * left behind and the two-pass path reads it again, naming the line or keeping the column as text as it always has.
   */
  private Written direct(
      DuckDBConnection c, String table, PreparedSource prepared, IngestRequest request, String fileName, IngestProgress report)
      throws SQLException {
    List<LocatableColumn> locatable = new ArrayList<>();
    Map<String, String> labels = new LinkedHashMap<>();
    for (SourceColumn col : prepared.columns()) {
      locatable.add(new LocatableColumn(col.name(), col.label(), col.kind().name()));
      labels.put(col.name(), col.label());
    }
    SpatialPlan named = detector.planFromNames(locatable, request.latColumn(), request.lonColumn()).orElse(null);
    OptionalLong loaded = DirectLoad.load(c, table, prepared, named, report);
    if (loaded.isEmpty()) {
      return null;
    }
    long rows = loaded.getAsLong();
    if (rows == 0) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " has no rows.", Map.of("field", "file"));
    }
    report.update("locating", 0, -1);
    SpatialPlan plan = named;
    boolean requested = request.latColumn() != null || request.lonColumn() != null;
    if (plan != null && !requested && !detector.holdsDegrees(c, table, plan)) {
      DirectLoad.dropLocation(c, table, plan);
      plan = null;
    }
    if (plan == null) {
      plan = detector.detect(c, table, locatable, request.latColumn(), request.lonColumn());
      report.update("enriching", 0, rows);
      DirectLoad.locateInPlace(c, table, plan);
    }
    List<String> warnings = new ArrayList<>(prepared.warnings());
    warnings.addAll(plan.warnings());
    return new Written(prepared, rows, plan, labels, warnings);
  }

  /**
   * Two passes: the upload is read into a temporary table (columns DuckDB refuses as typed are read as text), columns
   * that only look like text are converted, the rows are located, and the version table is written from it.
   */
  private Written twoPass(
      DuckDBConnection c, String table, PreparedSource prepared, IngestRequest request, String fileName, IngestProgress report)
      throws SQLException {
    RawTable raw = RawTableLoader.load(c, prepared, fileName, options.maxColumns());
    try {
      if (raw.rows() == 0) {
        throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " has no rows.", Map.of("field", "file"));
      }
      List<String> warnings = new ArrayList<>(raw.source().warnings());
      report.update("typing", 0, -1);
      List<ColumnCleaner.TypedColumn> typed = ColumnCleaner.typedColumns(c, raw, warnings);
      String typedView = "typed_" + UUID.randomUUID().toString().replace("-", "");
      StringBuilder select = new StringBuilder("SELECT rowid + 1 AS \"_id\"");
      for (ColumnCleaner.TypedColumn t : typed) {
        select.append(", ").append(t.expression()).append(" AS ").append(ColumnCleaner.quote(t.name()));
      }
      select.append(" FROM \"").append(raw.name()).append('"');
      VersionStore.execute(c, "CREATE TEMP VIEW \"" + typedView + "\" AS " + select);
      try {
        Map<String, String> types = RawTableLoader.describe(c, "\"" + typedView + "\"");
        List<LocatableColumn> locatable = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (ColumnCleaner.TypedColumn t : typed) {
          locatable.add(new LocatableColumn(t.name(), t.label(), types.get(t.name())));
          labels.put(t.name(), t.label());
        }
        report.update("locating", 0, -1);
        SpatialPlan plan = detector.detect(c, "\"" + typedView + "\"", locatable, request.latColumn(), request.lonColumn());
        warnings.addAll(plan.warnings());
        report.update("enriching", 0, raw.rows());
        VersionStore.execute(c, "CREATE TABLE " + table + " AS " + versionSelect("\"" + typedView + "\"", plan));
        return new Written(raw.source(), raw.rows(), plan, labels, warnings);
      } finally {
        VersionStore.execute(c, "DROP VIEW IF EXISTS \"" + typedView + "\"");
      }
    } finally {
      VersionStore.execute(c, "DROP TABLE IF EXISTS \"" + raw.name() + "\"");
    }
  }

  private static String delimiterLabel(PreparedSource source) {
    if (source.format() != SourceFormat.CSV && source.format() != SourceFormat.TSV) {
      return null;
    }
    return source.delimiter() == '\t' ? "\\t" : String.valueOf(source.delimiter());
  }

  /** The SELECT that writes a version: the typed columns, then the engine's location columns. */
  static String versionSelect(String typed, SpatialPlan plan) {
    if (!plan.isLocated()) {
      return "SELECT * FROM " + typed;
    }
    if (plan.kind() == SpatialInfo.Kind.DISTRICTS) {
      return "SELECT *, " + plan.districtCodeExpression() + " AS \"district_code\" FROM " + typed;
    }
    if (plan.hasRepresentativePoint()) {
      String g = ColumnCleaner.quote(plan.geometryColumn());
      return "SELECT * EXCLUDE (\"_lon\", \"_lat\"), " + plan.districtCodeExpression() + " AS \"district_code\", " + plan.h3Expression()
          + " AS \"h3_cell\", \"_lon\", \"_lat\" FROM (SELECT *, " + LocationFunctions.WKT_LON + "(" + g + ") AS \"_lon\", "
          + LocationFunctions.WKT_LAT + "(" + g + ") AS \"_lat\" FROM " + typed + ")";
    }
    return "SELECT *, " + plan.districtCodeExpression() + " AS \"district_code\", " + plan.h3Expression() + " AS \"h3_cell\" FROM " + typed;
  }

  private static List<TableMetadata.ColumnInfo> columnInfos(
      DuckDBConnection c, String table, Map<String, String> labels, SpatialPlan plan) throws SQLException {
    List<TableMetadata.ColumnInfo> infos = new ArrayList<>();
    for (String name : RawTableLoader.describe(c, table).keySet()) {
      ColumnRole role;
      if (name.equals("_id")) {
        role = ColumnRole.ROW_ID;
      } else if (name.equals(plan.latColumn())) {
        role = ColumnRole.LATITUDE;
      } else if (name.equals(plan.lonColumn())) {
        role = ColumnRole.LONGITUDE;
      } else if (name.equals(plan.geometryColumn())) {
        role = ColumnRole.GEOMETRY;
      } else if (name.equals("district_code") && !labels.containsKey(name)) {
        role = ColumnRole.DISTRICT;
      } else if (name.equals("h3_cell") && !labels.containsKey(name)) {
        role = ColumnRole.H3_CELL;
      } else {
        role = ColumnRole.DATA;
      }
      if (VersionStore.HIDDEN.contains(name)) {
        continue;
      }
      infos.add(new TableMetadata.ColumnInfo(name, labels.getOrDefault(name, name), role));
    }
    return infos;
  }

}
