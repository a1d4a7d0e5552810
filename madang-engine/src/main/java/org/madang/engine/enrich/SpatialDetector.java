package org.madang.engine.enrich;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SpatialInfo;

/**
 * Finds how a table's rows are located, in this order: the latitude/longitude columns the uploader named; columns
 * whose headers say latitude and longitude (위도/경도, lat/lon/lng, latitude/longitude, Y/X, Y좌표/X좌표, Seoul's
 * {@code *_LA}/{@code *_LO}, {@code STATN_LAT}/{@code STATN_LNT}) and whose values could be degrees; a column of WKT
 * geometries ({@code POINT(...)}, as in "노드 WKT"); or a text column whose values are mostly district names
 * (자치구, 측정소명, 기관명 ...), or addresses naming a district (서울특별시 종로구 ...).
 *
 * <p>Works through a few set-based queries on the typed table; stateless and thread-safe.
 */
public final class SpatialDetector {

  private static final Set<String> LAT_NAMES =
      Set.of("위도", "lat", "latitude", "y", "y좌표", "좌표y", "ycoord", "ycoordinate", "위도y", "wido", "la", "gpslat", "gpsy", "ywgs84");
  private static final Set<String> LON_NAMES =
      Set.of(
          "경도", "lon", "lng", "long", "longitude", "x", "x좌표", "좌표x", "xcoord", "xcoordinate", "경도x", "gyeongdo", "lo", "lnt",
          "gpslon", "gpslng", "gpsx", "xwgs84");
  private static final Pattern WKT =
      Pattern.compile("^\\s*(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION)\\s*(Z|M|ZM)?\\s*\\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern DISTRICT_TOKEN = Pattern.compile("(\\S+구)(?=\\s|$|,|\\))");
  private static final int MAX_DISTRICT_VALUES = 2_000;

  private final DistrictIndex districts;

  public SpatialDetector(DistrictIndex districts) {
    this.districts = districts;
  }

  /**
   * The plan for the table (or view) {@code table} with these columns.
   *
   * @param requestedLat the latitude column the uploader named (by name or header), or null
   * @param requestedLon the longitude column the uploader named, or null
   */
  public SpatialPlan detect(Connection c, String table, List<LocatableColumn> columns, String requestedLat, String requestedLon)
      throws SQLException {
    List<String> warnings = new ArrayList<>();
    if (requestedLat != null || requestedLon != null) {
      LocatableColumn lat = requested(columns, requestedLat, "latColumn");
      LocatableColumn lon = requested(columns, requestedLon, "lonColumn");
      for (LocatableColumn col : List.of(lat, lon)) {
        if (!col.isNumeric()) {
          throw new MadangException(
              ErrorCode.INVALID_ARGUMENT,
              "The column " + col.label() + " holds text, not coordinates in degrees.",
              Map.of("field", col == lat ? "latColumn" : "lonColumn", "column", col.name()));
        }
      }
      return points(lat, lon, warnings);
    }
    Optional<LocatableColumn> lat = best(columns, LAT_NAMES, true);
    Optional<LocatableColumn> lon = best(columns, LON_NAMES, false);
    if (lat.isPresent() && lon.isPresent() && !lat.get().equals(lon.get())) {
      if (plausibleDegrees(c, table, lat.get().name(), lon.get().name())) {
        return points(lat.get(), lon.get(), warnings);
      }
      warnings.add(
          "The columns " + lat.get().label() + " and " + lon.get().label()
              + " hold numbers that are not degrees of latitude and longitude (projected coordinates?), so rows were not located.");
    }
    Optional<LocatableColumn> wkt = wktColumn(c, table, columns);
    if (wkt.isPresent()) {
      return new SpatialPlan(
          SpatialInfo.Kind.GEOMETRIES, null, null, wkt.get().name(), null, districtCodeOfPoint("\"_lon\"", "\"_lat\""),
          LocationFunctions.H3_CELL + "(\"_lat\", \"_lon\")", warnings);
    }
    Optional<SpatialPlan> named = districtNames(c, table, columns, warnings);
    return named.orElseGet(() -> SpatialPlan.none(warnings));
  }

  /**
   * The plan {@link #detect} gives when a table is located by latitude and longitude columns, decided from the columns'
   * names and types alone, before any row is read, so an upload can be located while DuckDB reads it. Empty when
   * {@code detect} would have to look at the values (no such columns) or would refuse the requested columns.
   *
   * <p>A plan from the uploader's named columns is final. One chosen by header names is what {@code detect} returns
   * only if the loaded values are degrees: check it with {@link #holdsDegrees} on the loaded table, and call {@code
   * detect} when it does not hold.
   */
  public Optional<SpatialPlan> planFromNames(List<LocatableColumn> columns, String requestedLat, String requestedLon) {
    if (requestedLat != null || requestedLon != null) {
      Optional<LocatableColumn> lat = find(columns, requestedLat);
      Optional<LocatableColumn> lon = find(columns, requestedLon);
      if (lat.isEmpty() || lon.isEmpty() || !lat.get().isNumeric() || !lon.get().isNumeric()) {
        return Optional.empty();
      }
      return Optional.of(points(lat.get(), lon.get(), new ArrayList<>()));
    }
    Optional<LocatableColumn> lat = best(columns, LAT_NAMES, true);
    Optional<LocatableColumn> lon = best(columns, LON_NAMES, false);
    if (lat.isPresent() && lon.isPresent() && !lat.get().equals(lon.get())) {
      return Optional.of(points(lat.get(), lon.get(), new ArrayList<>()));
    }
    return Optional.empty();
  }

  /** Whether the latitude and longitude columns of a points plan hold degrees in {@code table} (see {@link #detect}). */
  public boolean holdsDegrees(Connection c, String table, SpatialPlan plan) throws SQLException {
    return plan.kind() == SpatialInfo.Kind.POINTS && plausibleDegrees(c, table, plan.latColumn(), plan.lonColumn());
  }

  private SpatialPlan points(LocatableColumn lat, LocatableColumn lon, List<String> warnings) {
    String latSql = "CAST(" + SpatialPlan.quote(lat.name()) + " AS DOUBLE)";
    String lonSql = "CAST(" + SpatialPlan.quote(lon.name()) + " AS DOUBLE)";
    return new SpatialPlan(
        SpatialInfo.Kind.POINTS, lat.name(), lon.name(), null, null, districtCodeOfPoint(lonSql, latSql),
        LocationFunctions.H3_CELL + "(" + latSql + ", " + lonSql + ")", warnings);
  }

  /** {@code district_code} from the district function's position, by indexing a list literal of the codes. */
  String districtCodeOfPoint(String lonSql, String latSql) {
    StringBuilder codes = new StringBuilder("[");
    for (District d : districts.listDistricts()) {
      if (codes.length() > 1) {
        codes.append(", ");
      }
      codes.append(literal(d.code()));
    }
    codes.append(']');
    return "(" + codes + ")[" + LocationFunctions.DISTRICT + "(" + lonSql + ", " + latSql + ") + 1]";
  }

  private static LocatableColumn requested(List<LocatableColumn> columns, String wanted, String field) {
    if (wanted == null) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT, "Name both the latitude and the longitude column, or neither.", Map.of("field", field));
    }
    return find(columns, wanted)
        .orElseThrow(
            () ->
                new MadangException(
                    ErrorCode.INVALID_ARGUMENT, "The file has no column named " + wanted + ".", Map.of("field", field, "column", wanted)));
  }

  private static Optional<LocatableColumn> find(List<LocatableColumn> columns, String wanted) {
    if (wanted == null) {
      return Optional.empty();
    }
    for (LocatableColumn col : columns) {
      if (col.name().equalsIgnoreCase(wanted.strip()) || col.label().strip().equalsIgnoreCase(wanted.strip())) {
        return Optional.of(col);
      }
    }
    return Optional.empty();
  }

  private static Optional<LocatableColumn> best(List<LocatableColumn> columns, Set<String> names, boolean latitude) {
    LocatableColumn best = null;
    int bestScore = 0;
    for (LocatableColumn col : columns) {
      if (!col.isNumeric()) {
        continue;
      }
      int score = Math.max(score(normalize(col.label()), col.name(), names, latitude), score(normalize(col.name()), col.name(), names, latitude));
      if (score > bestScore) {
        best = col;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int score(String key, String name, Set<String> names, boolean latitude) {
    if (names.contains(key)) {
      return 3;
    }
    if (latitude ? key.contains("위도") || key.contains("latitude") : key.contains("경도") || key.contains("longitude")) {
      return 2;
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (latitude ? n.endsWith("_lat") || n.endsWith("_la") || n.startsWith("lat_") : n.endsWith("_lon") || n.endsWith("_lng")
        || n.endsWith("_lnt") || n.endsWith("_lo") || n.startsWith("lon_") || n.startsWith("lng_")) {
      return 1;
    }
    return 0;
  }

  static String normalize(String label) {
    return label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[\\s_()\\[\\]\\-.]", "");
  }

  private static boolean plausibleDegrees(Connection c, String table, String latColumn, String lonColumn) throws SQLException {
    String la = SpatialPlan.quote(latColumn);
    String lo = SpatialPlan.quote(lonColumn);
    String sql =
        "SELECT count(*) FILTER (WHERE " + la + " IS NOT NULL AND " + lo + " IS NOT NULL), count(*) FILTER (WHERE abs(" + la
            + ") <= 180 AND abs(" + lo + ") <= 180) FROM " + table;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      long both = r.getLong(1);
      long plausible = r.getLong(2);
      return both == 0 || plausible >= 0.9 * both;
    }
  }

  private static Optional<LocatableColumn> wktColumn(Connection c, String table, List<LocatableColumn> columns) throws SQLException {
    List<LocatableColumn> text = columns.stream().filter(LocatableColumn::isText).toList();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < text.size(); i++) {
      String q = SpatialPlan.quote(text.get(i).name());
      if (i > 0) {
        sql.append(", ");
      }
      sql.append("count(").append(q).append("), count(*) FILTER (WHERE regexp_matches(").append(q)
          .append(", '^\\s*(MULTI)?(POINT|LINESTRING|POLYGON)|^\\s*GEOMETRYCOLLECTION', 'i'))");
    }
    sql.append(" FROM (SELECT * FROM ").append(table).append(" LIMIT 1000)");
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql.toString())) {
      r.next();
      for (int i = 0; i < text.size(); i++) {
        long filled = r.getLong(2 * i + 1);
        long wkt = r.getLong(2 * i + 2);
        if (filled > 0 && wkt >= 0.8 * filled) {
          return Optional.of(text.get(i));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<SpatialPlan> districtNames(Connection c, String table, List<LocatableColumn> columns, List<String> warnings)
      throws SQLException {
    List<LocatableColumn> text = columns.stream().filter(LocatableColumn::isText).toList();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    long rows;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      rows = r.getLong(1);
    }
    if (rows == 0) {
      return Optional.empty();
    }
    long[] distinct = new long[text.size()];
    StringBuilder approx = new StringBuilder("SELECT ");
    for (int i = 0; i < text.size(); i++) {
      approx.append(i > 0 ? ", " : "").append("approx_count_distinct(").append(SpatialPlan.quote(text.get(i).name())).append(')');
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(approx.append(" FROM ").append(table).toString())) {
      r.next();
      for (int i = 0; i < text.size(); i++) {
        distinct[i] = r.getLong(i + 1);
      }
    }
    LocatableColumn bestColumn = null;
    Map<String, String> bestCodes = null;
    double bestShare = 0;
    boolean bestIsAddress = false;
    for (int i = 0; i < text.size(); i++) {
      LocatableColumn col = text.get(i);
      String q = SpatialPlan.quote(col.name());
      Map<String, Long> counts = new LinkedHashMap<>();
      String values =
          distinct[i] <= MAX_DISTRICT_VALUES
              ? "SELECT " + q + ", count(*) FROM " + table + " WHERE " + q + " IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT "
                  + (MAX_DISTRICT_VALUES + 1)
              : "SELECT " + q + ", 1 FROM " + table + " WHERE " + q + " IS NOT NULL LIMIT " + MAX_DISTRICT_VALUES;
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery(values)) {
        while (r.next()) {
          counts.merge(r.getString(1), r.getLong(2), Long::sum);
        }
      }
      if (counts.isEmpty()) {
        continue;
      }
      boolean complete = distinct[i] <= MAX_DISTRICT_VALUES && counts.size() <= MAX_DISTRICT_VALUES;
      Map<String, String> codes = new HashMap<>();
      long matched = 0;
      long seen = 0;
      for (var e : counts.entrySet()) {
        seen += e.getValue();
        Optional<District> d = districts.findByName(e.getKey());
        if (d.isPresent()) {
          codes.put(e.getKey(), d.get().code());
          matched += e.getValue();
        }
      }
      double share = (double) matched / (complete ? rows : seen);
      if (complete && share > bestShare && !codes.isEmpty()) {
        bestColumn = col;
        bestCodes = codes;
        bestShare = share;
        bestIsAddress = false;
      }
      if (codes.isEmpty() && bestShare < 0.5) {
        // addresses: "서울특별시 종로구 사직로 ..." name the district as one word
        long tokenMatched = 0;
        for (var e : counts.entrySet()) {
          if (districtOfAddress(e.getKey()).isPresent()) {
            tokenMatched += e.getValue();
          }
        }
        double tokenShare = (double) tokenMatched / seen;
        if (tokenShare >= 0.8 && tokenShare > bestShare) {
          bestColumn = col;
          bestCodes = null;
          bestShare = tokenShare;
          bestIsAddress = true;
        }
      }
    }
    if (bestColumn == null || bestShare < 0.5) {
      return Optional.empty();
    }
    String q = SpatialPlan.quote(bestColumn.name());
    String expression = bestIsAddress ? addressCase(q) : valueCase(q, bestCodes);
    if (bestIsAddress) {
      warnings.add("Districts were taken from the addresses in " + bestColumn.label() + ".");
    }
    return Optional.of(new SpatialPlan(SpatialInfo.Kind.DISTRICTS, null, null, null, bestColumn.name(), expression, null, warnings));
  }

  private Optional<District> districtOfAddress(String address) {
    Matcher m = DISTRICT_TOKEN.matcher(address);
    while (m.find()) {
      Optional<District> d = districts.findByName(m.group(1));
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  private static String valueCase(String column, Map<String, String> codes) {
    StringBuilder sql = new StringBuilder("CASE ").append(column);
    codes.forEach((value, code) -> sql.append(" WHEN ").append(literal(value)).append(" THEN ").append(literal(code)));
    return sql.append(" END").toString();
  }

  private String addressCase(String column) {
    StringBuilder sql = new StringBuilder("CASE regexp_extract(").append(column).append(", '(\\S+구)(\\s|$|,|\\))', 1)");
    for (District d : districts.listDistricts()) {
      sql.append(" WHEN ").append(literal(d.name())).append(" THEN ").append(literal(d.code()));
    }
    return sql.append(" END").toString();
  }

  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
