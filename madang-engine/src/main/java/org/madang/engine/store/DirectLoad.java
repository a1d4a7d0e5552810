package org.madang.engine.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.duckdb.DuckDBConnection;
import org.madang.engine.IngestProgress;
import org.madang.engine.SpatialInfo;
import org.madang.engine.enrich.LocationFunctions;
import org.madang.engine.enrich.SpatialPlan;
import org.madang.engine.ingest.PreparedSource;
import org.madang.engine.ingest.SourceColumn;

/**
 * Reads a delimited upload in one pass straight into its version table: {@code CREATE TABLE versions."x__vN" AS
 * SELECT ... FROM read_csv(...)} with the types the sample gave, and, when the rows are located by latitude and
 * longitude columns known from their names, the location columns computed by the enrichment functions in the same
 * statement. The result has the columns, in the same order, and the values the two-pass path writes (a temporary raw
 * table, then the version table from it).
 *
 * <p>{@code _id} is the row's number in the file. DuckDB's CSV reader has no row number, and a window ({@code
 * row_number() OVER ()}) would make the parallel read serial, so the table is written with an empty {@code _id} and
 * one {@code UPDATE ... SET "_id" = rowid + 1} fills it: with insertion order preserved, a new table's {@code rowid}
 * is its row's position in the file, which is what the two-pass path relies on as well.
 */
final class DirectLoad {

  private DirectLoad() {}

  /** Whether the upload can be read this way: delimited text none of whose columns needs cleaning. */
  static boolean applies(PreparedSource source) {
    return !source.parquet() && !source.columns().isEmpty() && source.columns().stream().noneMatch(SourceColumn::needsCleaning);
  }

  /**
   * Writes {@code table} from the upload, located by {@code plan} when it is not null.
   *
   * @param report told "numbering" once the rows are in and {@code _id} is being filled
   * @return the number of rows, or empty when DuckDB refused the file as typed; then nothing was created
   */
  static OptionalLong load(DuckDBConnection c, String table, PreparedSource source, SpatialPlan plan, IngestProgress report)
      throws SQLException {
    String read = "(SELECT CAST(NULL AS BIGINT) AS \"_id\", * FROM " + RawTableLoader.readCsv(source, source.columns()) + ")";
    String select = plan == null ? "SELECT * FROM " + read : VersionStager.versionSelect(read, plan);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " AS " + select);
    } catch (SQLException e) {
      // a value that does not convert, a broken record, bytes that do not decode: the two-pass path names them
      VersionStore.execute(c, "DROP TABLE IF EXISTS " + table);
      return OptionalLong.empty();
    }
    report.update("numbering", 0, -1);
    try (Statement s = c.createStatement()) {
      return OptionalLong.of(s.executeLargeUpdate("UPDATE " + table + " SET \"_id\" = rowid + 1"));
    }
  }

  /** Removes the location columns a points plan added, when its columns turned out not to hold degrees. */
  static void dropLocation(DuckDBConnection c, String table, SpatialPlan plan) throws SQLException {
    if (plan.kind() != SpatialInfo.Kind.POINTS) {
      throw new IllegalArgumentException("only a points plan is decided before the rows are read");
    }
    VersionStore.execute(c, "ALTER TABLE " + table + " DROP COLUMN \"h3_cell\"");
    VersionStore.execute(c, "ALTER TABLE " + table + " DROP COLUMN \"district_code\"");
  }

  /**
   * Adds the location columns of a plan found on the loaded table, in the order {@link VersionStager#versionSelect}
   * gives them, and fills them in place.
   */
  static void locateInPlace(DuckDBConnection c, String table, SpatialPlan plan) throws SQLException {
    if (!plan.isLocated()) {
      return;
    }
    VersionStore.execute(c, "ALTER TABLE " + table + " ADD COLUMN \"district_code\" VARCHAR");
    if (plan.kind() == SpatialInfo.Kind.DISTRICTS) {
      VersionStore.execute(c, "UPDATE " + table + " SET \"district_code\" = " + plan.districtCodeExpression());
      return;
    }
    VersionStore.execute(c, "ALTER TABLE " + table + " ADD COLUMN \"h3_cell\" BIGINT");
    if (plan.hasRepresentativePoint()) {
      String g = ColumnCleaner.quote(plan.geometryColumn());
      VersionStore.execute(c, "ALTER TABLE " + table + " ADD COLUMN \"_lon\" DOUBLE");
      VersionStore.execute(c, "ALTER TABLE " + table + " ADD COLUMN \"_lat\" DOUBLE");
      VersionStore.execute(
          c, "UPDATE " + table + " SET \"_lon\" = " + LocationFunctions.WKT_LON + "(" + g + "), \"_lat\" = " + LocationFunctions.WKT_LAT + "(" + g + ")");
    }
    VersionStore.execute(
        c, "UPDATE " + table + " SET \"district_code\" = " + plan.districtCodeExpression() + ", \"h3_cell\" = " + plan.h3Expression());
  }
}
