package org.madang.engine.enrich;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBWritableVector;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.geo.H3CellLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java functions DuckDB calls while it copies an upload into its version table, so enrichment runs inside
 * DuckDB's own parallel scan (one call per vector of 2,048 rows, on DuckDB's worker threads) instead of a fetch, loop
 * and write-back through JDBC:
 *
 * <ul>
 *   <li>{@code madang_district(lon, lat) → INTEGER}: position of the containing district in {@link
 *       DistrictIndex#listDistricts()} (or of the nearest one within {@link NearbyDistricts#TOLERANCE_M} metres, as
 *       boundary files are simplified), -1 outside every district, NULL when the location is missing (NULL, or
 *       exactly 0/0, which Seoul's files use for "unknown");
 *   <li>{@code madang_h3(lat, lon) → BIGINT}: the H3 cell at the engine's resolution, NULL when missing or impossible
 *       ({@link H3CellLocator} over the city's bounds: H3's own answer, from the city's cells drawn once);
 *   <li>{@code madang_h3_at(lat, lon, resolution) → BIGINT}: the H3 cell at any resolution, equal to {@link
 *       H3Binner#cellOf} for every latitude and longitude in range (0/0 included: the analyses bin what their read
 *       rules let through), NULL when one is NULL, NaN or out of range; each resolution's locator is drawn on first use;
 *   <li>{@code madang_district_containing(lon, lat) → INTEGER}: position of the district containing the point in {@link
 *       DistrictIndex#listDistricts()}, NULL outside every district (no tolerance: {@link DistrictIndex#findContaining});
 *   <li>{@code madang_wkt_lon(wkt)}, {@code madang_wkt_lat(wkt) → DOUBLE}: a point that represents a WKT geometry (its
 *       centroid when that lies inside, else an interior point), NULL when the text is not WKT.
 * </ul>
 *
 * <p>The functions are registered once per database and hold only immutable state, so DuckDB may call them from any
 * number of threads. The city's cells are drawn once per database and resolution on a background thread, started by
 * {@link #drawCellsInBackground()} when an ingest begins (or by the first call at that resolution); until they are drawn
 * the functions ask H3 itself, which gives the same cells, so DuckDB's threads never wait for the drawing.
 */
public final class LocationFunctions {

  public static final String DISTRICT = "madang_district";
  public static final String H3_CELL = "madang_h3";
  public static final String H3_CELL_AT = "madang_h3_at";
  public static final String CONTAINING_DISTRICT = "madang_district_containing";
  public static final String WKT_LON = "madang_wkt_lon";
  public static final String WKT_LAT = "madang_wkt_lat";

  private static final Logger LOG = LoggerFactory.getLogger(LocationFunctions.class);

  private static final int RESOLUTIONS = 16;

  private final H3Binner h3;
  private final Envelope city;
  // per resolution: the binner always, the city's cells once drawn; the drawing flag is the binner's slot being set
  private final AtomicReferenceArray<H3Binner> binners = new AtomicReferenceArray<>(RESOLUTIONS);
  private final AtomicReferenceArray<H3CellLocator> cells = new AtomicReferenceArray<>(RESOLUTIONS);

  private LocationFunctions(H3Binner h3, Envelope city) {
    this.h3 = h3;
    this.city = city;
  }

  /**
   * Starts drawing the city's H3 cells at the engine's resolution on a background thread (a fraction of a second for
   * a large city), once per database; later calls do nothing.
   */
  public void drawCellsInBackground() {
    drawInBackground(h3);
  }

  private void drawInBackground(H3Binner binner) {
    if (binners.compareAndSet(binner.resolution(), null, binner)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  cells.set(binner.resolution(), H3CellLocator.covering(binner, city.getMinY(), city.getMinX(), city.getMaxY(), city.getMaxX()));
                } catch (RuntimeException e) {
                  // every point keeps going to H3 itself: slower, the same cells
                  LOG.warn("The city's H3 cells at resolution {} could not be drawn; H3 locates every point.", binner.resolution(), e);
                }
              },
              "madang-h3-cells-" + binner.resolution());
      t.setDaemon(true);
      t.start();
    }
  }

  /** The city's cells at the engine's resolution once drawn, else null (and the drawing is started). */
  private H3CellLocator drawnCells() {
    return drawnCells(h3);
  }

  /** The city's cells at a resolution once drawn, else null (and the drawing is started). */
  private H3CellLocator drawnCells(H3Binner binner) {
    H3CellLocator c = cells.get(binner.resolution());
    if (c == null) {
      drawInBackground(binner);
    }
    return c;
  }

  /** The binner of a resolution (0 to 15). */
  private H3Binner binner(int resolution) {
    H3Binner b = binners.get(resolution);
    return b != null ? b : H3Binner.atResolution(resolution);
  }

  public static LocationFunctions register(DuckDBConnection connection, DistrictIndex districts, H3Binner h3) throws SQLException {
    NearbyDistricts nearby = new NearbyDistricts(districts);
    // drawn when the first ingest starts, not at start-up
    LocationFunctions functions = new LocationFunctions(h3, districts.bounds());
    DuckDBFunctions.scalarFunction()
        .withName(DISTRICT)
        .withParameters(DuckDBColumnType.DOUBLE, DuckDBColumnType.DOUBLE)
        .withReturnType(DuckDBColumnType.INTEGER)
        .withVectorizedFunction((in, out) -> districts(in.vector(0), in.vector(1), in.rowCount(), out, districts, nearby))
        .register(connection);
    DuckDBFunctions.scalarFunction()
        .withName(H3_CELL)
        .withParameters(DuckDBColumnType.DOUBLE, DuckDBColumnType.DOUBLE)
        .withReturnType(DuckDBColumnType.BIGINT)
        .withVectorizedFunction((in, out) -> cells(in.vector(0), in.vector(1), in.rowCount(), out, functions.drawnCells(), h3))
        .register(connection);
    DuckDBFunctions.scalarFunction()
        .withName(H3_CELL_AT)
        .withParameters(DuckDBColumnType.DOUBLE, DuckDBColumnType.DOUBLE, DuckDBColumnType.INTEGER)
        .withReturnType(DuckDBColumnType.BIGINT)
        .withVectorizedFunction((in, out) -> functions.cellsAt(in.vector(0), in.vector(1), in.vector(2), in.rowCount(), out))
        .register(connection);
    DuckDBFunctions.scalarFunction()
        .withName(CONTAINING_DISTRICT)
        .withParameters(DuckDBColumnType.DOUBLE, DuckDBColumnType.DOUBLE)
        .withReturnType(DuckDBColumnType.INTEGER)
        .withVectorizedFunction((in, out) -> containing(in.vector(0), in.vector(1), in.rowCount(), out, districts))
        .register(connection);
    DuckDBFunctions.scalarFunction()
        .withName(WKT_LON)
        .withParameter(DuckDBColumnType.VARCHAR)
        .withReturnType(DuckDBColumnType.DOUBLE)
        .withVectorizedFunction((in, out) -> representative(in.vector(0), in.rowCount(), out, true))
        .register(connection);
    DuckDBFunctions.scalarFunction()
        .withName(WKT_LAT)
        .withParameter(DuckDBColumnType.VARCHAR)
        .withReturnType(DuckDBColumnType.DOUBLE)
        .withVectorizedFunction((in, out) -> representative(in.vector(0), in.rowCount(), out, false))
        .register(connection);
    return functions;
  }

  /** Whether a location counts as missing: no value, or exactly 0/0. */
  public static boolean isMissing(double lon, double lat) {
    return lon == 0 && lat == 0 || Double.isNaN(lon) || Double.isNaN(lat);
  }

  private static void districts(
      DuckDBReadableVector lons,
      DuckDBReadableVector lats,
      long rows,
      DuckDBWritableVector out,
      DistrictIndex districts,
      NearbyDistricts nearby) {
    for (long i = 0; i < rows; i++) {
      if (lons.isNull(i) || lats.isNull(i)) {
        out.setNull(i);
        continue;
      }
      double lon = lons.getDouble(i);
      double lat = lats.getDouble(i);
      if (isMissing(lon, lat)) {
        out.setNull(i);
      } else {
        int index = districts.indexOf(lon, lat);
        out.setInt(i, index >= 0 ? index : nearby.indexNear(lon, lat));
      }
    }
  }

  /** @param drawn the city's cells, or null while they are being drawn: then H3 itself answers, with the same cells */
  private static void cells(
      DuckDBReadableVector lats, DuckDBReadableVector lons, long rows, DuckDBWritableVector out, H3CellLocator drawn, H3Binner h3) {
    // Rows of one place often repeat (readings of one station): remember the last point and its cell.
    double lastLat = Double.NaN;
    double lastLon = Double.NaN;
    long lastCell = 0;
    for (long i = 0; i < rows; i++) {
      if (lats.isNull(i) || lons.isNull(i)) {
        out.setNull(i);
        continue;
      }
      double lat = lats.getDouble(i);
      double lon = lons.getDouble(i);
      if (isMissing(lon, lat) || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        out.setNull(i);
        continue;
      }
      if (lat != lastLat || lon != lastLon) {
        lastCell = drawn != null ? drawn.cellOf(lat, lon) : h3.cellOf(lat, lon);
        lastLat = lat;
        lastLon = lon;
      }
      out.setLong(i, lastCell);
    }
  }

  /** Cells at the rows' resolutions; a resolution outside 0..15 is an error (DuckDB reports it for the query). */
  private void cellsAt(DuckDBReadableVector lats, DuckDBReadableVector lons, DuckDBReadableVector resolutions, long rows, DuckDBWritableVector out) {
    int resolution = -1;
    H3Binner binner = null;
    H3CellLocator drawn = null;
    double lastLat = Double.NaN;
    double lastLon = Double.NaN;
    long lastCell = 0;
    for (long i = 0; i < rows; i++) {
      if (lats.isNull(i) || lons.isNull(i) || resolutions.isNull(i)) {
        out.setNull(i);
        continue;
      }
      double lat = lats.getDouble(i);
      double lon = lons.getDouble(i);
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        out.setNull(i);
        continue;
      }
      int r = resolutions.getInt(i);
      if (r != resolution) {
        if (r < 0 || r >= RESOLUTIONS) {
          throw new IllegalArgumentException("H3 resolution must be between 0 and 15, got " + r);
        }
        resolution = r;
        binner = binner(r);
        drawn = drawnCells(binner);
        lastLat = Double.NaN;
      }
      if (lat != lastLat || lon != lastLon) {
        lastCell = drawn != null ? drawn.cellOf(lat, lon) : binner.cellOf(lat, lon);
        lastLat = lat;
        lastLon = lon;
      }
      out.setLong(i, lastCell);
    }
  }

  private static void containing(DuckDBReadableVector lons, DuckDBReadableVector lats, long rows, DuckDBWritableVector out, DistrictIndex districts) {
    for (long i = 0; i < rows; i++) {
      int index = lons.isNull(i) || lats.isNull(i) ? -1 : districts.indexOf(lons.getDouble(i), lats.getDouble(i));
      if (index < 0) {
        out.setNull(i);
      } else {
        out.setInt(i, index);
      }
    }
  }

  private static void representative(DuckDBReadableVector wkts, long rows, DuckDBWritableVector out, boolean lon) {
    WKTReader reader = new WKTReader();
    String lastText = null;
    double[] last = null;
    for (long i = 0; i < rows; i++) {
      if (wkts.isNull(i)) {
        out.setNull(i);
        continue;
      }
      String text = wkts.getString(i);
      double[] point = text.equals(lastText) ? last : representativePoint(text, reader);
      lastText = text;
      last = point;
      if (point == null) {
        out.setNull(i);
      } else {
        out.setDouble(i, lon ? point[0] : point[1]);
      }
    }
  }

  /** Longitude and latitude representing a WKT geometry, or null when it is not readable WKT or empty. */
  static double[] representativePoint(String wkt, WKTReader reader) {
    double[] fast = parsePoint(wkt);
    if (fast != null) {
      return fast;
    }
    try {
      Geometry g = reader.read(wkt);
      if (g.isEmpty()) {
        return null;
      }
      Point c = g.getCentroid();
      if (g.getDimension() < 2 || !g.covers(c)) {
        c = g.getInteriorPoint();
      }
      return c == null || c.isEmpty() ? null : new double[] {c.getX(), c.getY()};
    } catch (ParseException | IllegalArgumentException e) {
      return null;
    }
  }

  /** "POINT (x y)" without the WKT reader: most WKT columns are points. */
  static double[] parsePoint(String wkt) {
    String s = wkt.strip();
    if (s.length() < 8 || !s.regionMatches(true, 0, "POINT", 0, 5)) {
      return null;
    }
    int open = s.indexOf('(');
    int close = s.lastIndexOf(')');
    if (open < 0 || close < open || !s.substring(5, open).isBlank()) {
      return null;
    }
    String[] parts = s.substring(open + 1, close).strip().split("\\s+");
    if (parts.length < 2) {
      return null;
    }
    try {
      return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
