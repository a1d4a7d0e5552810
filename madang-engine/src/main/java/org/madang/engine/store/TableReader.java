package org.madang.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.SpatialInfo;
import org.madang.engine.TablePage;

/**
 * Reads pages of a version for previews, CKAN's {@code datastore_search} and OGC API Features. Every column name in
 * the request is checked against the table; every value is a bound parameter. {@code q} searches the text columns
 * (case-insensitive substring); {@code bbox} keeps rows located inside it: by their coordinates, by the hidden
 * representative point of a geometry ({@code _lon}, {@code _lat}), or by the district they name.
 */
public final class TableReader {

  public static final int MAX_LIMIT = 32_000;
  private static final Pattern SORT_ITEM = Pattern.compile("^\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s*(?:\\s(asc|desc))?\\s*$", Pattern.CASE_INSENSITIVE);

  private final Warehouse warehouse;
  private final VersionStore store;
  private final DistrictIndex districts;
  private final java.util.Map<String, Boolean> denseIds = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, Described> described = new java.util.concurrent.ConcurrentHashMap<>();

  public TableReader(Warehouse warehouse, VersionStore store) {
    this.warehouse = warehouse;
    this.store = store;
    this.districts = warehouse.options().districts();
  }

  /**
   * A page of rows. H3 cells come out as their usual hexadecimal address (a VARCHAR in the page's columns): as JSON
   * numbers, 64-bit cell indexes would lose their last digits in JavaScript clients. Filters take either form.
   */
  public TablePage read(ReadRequest request) {
    if (request.limit() < 0 || request.offset() < 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Limit and offset cannot be negative.", Map.of("field", request.limit() < 0 ? "limit" : "offset"));
    }
    // a version table never changes, so what the catalog tables say about it is looked up once; a dataset's view
    // (its current version) is resolved every time
    Described known = described(request.table());
    String table = known.table();
    TableMetadata metadata = known.metadata();
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column c : known.columns()) {
      byName.put(c.name(), c);
    }
    List<Column> selected = new ArrayList<>();
    if (request.fields() == null || request.fields().isEmpty()) {
      selected.addAll(byName.values());
    } else {
      for (String f : request.fields()) {
        selected.add(column(byName, f, "fields"));
      }
    }
    StringBuilder where = new StringBuilder(" WHERE true");
    List<Object> params = new ArrayList<>();
    if (request.q() != null && !request.q().isBlank()) {
      List<Column> text = byName.values().stream().filter(c -> c.type().equals("VARCHAR")).toList();
      if (text.isEmpty()) {
        where.append(" AND false");
      } else {
        where.append(" AND (");
        String pattern = "%" + request.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        for (int i = 0; i < text.size(); i++) {
          where.append(i > 0 ? " OR " : "").append(quote(text.get(i).name())).append(" ILIKE ? ESCAPE '\\'");
          params.add(pattern);
        }
        where.append(')');
      }
    }
    if (request.filters() != null) {
      for (var e : request.filters().entrySet()) {
        Column col = column(byName, e.getKey(), "filters");
        String q = quote(col.name());
        Object value = e.getValue();
        if (value == null) {
          where.append(" AND ").append(q).append(" IS NULL");
        } else if (value instanceof Collection<?> values) {
          if (values.isEmpty()) {
            where.append(" AND false");
            continue;
          }
          where.append(" AND ").append(q).append(" IN (");
          int i = 0;
          for (Object v : values) {
            where.append(i++ > 0 ? ", " : "").append("CAST(? AS ").append(col.type()).append(')');
            params.add(v == null ? null : filterValue(col, v));
          }
          where.append(')');
        } else {
          where.append(" AND ").append(q).append(" = CAST(? AS ").append(col.type()).append(')');
          params.add(filterValue(col, value));
        }
      }
    }
    if (request.bbox() != null) {
      bbox(request.bbox(), metadata.spatial(), where, params);
    }
    String order = orderBy(request.sort(), byName);
    int limit = Math.min(request.limit(), MAX_LIMIT);
    StringBuilder fields = new StringBuilder();
    for (Column c : selected) {
      fields.append(fields.length() > 0 ? ", " : "").append(quote(c.name()));
    }
    try (DuckDBConnection c = warehouse.connect()) {
      // Unfiltered pages in file order, the common case of previews and paging clients, need no count and no sort:
      // a version table never changes and its _id runs 1..rows, so the total is known and a page is an _id range.
      boolean plainPage = params.isEmpty() && where.toString().equals(" WHERE true") && (request.sort() == null || request.sort().isBlank())
          && denseIds(c, table, metadata.rows());
      long total;
      if (plainPage) {
        total = metadata.rows();
        where.append(" AND \"_id\" > ").append(request.offset()).append(" AND \"_id\" <= ").append(request.offset() + limit);
      } else {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table + where)) {
          bind(s, params);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            total = r.getLong(1);
          }
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      if (limit > 0 && request.offset() < total) {
        try (PreparedStatement s =
            c.prepareStatement("SELECT " + fields + " FROM " + table + where + order + " LIMIT " + limit + (plainPage ? "" : " OFFSET " + request.offset()))) {
          bind(s, params);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              Map<String, Object> row = new LinkedHashMap<>();
              for (int i = 0; i < selected.size(); i++) {
                Object value = r.getObject(i + 1);
                row.put(selected.get(i).name(), selected.get(i).role() == ColumnRole.H3_CELL && value instanceof Number n
                    ? H3Binner.toAddress(n.longValue())
                    : JsonValues.of(value));
              }
              rows.add(row);
            }
          }
        }
      }
      return new TablePage(selected.stream().map(TableReader::asRead).toList(), rows, total);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("does not exist")) {
        described.remove(request.table());
        throw new MadangException(ErrorCode.NOT_FOUND, "There is no table " + request.table() + ".", Map.of("field", "table"), e);
      }
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT, "The filters do not fit the table's columns: " + DuckDbErrors.summary(e), Map.of("field", "filters"), e);
    }
  }

  private record Described(String table, TableMetadata metadata, List<Column> columns) {}

  private Described described(String reference) {
    Described known = described.get(reference);
    if (known != null) {
      return known;
    }
    String table = store.resolve(reference);
    Described fresh = new Described(table, store.metadata(table), store.describe(table));
    if (DatasetNames.parseVersionTable(reference).isPresent()) {
      described.put(reference, fresh);
    }
    return fresh;
  }

  private void bbox(double[] bbox, SpatialInfo spatial, StringBuilder where, List<Object> params) {
    if (bbox.length != 4 || !(bbox[0] <= bbox[2]) || !(bbox[1] <= bbox[3])) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT, "A bounding box is minLon, minLat, maxLon, maxLat with min below max.", Map.of("field", "bbox"));
    }
    if (spatial == null) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "This table has no locations to filter by a bounding box.", Map.of("field", "bbox"));
    }
    switch (spatial.kind()) {
      case POINTS -> {
        String lon = "CAST(" + quote(spatial.lonColumn()) + " AS DOUBLE)";
        String lat = "CAST(" + quote(spatial.latColumn()) + " AS DOUBLE)";
        where.append(" AND ").append(lon).append(" BETWEEN ? AND ? AND ").append(lat).append(" BETWEEN ? AND ?");
        params.addAll(List.of(bbox[0], bbox[2], bbox[1], bbox[3]));
      }
      case GEOMETRIES -> {
        where.append(" AND \"_lon\" BETWEEN ? AND ? AND \"_lat\" BETWEEN ? AND ?");
        params.addAll(List.of(bbox[0], bbox[2], bbox[1], bbox[3]));
      }
      case DISTRICTS -> {
        org.locationtech.jts.geom.Envelope box = new org.locationtech.jts.geom.Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
        var geometry = new org.locationtech.jts.geom.GeometryFactory().toGeometry(box);
        List<String> codes = new ArrayList<>();
        for (District d : districts.listDistricts()) {
          if (d.boundary().intersects(geometry)) {
            codes.add(d.code());
          }
        }
        if (codes.isEmpty()) {
          where.append(" AND false");
        } else {
          where.append(" AND \"district_code\" IN (").append("?, ".repeat(codes.size() - 1)).append("?)");
          params.addAll(codes);
        }
      }
    }
  }

  private static String orderBy(String sort, Map<String, Column> byName) {
    if (sort == null || sort.isBlank()) {
      return " ORDER BY \"_id\"";
    }
    StringBuilder order = new StringBuilder(" ORDER BY ");
    boolean hasId = false;
    int n = 0;
    for (String item : sort.split(",")) {
      Matcher m = SORT_ITEM.matcher(item);
      if (!m.matches()) {
        throw new MadangException(
            ErrorCode.INVALID_ARGUMENT, "The sort \"" + item.strip() + "\" is not a column name followed by asc or desc.", Map.of("field", "sort"));
      }
      Column col = column(byName, m.group(1), "sort");
      hasId |= col.name().equals("_id");
      String direction = m.group(2) == null ? "ASC" : m.group(2).toUpperCase(Locale.ROOT);
      order.append(n++ > 0 ? ", " : "").append(quote(col.name())).append(' ').append(direction).append(" NULLS LAST");
    }
    if (!hasId) {
      order.append(", \"_id\"");
    }
    return order.toString();
  }

  private static Column column(Map<String, Column> byName, String name, String field) {
    Column c = name == null ? null : byName.get(name.strip());
    if (c == null) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT, "The table has no column named " + name + ".", Map.of("field", field, "column", String.valueOf(name)));
    }
    return c;
  }

  private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      s.setObject(i + 1, params.get(i));
    }
  }

  static String quote(String identifier) {
    return ColumnCleaner.quote(identifier);
  }

  /** Whether a version table's _id runs exactly 1..rows (true of every ingest); remembered, as versions never change. */
  private boolean denseIds(DuckDBConnection c, String table, long rows) throws SQLException {
    String key = table + "#" + rows; // a name reused after a drop holds other rows
    Boolean known = denseIds.get(key);
    if (known != null) {
      return known;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT count(*), min(\"_id\"), max(\"_id\"), count(DISTINCT \"_id\") FROM " + table);
        ResultSet r = s.executeQuery()) {
      r.next();
      boolean dense = r.getLong(1) == rows && (rows == 0 || (r.getLong(2) == 1 && r.getLong(3) == rows && r.getLong(4) == rows));
      denseIds.put(key, dense);
      return dense;
    }
  }

  private static Column asRead(Column c) {
    return c.role() == ColumnRole.H3_CELL ? new Column(c.name(), c.label(), "VARCHAR", c.role()) : c;
  }

  /** A filter value as the column's SQL literal text; an H3 cell may be given as its hexadecimal address. */
  private static String filterValue(Column col, Object value) {
    String text = value.toString().strip();
    if (col.role() == ColumnRole.H3_CELL && !text.matches("-?\\d+")) {
      try {
        return Long.toString(Long.parseUnsignedLong(text, 16));
      } catch (NumberFormatException e) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + text + "' is not an H3 cell address.", Map.of("field", col.name()));
      }
    }
    return text;
  }
}
