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
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
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
   * The located rows of {@code source} with the given numbers.
   *
   * @param tables the version table of each dataset named in the values
   */
  Rows read(AnalysisSpec.Source source, String table, List<AnalysisSpec.ValueColumn> values, Map<String, String> tables) {
    Layout layout = layout(table, source);
    List<Column> columns = columns(table);
    List<Object> parameters = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT t.\"_id\"");
    switch (layout) {
      case POINTS -> select.append(", CAST(t.").append(quote(role(columns, ColumnRole.LONGITUDE))).append(" AS DOUBLE), CAST(t.")
          .append(quote(role(columns, ColumnRole.LATITUDE))).append(" AS DOUBLE), NULL, t.\"district_code\"");
      case GEOMETRIES -> select.append(", t.\"_lon\", t.\"_lat\", CAST(t.").append(quote(role(columns, ColumnRole.GEOMETRY)))
          .append(" AS VARCHAR), t.\"district_code\"");
      case DISTRICTS -> select.append(", NULL, NULL, NULL, t.").append(quote(role(columns, ColumnRole.DISTRICT)));
    }
    if (source.label() != null) {
      select.append(", CAST(t.").append(quote(column(table, source.dataset(), source.label(), labelField(source)).name())).append(" AS VARCHAR)");
    } else {
      select.append(", NULL");
    }
    StringBuilder from = new StringBuilder(" FROM " + table + " t");
    int j = 0;
    for (AnalysisSpec.ValueColumn v : values) {
      appendValue(select, from, source, table, v, "j" + j++, tables, parameters);
    }
    StringBuilder where = new StringBuilder(" WHERE ").append(located(table, layout));
    where.append(filterClause(source, table, "t", parameters));
    String sql = select.toString() + from + where + " ORDER BY t.\"_id\"";
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
          AnalysisSpec.ValueColumn value = values.get(v);
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "Row " + rows.ids()[i] + " of '" + source.dataset() + "'" + describe(rows, i) + " matches " + rows.matches()[v][i] + " rows of '"
                  + value.source().dataset() + "'; add " + value.field() + ".filter (e.g. a year) or more " + value.field() + ".on columns so that it matches one.",
              Map.of("field", value.field() + ".on"));
        }
      }
    }
    List<Object> filterParameters = new ArrayList<>();
    String filtered = "SELECT COUNT(*) FROM " + table + " t WHERE TRUE" + filterClause(source, table, "t", filterParameters);
    long total = query(filtered, filterParameters, r -> {
      r.next();
      return r.getLong(1);
    });
    return new Rows(rows.dataset(), rows.table(), rows.layout(), rows.ids(), rows.lon(), rows.lat(), rows.wkt(), rows.districts(), rows.labels(),
        rows.values(), rows.matches(), total - rows.size());
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

  /** One row of flows: the ends' coordinates (NaN where empty) or codes (null where empty), and its trips. */
  interface FlowConsumer {
    void accept(double fromLon, double fromLat, double toLon, double toLat, String from, String to, double trips);
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

  /** Streams every row of a flows table that passes its filter, in {@code _id} order, without holding them. */
  void scanFlows(AnalysisSpec.Flows flows, String table, FlowConsumer consumer) {
    List<Object> parameters = new ArrayList<>();
    String sql = "SELECT " + flowSelect(flows, table) + " FROM " + table + " t WHERE TRUE" + filterClause(flows.source(), table, "t", parameters)
        + " ORDER BY t.\"_id\"";
    query(sql, parameters, r -> {
      while (r.next()) {
        if (flows.coordinates()) {
          consumer.accept(number(r, 2), number(r, 3), number(r, 4), number(r, 5), null, null, number(r, 6));
        } else {
          consumer.accept(Double.NaN, Double.NaN, Double.NaN, Double.NaN, r.getString(2), r.getString(3), number(r, 4));
        }
      }
      return null;
    });
  }

  private static double number(ResultSet r, int column) throws SQLException {
    double v = r.getDouble(column);
    return r.wasNull() ? Double.NaN : v;
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
        throw new MadangException(ErrorCode.INVALID_ARGUMENT,
            "Row " + a[0] + " of '" + source.dataset() + "'" + (a[1] == null ? "" : " (" + a[1] + ")") + " matches " + a[2] + " rows of '"
                + value.source().dataset() + "'; add " + value.field() + ".filter (e.g. a year) or more " + value.field() + ".on columns so that it matches one.",
            Map.of("field", value.field() + ".on"));
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

  /** Writes the rows {@link #scanFlows} reads to {@code dir} as Parquet; partitioned by district_code when the table has one. */
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
    if (rows.labels()[i] != null) {
      return " (" + rows.labels()[i] + ")";
    }
    return rows.districts()[i] != null && rows.layout() == Layout.DISTRICTS ? " (district " + rows.districts()[i] + ")" : "";
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
    try (DuckDBConnection c = warehouse.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("BEGIN TRANSACTION READ ONLY");
      }
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          s.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          return reader.read(r);
        }
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("ROLLBACK");
        } catch (SQLException ignored) {
          // the transaction already ended with the error
        }
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The analysis could not read its input: " + e.getMessage().lines().findFirst().orElse(""), Map.of(), e);
    }
  }
}
