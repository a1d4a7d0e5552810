package org.madang.engine.analysis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.enrich.LocationFunctions;
import org.madang.engine.store.VersionStore;
import org.madang.engine.store.Warehouse;
import tools.jackson.databind.JsonNode;

/**
 * Reads the located rows of a dataset version, with numbers from its own columns or from joined datasets, in one
 * read-only SQL statement per source. Names of columns and datasets come from the parameters only after they are
 * checked against the table's columns, and are quoted; filter values are bound as parameters.
 *
 * <p>Which rows count: point tables (latitude/longitude columns) give the rows inside the city (those with a
 * district); geometry tables every row with a geometry, located by its representative point; district tables
 * (rows that only name a district) the rows with a district, placed at the district's interior point with the
 * district's boundary as their polygon.
 *
 * <p>Joins match a feature to the one row of another dataset with equal key columns (by default {@code
 * district_code}). Keys are compared as text with spaces removed and the '제' (or '제제') before a number dropped, so
 * that administrative names written with and without the ordinal 제 match: 고덕제1동 and 고덕1동, 홍제제1동 and 홍제1동. A
 * feature matching no row has no value; one matching several is an error, since the value would be ambiguous.
 */
final class InputReader {

  /** How a table's rows are located. */
  enum Layout {
    POINTS,
    GEOMETRIES,
    DISTRICTS
  }

  /**
   * The rows read: position i of every array is the i-th located row, in {@code _id} order.
   *
   * @param wkt the geometry of each row as WKT (longitude/latitude), or null for point tables
   * @param values one array per requested number, NaN where the row has none
   * @param matches per requested number, how many rows of the joined dataset matched (1 for own columns)
   * @param leftOut rows that passed the filter but are not located (or lie outside the city)
   */
  record Rows(
      String dataset, String table, Layout layout, long[] ids, double[] lon, double[] lat, String[] wkt, String[] districts,
      String[] labels, double[][] values, int[][] matches, long leftOut) {

    int size() {
      return ids.length;
    }
  }

  private final Warehouse warehouse;
  private final VersionStore versions;
  private final DistrictIndex districts;

  InputReader(Warehouse warehouse, VersionStore versions) {
    this.warehouse = warehouse;
    this.versions = versions;
    this.districts = warehouse.options().districts();
  }

  DistrictIndex districts() {
    return districts;
  }

  /** The visible columns of a table. */
  List<Column> columns(String table) {
    return versions.describe(table);
  }

  Layout layout(String table, AnalysisSpec.Source source) {
    List<Column> columns = columns(table);
    if (has(columns, ColumnRole.LATITUDE) && has(columns, ColumnRole.LONGITUDE)) {
      return Layout.POINTS;
    }
    if (has(columns, ColumnRole.GEOMETRY)) {
      return Layout.GEOMETRIES;
    }
    if (has(columns, ColumnRole.DISTRICT)) {
      return Layout.DISTRICTS;
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT,
        "The dataset '" + source.dataset() + "' has no locations (no coordinates, geometries or districts), so it cannot be analysed on a map.",
        Map.of("field", source.field()));
  }

  /** A column by its name or its source header; an unknown one is a user error naming {@code field}. */
  Column column(String table, String dataset, String nameOrLabel, String field) {
    List<Column> columns = columns(table);
    return findColumn(columns, nameOrLabel).orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT,
        "The dataset '" + dataset + "' has no column '" + ParameterReader.shorten(nameOrLabel) + "'; its columns are "
            + columns.stream().filter(c -> c.role() != ColumnRole.ROW_ID).limit(30).map(Column::name).collect(Collectors.joining(", ")) + ".",
        Map.of("field", field, "column", nameOrLabel)));
  }

  static Optional<Column> findColumn(List<Column> columns, String nameOrLabel) {
    String wanted = nameOrLabel.strip();
    for (Column c : columns) {
      if (c.name().equals(wanted)) {
        return Optional.of(c);
      }
    }
    for (Column c : columns) {
      if (c.label() != null && c.label().strip().equals(wanted)) {
        return Optional.of(c);
      }
    }
    for (Column c : columns) {
      if (c.name().equalsIgnoreCase(wanted) || (c.label() != null && c.label().strip().equalsIgnoreCase(wanted))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** A numeric column; text columns are a user error naming {@code field}. */
  Column numericColumn(String table, String dataset, String nameOrLabel, String field) {
    Column c = column(table, dataset, nameOrLabel, field);
    if (!isNumeric(c.type())) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The column '" + c.name() + "' of '" + dataset + "' holds " + c.type().toLowerCase(Locale.ROOT) + ", not numbers.",
          Map.of("field", field, "column", c.name()));
    }
    return c;
  }

  static boolean isNumeric(String type) {
    String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
    return t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))|DOUBLE|FLOAT|REAL|DECIMAL.*|NUMERIC.*");
  }

  /** How many located rows a source has (after its filter). */
  long count(AnalysisSpec.Source source, String table) {
    Layout layout = layout(table, source);
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM " + table + " t WHERE " + located(table, layout) + filterClause(source, table, "t", parameters);
    return query(sql, parameters, r -> {
      r.next();
      return r.getLong(1);
    });
  }

  /** How many rows of a source pass its filter, located or not. */
  long countFiltered(AnalysisSpec.Source source, String table) {
    List<Object> parameters = new ArrayList<>();
    return query("SELECT COUNT(*) FROM " + table + " t WHERE TRUE" + filterClause(source, table, "t", parameters), parameters, r -> {
      r.next();
      return r.getLong(1);
    });
  }

  /** A district that names more than one located row of a district table, if any. */
  Optional<String> findRepeatedDistrict(AnalysisSpec.Source source, String table) {
    if (layout(table, source) != Layout.DISTRICTS) {
      return Optional.empty();
    }
    String district = quote(role(columns(table), ColumnRole.DISTRICT));
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT t." + district + " FROM " + table + " t WHERE " + located(table, Layout.DISTRICTS) + filterClause(source, table, "t", parameters)
        + " GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 1 LIMIT 1";
    return query(sql, parameters, r -> r.next() ? Optional.of(districtName(r.getString(1))) : Optional.empty());
  }

  /** How many located rows of a source have no value in one of its own columns. */
  long countMissing(AnalysisSpec.Source source, String table, Column column) {
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM " + table + " t WHERE " + located(table, layout(table, source)) + filterClause(source, table, "t", parameters)
        + " AND t." + quote(column.name()) + " IS NULL";
    return query(sql, parameters, r -> {
      r.next();
      return r.getLong(1);
    });
  }

  /**
   * The SELECT of a source's located rows with the given numbers, without an ORDER BY; columns {@code _id, lon, lat,
   * wkt, district, label}, then {@code v_j0, n_j0, v_j1, n_j1 ...} (each number and how many rows it matched). {@link
   * #read} fetches it row by row; {@link #groupByPlace} groups it inside DuckDB.
   */
  private record Selection(String sql, List<Object> parameters, Layout layout) {}

  private Selection select(AnalysisSpec.Source source, String table, List<AnalysisSpec.ValueColumn> values, Map<String, String> tables) {
    Layout layout = layout(table, source);
    List<Column> columns = columns(table);
    List<Object> parameters = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT t.\"_id\" AS _id");
    switch (layout) {
      case POINTS -> select.append(", CAST(t.").append(quote(role(columns, ColumnRole.LONGITUDE))).append(" AS DOUBLE) AS lon, CAST(t.")
          .append(quote(role(columns, ColumnRole.LATITUDE))).append(" AS DOUBLE) AS lat, NULL AS wkt, t.\"district_code\" AS district");
      case GEOMETRIES -> select.append(", t.\"_lon\" AS lon, t.\"_lat\" AS lat, CAST(t.").append(quote(role(columns, ColumnRole.GEOMETRY)))
          .append(" AS VARCHAR) AS wkt, t.\"district_code\" AS district");
      case DISTRICTS -> select.append(", CAST(NULL AS DOUBLE) AS lon, CAST(NULL AS DOUBLE) AS lat, NULL AS wkt, t.")
          .append(quote(role(columns, ColumnRole.DISTRICT))).append(" AS district");
    }
    if (source.label() != null) {
      select.append(", CAST(t.").append(quote(column(table, source.dataset(), source.label(), labelField(source)).name())).append(" AS VARCHAR) AS label");
    } else {
      select.append(", CAST(NULL AS VARCHAR) AS label");
    }
    StringBuilder from = new StringBuilder(" FROM " + table + " t");
    int j = 0;
    for (AnalysisSpec.ValueColumn v : values) {
      appendValue(select, from, source, table, v, "j" + j++, tables, parameters);
    }
    StringBuilder where = new StringBuilder(" WHERE ").append(located(table, layout));
    where.append(filterClause(source, table, "t", parameters));
    return new Selection(select.toString() + from + where, parameters, layout);
  }

  /**
   * The located rows of {@code source} with the given numbers.
   *
   * @param tables the version table of each dataset named in the values
   */
  Rows read(AnalysisSpec.Source source, String table, List<AnalysisSpec.ValueColumn> values, Map<String, String> tables) {
    Selection selection = select(source, table, values, tables);
    Layout layout = selection.layout();
    List<Object> parameters = selection.parameters();
    String sql = selection.sql() + " ORDER BY t.\"_id\"";
    int numbers = values.size();
    Rows rows = query(sql, parameters, r -> {
      List<Object[]> list = new ArrayList<>();
      while (r.next()) {
        Object[] row = new Object[6 + 2 * numbers];
        row[0] = r.getLong(1);
        row[1] = r.getObject(2) == null ? Double.NaN : r.getDouble(2);
        row[2] = r.getObject(3) == null ? Double.NaN : r.getDouble(3);
        row[3] = r.getString(4);
        row[4] = r.getString(5);
        row[5] = r.getString(6);
        for (int i = 0; i < numbers; i++) {
          row[6 + 2 * i] = r.getObject(7 + 2 * i) == null ? Double.NaN : r.getDouble(7 + 2 * i);
          row[7 + 2 * i] = r.getInt(8 + 2 * i);
        }
        list.add(row);
      }
      int n = list.size();
      long[] ids = new long[n];
      double[] lon = new double[n];
      double[] lat = new double[n];
      String[] wkt = layout == Layout.GEOMETRIES ? new String[n] : null;
      String[] codes = new String[n];
      String[] labels = new String[n];
      double[][] vals = new double[numbers][n];
      int[][] matches = new int[numbers][n];
      for (int i = 0; i < n; i++) {
        Object[] row = list.get(i);
        ids[i] = (Long) row[0];
        lon[i] = (Double) row[1];
        lat[i] = (Double) row[2];
        if (wkt != null) {
          wkt[i] = (String) row[3];
        }
        codes[i] = (String) row[4];
        labels[i] = (String) row[5];
        for (int v = 0; v < numbers; v++) {
          vals[v][i] = (Double) row[6 + 2 * v];
          matches[v][i] = (Integer) row[7 + 2 * v];
        }
      }
      return new Rows(source.dataset(), table, layout, ids, lon, lat, wkt, codes, labels, vals, matches, 0);
    });
    if (layout == Layout.DISTRICTS) {
      placeAtDistricts(rows, source);
    }
    for (int v = 0; v < numbers; v++) {
      for (int i = 0; i < rows.size(); i++) {
        if (rows.matches()[v][i] > 1) {
          throw tooManyMatches(source, values.get(v), rows.ids()[i], describe(rows, i), rows.matches()[v][i]);
        }
      }
    }
    long total = countFiltered(source, table);
    return new Rows(rows.dataset(), rows.table(), rows.layout(), rows.ids(), rows.lon(), rows.lat(), rows.wkt(), rows.districts(), rows.labels(),
        rows.values(), rows.matches(), total - rows.size());
  }

  private static MadangException tooManyMatches(AnalysisSpec.Source source, AnalysisSpec.ValueColumn value, long id, String described, int matches) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT,
        "Row " + id + " of '" + source.dataset() + "'" + described + " matches " + matches + " rows of '"
            + value.source().dataset() + "'; add " + value.field() + ".filter (e.g. a year) or more " + value.field() + ".on columns so that it matches one.",
        Map.of("field", value.field() + ".on"));
  }

  /** Located rows grouped by place: each place's rows and the sum of their number (rows without one add 0). */
  record Place(String key, long rows, double sum) {}

  /**
   * The located rows of a source grouped by place.
   *
   * @param places ordered by key (as text)
   * @param rows the located rows
   * @param leftOut rows that passed the filter but are not located
   * @param firstWithoutNumber when some located row has no number (NULL or NaN): the first in {@code _id} order, as
   *     {@code "<id> (<label>)"} in the style of {@link #describe}; else null
   */
  record Places(List<Place> places, long rows, long leftOut, String firstWithoutNumber) {}

  /**
   * The rows {@link #read} would read, grouped inside DuckDB (its parallel scan and hash aggregate, spilling under its
   * memory limit) by H3 cell ({@code madang_h3_at}) or, with {@code h3Resolution} null, by district; only the groups
   * come back. District tables are grouped by district and each district's rows put in the cell of its interior point,
   * where {@link #read} places them. The checks of {@link #read} hold: a joined number matching several rows is the
   * same error.
   *
   * @param value the number to sum, or null to count only
   */
  Places groupByPlace(
      AnalysisSpec.Source source, String table, AnalysisSpec.ValueColumn value, Map<String, String> tables, Integer h3Resolution, BooleanSupplier cancelled) {
    List<AnalysisSpec.ValueColumn> values = value == null ? List.of() : List.of(value);
    Selection selection = select(source, table, values, tables);
    if (value != null && value.joined()) {
      String first = "SELECT _id, label, district, n_j0 FROM (" + selection.sql() + ") WHERE n_j0 > 1 ORDER BY _id LIMIT 1";
      query(first, selection.parameters(), r -> {
        if (r.next()) {
          throw tooManyMatches(source, value, r.getLong(1), describe(r.getString(2), r.getString(3), selection.layout()), r.getInt(4));
        }
        return null;
      });
    }
    boolean byCell = h3Resolution != null && selection.layout() != Layout.DISTRICTS;
    String key = byCell ? LocationFunctions.H3_CELL_AT + "(lat, lon, " + h3Resolution.intValue() + ")" : "district";
    String missing = value == null ? "FALSE" : "v_j0 IS NULL OR isnan(v_j0)";
    String sum = value == null ? "CAST(0 AS DOUBLE)" : "fsum(CASE WHEN " + missing + " THEN 0 ELSE v_j0 END)";
    String sql = "SELECT " + key + " AS place, COUNT(*), " + sum + ", COUNT(*) FILTER (WHERE " + missing + ") FROM (" + selection.sql() + ") GROUP BY 1";
    long[] totals = new long[2];
    Map<String, double[]> byKey = new java.util.TreeMap<>();
    H3Binner binner = h3Resolution == null ? null : H3Binner.atResolution(h3Resolution);
    query(sql, selection.parameters(), cancelled, r -> {
      while (r.next()) {
        String place;
        if (byCell) {
          place = H3Binner.toAddress(r.getLong(1));
        } else if (binner != null) {
          // a district table binned into cells: its rows sit at the district's interior point
          Point p = districts.findByCode(r.getString(1)).map(d -> d.boundary().getInteriorPoint()).orElseThrow(() -> new MadangException(ErrorCode.INTERNAL,
              "The district " + stringOrNull(r, 1) + " of '" + source.dataset() + "' is not one of the city's."));
          place = H3Binner.toAddress(binner.cellOf(p.getY(), p.getX()));
        } else {
          place = r.getString(1);
        }
        double[] group = byKey.computeIfAbsent(place, k -> new double[2]);
        group[0] += r.getLong(2);
        group[1] += r.getDouble(3);
        totals[0] += r.getLong(2);
        totals[1] += r.getLong(4);
      }
      return null;
    });
    String firstWithoutNumber = null;
    if (totals[1] > 0) {
      String first = "SELECT _id, label, district FROM (" + selection.sql() + ") WHERE " + missing + " ORDER BY _id LIMIT 1";
      firstWithoutNumber = query(first, selection.parameters(), r -> {
        r.next();
        return r.getLong(1) + describe(r.getString(2), r.getString(3), selection.layout());
      });
    }
    List<Place> places = new ArrayList<>(byKey.size());
    byKey.forEach((k, g) -> places.add(new Place(k, (long) g[0], g[1])));
    return new Places(places, totals[0], countFiltered(source, table) - totals[0], firstWithoutNumber);
  }

  private static String stringOrNull(ResultSet r, int column) {
    try {
      return r.getString(column);
    } catch (SQLException e) {
      return null;
    }
  }

  /**
   * Appends to {@code select} the number of {@code v} for each row {@code t} of the source and how many rows it matched
   * ({@code v_<alias>}, {@code n_<alias>}):
   * its own column (1), or the value of the one row of another dataset that matches it on the {@code on} columns
   * (a LEFT JOIN added to {@code from}; no match: null and 0). Filter values go to {@code parameters}, or are
   * written as literals when that is null.
   */
  private void appendValue(StringBuilder select, StringBuilder from, AnalysisSpec.Source source, String table, AnalysisSpec.ValueColumn v, String alias,
      Map<String, String> tables, List<Object> parameters) {
    if (!v.joined()) {
      Column c = numericColumn(table, source.dataset(), v.column(), v.field());
      select.append(", CAST(t.").append(quote(c.name())).append(" AS DOUBLE) AS v_").append(alias).append(", 1 AS n_").append(alias);
      return;
    }
    String other = tables.get(v.source().dataset());
    Column c = numericColumn(other, v.source().dataset(), v.column(), v.field() + ".column");
    StringBuilder sub = new StringBuilder("SELECT ");
    StringBuilder on = new StringBuilder();
    List<String> keys = new ArrayList<>();
    int k = 0;
    for (Map.Entry<String, String> e : v.on().entrySet()) {
      Column mine = column(table, source.dataset(), e.getKey(), v.field() + ".on");
      Column theirs = column(other, v.source().dataset(), e.getValue(), v.field() + ".on");
      String key = normalised("s." + quote(theirs.name()));
      sub.append(key).append(" AS k").append(k).append(", ");
      keys.add(key);
      on.append(on.length() == 0 ? "" : " AND ").append(normalised("t." + quote(mine.name()))).append(" = ").append(alias).append(".k").append(k);
      k++;
    }
    sub.append("CAST(s.").append(quote(c.name())).append(" AS DOUBLE) AS v, COUNT(*) OVER (PARTITION BY ").append(String.join(", ", keys))
        .append(") AS n FROM ").append(other).append(" s WHERE TRUE").append(filterClause(v.source(), other, "s", parameters));
    from.append(" LEFT JOIN (").append(sub).append(") ").append(alias).append(" ON ").append(on);
    select.append(", ").append(alias).append(".v AS v_").append(alias).append(", COALESCE(").append(alias).append(".n, 0) AS n_").append(alias);
  }

  /**
   * Every row of a source that passes its filter, located or not, as the text of the given columns (null where empty),
   * in {@code _id} order: for tables that are not features, such as a network's links or trips.
   */
  List<String[]> readText(AnalysisSpec.Source source, String table, List<Column> wanted) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < wanted.size(); i++) {
      select.append(i == 0 ? "" : ", ").append("CAST(t.").append(quote(wanted.get(i).name())).append(" AS VARCHAR)");
    }
    String sql = select + " FROM " + table + " t WHERE TRUE" + filterClause(source, table, "t", parameters) + " ORDER BY t.\"_id\"";
    return query(sql, parameters, r -> {
      List<String[]> rows = new ArrayList<>();
      while (r.next()) {
        String[] row = new String[wanted.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = r.getString(i + 1);
        }
        rows.add(row);
      }
      return rows;
    });
  }

  /** The columns of a flows table: from_lon, from_lat, to_lon, to_lat or from, to; then trips (or null). */
  List<Column> flowColumns(AnalysisSpec.Flows flows, String table) {
    List<Column> out = new ArrayList<>();
    List<String> keys = flows.coordinates() ? List.of("from_lon", "from_lat", "to_lon", "to_lat") : List.of("from", "to");
    for (int i = 0; i < keys.size(); i++) {
      String field = "flows." + keys.get(i);
      out.add(flows.coordinates() ? numericColumn(table, flows.source().dataset(), flows.ends().get(i), field)
          : column(table, flows.source().dataset(), flows.ends().get(i), field));
    }
    out.add(flows.trips() == null ? null : numericColumn(table, flows.source().dataset(), flows.trips(), "flows.trips"));
    return out;
  }

  /** The SELECT list of a flows table's columns under fixed names (from_lon ... or from_code, to_code; trips). */
  String flowSelect(AnalysisSpec.Flows flows, String table) {
    List<Column> c = flowColumns(flows, table);
    StringBuilder s = new StringBuilder("t.\"_id\" AS _id");
    if (flows.coordinates()) {
      String[] names = {"from_lon", "from_lat", "to_lon", "to_lat"};
      for (int i = 0; i < 4; i++) {
        s.append(", CAST(t.").append(quote(c.get(i).name())).append(" AS DOUBLE) AS ").append(names[i]);
      }
    } else {
      s.append(", CAST(t.").append(quote(c.get(0).name())).append(" AS VARCHAR) AS from_code, CAST(t.").append(quote(c.get(1).name()))
          .append(" AS VARCHAR) AS to_code");
    }
    s.append(", ").append(c.get(c.size() - 1) == null ? "CAST(1 AS DOUBLE)" : "CAST(t." + quote(c.get(c.size() - 1).name()) + " AS DOUBLE)").append(" AS trips");
    return s.toString();
  }

  /** One (origin, destination) pair of places: its rows and the sum of their trips. */
  record Pair(String origin, String destination, long rows, double trips) {}

  /**
   * The pairs ordered by origin then destination, from {@code rows} rows of flows; {@code leftOut} rows had an end
   * that could not be placed or no trips.
   */
  record Pairs(List<Pair> pairs, long rows, long leftOut) {}

  /**
   * Every row of a flows table that passes its filter, grouped inside DuckDB by the places of its ends: by their codes,
   * or for coordinates by H3 cell at {@code h3Resolution} ({@code madang_h3_at}) or by the district containing them
   * ({@code madang_district_containing}, {@code by} "district"). Rows with an end that has no place (missing or
   * impossible coordinates, outside every district, no code) or without trips (NULL or NaN) are left out.
   */
  Pairs groupFlows(AnalysisSpec.Flows flows, String table, String by, int h3Resolution, BooleanSupplier cancelled) {
    List<Object> parameters = new ArrayList<>();
    String rows = "SELECT " + flowSelect(flows, table) + " FROM " + table + " t WHERE TRUE" + filterClause(flows.source(), table, "t", parameters);
    String origin;
    String destination;
    if (!flows.coordinates()) {
      origin = "from_code";
      destination = "to_code";
    } else if (by.equals("h3")) {
      origin = LocationFunctions.H3_CELL_AT + "(from_lat, from_lon, " + h3Resolution + ")";
      destination = LocationFunctions.H3_CELL_AT + "(to_lat, to_lon, " + h3Resolution + ")";
    } else {
      origin = LocationFunctions.CONTAINING_DISTRICT + "(from_lon, from_lat)";
      destination = LocationFunctions.CONTAINING_DISTRICT + "(to_lon, to_lat)";
    }
    String sql = "SELECT CASE WHEN trips IS NULL OR isnan(trips) THEN NULL ELSE " + origin + " END AS origin, " + destination
        + " AS destination, COUNT(*), fsum(trips) FROM (" + rows + ") GROUP BY 1, 2";
    List<District> list = districts.listDistricts();
    long[] counted = new long[2];
    List<Pair> pairs = new ArrayList<>();
    query(sql, parameters, cancelled, r -> {
      while (r.next()) {
        Object from = r.getObject(1);
        Object to = r.getObject(2);
        long n = r.getLong(3);
        if (from == null || to == null) {
          counted[1] += n;
          continue;
        }
        counted[0] += n;
        pairs.add(new Pair(place(from, flows, by, list), place(to, flows, by, list), n, r.getDouble(4)));
      }
      return null;
    });
    pairs.sort((a, b) -> a.origin().equals(b.origin()) ? a.destination().compareTo(b.destination()) : a.origin().compareTo(b.origin()));
    return new Pairs(pairs, counted[0], counted[1]);
  }

  private static String place(Object key, AnalysisSpec.Flows flows, String by, List<District> districts) {
    if (!flows.coordinates()) {
      return (String) key;
    }
    return by.equals("h3") ? H3Binner.toAddress(((Number) key).longValue()) : districts.get(((Number) key).intValue()).code();
  }

  /**
   * Writes to {@code dir} as Parquet the rows {@link #read} would read from a point table with one number: {@code _id,
   * lon, lat, label, value} (the number of the row's own column or of the one row of another dataset it matches, or
   * null) and {@code district_code}, partitioned by {@code district_code} ({@code dir/district_code=11110/...}). A row
   * matching several rows of the joined dataset is refused as {@link #read} refuses it. {@code dir} must lie in the
   * warehouse's work dir.
   *
   * @param valuedOnly whether rows without a number are left out of the file
   * @return the rows written
   */
  long exportPoints(
      AnalysisSpec.Source source, String table, AnalysisSpec.ValueColumn value, Map<String, String> tables, boolean valuedOnly, java.nio.file.Path dir) {
    String rows = pointValues(source, table, value, tables);
    if (value != null && value.joined()) {
      Optional<Object[]> ambiguous = query("SELECT _id, label, matches FROM (" + rows + ") WHERE matches > 1 ORDER BY _id LIMIT 1", List.of(),
          r -> r.next() ? Optional.of(new Object[] {r.getLong(1), r.getString(2), r.getInt(3)}) : Optional.empty());
      ambiguous.ifPresent(a -> {
        throw tooManyMatches(source, value, (Long) a[0], describe((String) a[1], null, Layout.POINTS), (Integer) a[2]);
      });
    }
    return copy("SELECT _id, lon, lat, label, value, district_code FROM (" + rows + ")" + (valuedOnly ? " WHERE value IS NOT NULL" : "") + " ORDER BY _id",
        dir, true);
  }

  /**
   * Of the located points of a source with one number (as {@link #exportPoints} writes them): how many have no number,
   * and the first in {@code _id} order whose number is negative or infinite ({@code _id}, label, number), if any.
   */
  ValueCheck checkValues(AnalysisSpec.Source source, String table, AnalysisSpec.ValueColumn value, Map<String, String> tables) {
    String rows = pointValues(source, table, value, tables);
    long missing = query("SELECT COUNT(*) FROM (" + rows + ") WHERE value IS NULL", List.of(), r -> {
      r.next();
      return r.getLong(1);
    });
    Optional<ValueCheck.Row> bad = query("SELECT _id, label, value FROM (" + rows + ") WHERE value < 0 OR isinf(value) ORDER BY _id LIMIT 1", List.of(),
        r -> r.next() ? Optional.of(new ValueCheck.Row(r.getLong(1), r.getString(2), r.getDouble(3))) : Optional.empty());
    return new ValueCheck(missing, bad);
  }

  /** @param negative the first row with a negative or infinite number */
  record ValueCheck(long missing, Optional<Row> negative) {

    record Row(long id, String label, double value) {}
  }

  /** The located rows of a point table with one number and its matches, filters as literals (for COPY). */
  private String pointValues(AnalysisSpec.Source source, String table, AnalysisSpec.ValueColumn value, Map<String, String> tables) {
    List<Column> columns = columns(table);
    StringBuilder select = new StringBuilder("SELECT t.\"_id\" AS _id, CAST(t.").append(quote(role(columns, ColumnRole.LONGITUDE)))
        .append(" AS DOUBLE) AS lon, CAST(t.").append(quote(role(columns, ColumnRole.LATITUDE))).append(" AS DOUBLE) AS lat, ");
    select.append(source.label() == null ? "CAST(NULL AS VARCHAR)" : "CAST(t." + quote(column(table, source.dataset(), source.label(), labelField(source)).name()) + " AS VARCHAR)")
        .append(" AS label, t.\"district_code\" AS district_code");
    StringBuilder from = new StringBuilder(" FROM " + table + " t");
    if (value == null) {
      select.append(", CAST(NULL AS DOUBLE) AS v_j0, 1 AS n_j0");
    } else {
      appendValue(select, from, source, table, value, "j0", tables, null);
    }
    return "SELECT _id, lon, lat, label, district_code, v_j0 AS value, n_j0 AS matches FROM (" + select + from + " WHERE " + located(table, Layout.POINTS)
        + literalFilterClause(source, table) + ")";
  }

  /** Writes the rows {@link #groupFlows} groups to {@code dir} as Parquet; partitioned by district_code when the table has one. */
  long exportFlows(AnalysisSpec.Flows flows, String table, java.nio.file.Path dir) {
    boolean located = columns(table).stream().anyMatch(c -> c.name().equals("district_code"));
    String sql = "SELECT " + flowSelect(flows, table) + (located ? ", t.\"district_code\" AS district_code" : "") + " FROM " + table + " t WHERE TRUE"
        + literalFilterClause(flows.source(), table) + " ORDER BY t.\"_id\"";
    return copy(sql, dir, located);
  }

  private long copy(String select, java.nio.file.Path dir, boolean partitioned) {
    String target = dir.toAbsolutePath().normalize().toString().replace("'", "''");
    String sql = "COPY (" + select + ") TO '" + (partitioned ? target : target + "/part-0.parquet") + "' (FORMAT parquet"
        + (partitioned ? ", PARTITION_BY (district_code)" : "") + ")";
    try (DuckDBConnection c = warehouse.connect(); Statement s = c.createStatement()) {
      java.nio.file.Files.createDirectories(partitioned ? dir.getParent() : dir);
      if (s.execute(sql)) {
        try (ResultSet r = s.getResultSet()) {
          return r.next() ? r.getLong(1) : 0;
        }
      }
      return s.getUpdateCount();
    } catch (SQLException | java.io.IOException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The analysis could not export its input for Spark: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), Map.of(), e);
    }
  }

  /** The source's filter with its values written as SQL literals (COPY takes no parameters). */
  private String literalFilterClause(AnalysisSpec.Source source, String table) {
    return filterClause(source, table, "t", null);
  }

  /** The table's column of a role (latitude, longitude, ...), if it has one. */
  Optional<Column> roleColumn(String table, ColumnRole role) {
    return columns(table).stream().filter(c -> c.role() == role).findFirst();
  }

  /** Rows that only name a district are placed at its interior point and take its boundary. */
  private void placeAtDistricts(Rows rows, AnalysisSpec.Source source) {
    for (int i = 0; i < rows.size(); i++) {
      Optional<District> d = districts.findByCode(rows.districts()[i]);
      if (d.isEmpty()) {
        throw new MadangException(ErrorCode.INTERNAL, "The district " + rows.districts()[i] + " of '" + source.dataset() + "' is not one of the city's.");
      }
      Point p = d.get().boundary().getInteriorPoint();
      rows.lon()[i] = p.getX();
      rows.lat()[i] = p.getY();
    }
  }

  /** The boundary of a district by code. */
  Geometry districtBoundary(String code) {
    return districts.findByCode(code).map(District::boundary).orElseThrow();
  }

  /** The district's name, for messages and labels. */
  String districtName(String code) {
    return districts.findByCode(code).map(District::name).orElse(code);
  }

  static String describe(Rows rows, int i) {
    return describe(rows.labels()[i], rows.districts()[i], rows.layout());
  }

  private static String describe(String label, String district, Layout layout) {
    if (label != null) {
      return " (" + label + ")";
    }
    return district != null && layout == Layout.DISTRICTS ? " (district " + district + ")" : "";
  }

  private static String labelField(AnalysisSpec.Source source) {
    return source.field().endsWith(".dataset") ? source.field().substring(0, source.field().length() - 8) + ".label" : source.field() + ".label";
  }

  private String located(String table, Layout layout) {
    List<Column> columns = columns(table);
    return switch (layout) {
      case POINTS -> "t." + quote(role(columns, ColumnRole.LATITUDE)) + " IS NOT NULL AND t." + quote(role(columns, ColumnRole.LONGITUDE))
          + " IS NOT NULL AND t.\"district_code\" IS NOT NULL";
      case GEOMETRIES -> "t." + quote(role(columns, ColumnRole.GEOMETRY)) + " IS NOT NULL AND t.\"_lon\" IS NOT NULL";
      case DISTRICTS -> "t." + quote(role(columns, ColumnRole.DISTRICT)) + " IS NOT NULL";
    };
  }

  /** The filter as SQL with {@code ?} placeholders whose values go to {@code parameters}, or with literals when that is null. */
  private String filterClause(AnalysisSpec.Source source, String table, String alias, List<Object> parameters) {
    StringBuilder sb = new StringBuilder();
    String field = source.field().endsWith(".dataset") ? source.field().substring(0, source.field().length() - 8) + ".filter" : source.field() + ".filter";
    for (Map.Entry<String, JsonNode> e : source.filter().entrySet()) {
      Column c = column(table, source.dataset(), e.getKey(), field);
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        sb.append(" AND CAST(").append(alias).append('.').append(quote(c.name())).append(" AS DOUBLE) = ");
        if (parameters == null) {
          sb.append("CAST('").append(v.doubleValue()).append("' AS DOUBLE)");
        } else {
          sb.append('?');
          parameters.add(v.doubleValue());
        }
      } else {
        String text = v.isBoolean() ? String.valueOf(v.booleanValue()) : v.asString();
        sb.append(" AND CAST(").append(alias).append('.').append(quote(c.name())).append(" AS VARCHAR) = ");
        if (parameters == null) {
          sb.append('\'').append(text.replace("'", "''")).append('\'');
        } else {
          sb.append('?');
          parameters.add(text);
        }
      }
    }
    return sb.toString();
  }

  private static String role(List<Column> columns, ColumnRole role) {
    return columns.stream().filter(c -> c.role() == role).findFirst().map(Column::name).orElseThrow();
  }

  private static boolean has(List<Column> columns, ColumnRole role) {
    return columns.stream().anyMatch(c -> c.role() == role);
  }

  /** Text with spaces removed and any run of '제' before a digit dropped (고덕제1동 → 고덕1동, 홍제제1동 and 홍제1동 → 홍1동). */
  private static String normalised(String expression) {
    return "regexp_replace(replace(trim(CAST(" + expression + " AS VARCHAR)), ' ', ''), '제+([0-9])', '\\1', 'g')";
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private interface ResultReader<T> {
    T read(ResultSet r) throws SQLException;
  }

  /** Runs one SELECT in a read-only transaction on its own connection. */
  private <T> T query(String sql, List<Object> parameters, ResultReader<T> reader) {
    return query(sql, parameters, null, reader);
  }

  /**
   * Runs one SELECT in a read-only transaction on its own connection; when {@code cancelled} (if not null) answers true,
   * asked every 100 ms while DuckDB works, the statement is interrupted and a {@link CancellationException} thrown.
   */
  private <T> T query(String sql, List<Object> parameters, BooleanSupplier cancelled, ResultReader<T> reader) {
    AtomicBoolean interrupted = new AtomicBoolean();
    try (DuckDBConnection c = warehouse.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN TRANSACTION READ ONLY");
      }
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          s.setObject(i + 1, parameters.get(i));
        }
        if (cancelled == null) {
          try (ResultSet r = s.executeQuery()) {
            return reader.read(r);
          }
        }
        if (cancelled.getAsBoolean()) {
          throw new CancellationException();
        }
        Thread watcher = new Thread(() -> {
          try {
            while (!cancelled.getAsBoolean()) {
              Thread.sleep(100);
            }
            interrupted.set(true);
            s.cancel();
          } catch (InterruptedException | SQLException done) {
            // the statement finished first, or is closing
          }
        }, "madang-analysis-cancel");
        watcher.setDaemon(true);
        watcher.start();
        try (ResultSet r = s.executeQuery()) {
          return reader.read(r);
        } finally {
          watcher.interrupt();
        }
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the transaction already ended with the error
        }
      }
    } catch (SQLException e) {
      if (interrupted.get()) {
        throw new CancellationException();
      }
      throw new MadangException(ErrorCode.INTERNAL, "The analysis could not read its input: " + e.getMessage().lines().findFirst().orElse(""), Map.of(), e);
    }
  }
}
