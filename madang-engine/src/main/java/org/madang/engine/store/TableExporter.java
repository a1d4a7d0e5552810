package org.madang.engine.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.ExportFormat;
import org.madang.engine.MadangException;
import org.madang.engine.SpatialInfo;
import org.madang.engine.geo.GeoJsonGeometry;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a whole version out. CSV (UTF-8, header of column names) and Parquet are written by DuckDB's {@code COPY}
 * into the work directory and then streamed; GeoJSON is written here, a FeatureCollection streamed in pages of rows
 * so memory stays flat: points from the coordinate columns, geometries from their WKT, district tables with the
 * district's boundary. Properties are the visible columns except the geometry; {@code h3_cell} is written as the usual
 * hexadecimal H3 address, which JSON numbers could not carry exactly.
 */
public final class TableExporter {

  private static final int PAGE = 20_000;
  private static final JsonMapper JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final Warehouse warehouse;
  private final VersionStore store;
  private final DistrictIndex districts;

  public TableExporter(Warehouse warehouse, VersionStore store) {
    this.warehouse = warehouse;
    this.store = store;
    this.districts = warehouse.options().districts();
  }

  public void export(String table, ExportFormat format, OutputStream out) {
    String resolved = store.resolve(table);
    List<Column> columns = store.describe(resolved);
    switch (format) {
      // CSV gets H3 cells as hexadecimal addresses: spreadsheets round 64-bit numbers; Parquet keeps the BIGINT
      case CSV -> copy(resolved, columns, true, "FORMAT csv, HEADER true, DELIMITER ','", "csv", out);
      case PARQUET -> copy(resolved, columns, false, "FORMAT parquet", "parquet", out);
      case GEOJSON -> geojson(resolved, columns, store.metadata(resolved).spatial(), out);
    }
  }

  private void copy(String table, List<Column> columns, boolean h3AsText, String options, String extension, OutputStream out) {
    Path scratch = warehouse.createScratch();
    try (DuckDBConnection c = warehouse.connect()) {
      Path file = scratch.resolve("export." + extension);
      VersionStore.execute(
          c, "COPY (SELECT " + list(columns, h3AsText) + " FROM " + table + " ORDER BY \"_id\") TO '" + Warehouse.sqlPath(file) + "' (" + options + ")");
      Files.copy(file, out);
      out.flush();
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The export failed: " + DuckDbErrors.summary(e), Map.of(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      warehouse.deleteScratch(scratch);
    }
  }

  private void geojson(String table, List<Column> columns, SpatialInfo spatial, OutputStream out) {
    if (spatial == null) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT, "This table has no locations, so it cannot be exported as GeoJSON.", Map.of("field", "format"));
    }
    List<Column> properties = new ArrayList<>();
    for (Column c : columns) {
      if (c.role() != ColumnRole.GEOMETRY && c.role() != ColumnRole.ROW_ID) {
        properties.add(c);
      }
    }
    GeometryFactory factory = new GeometryFactory();
    WKTReader wkt = new WKTReader(factory);
    try (DuckDBConnection c = warehouse.connect();
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringProperty("type", "FeatureCollection");
      g.writeName("features");
      g.writeStartArray();
      String sql = "SELECT \"_id\"" + (properties.isEmpty() ? "" : ", " + list(properties)) + geometrySelect(spatial) + " FROM " + table + " WHERE \"_id\" > ? ORDER BY \"_id\" LIMIT " + PAGE;
      long after = 0;
      while (true) {
        int n = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setLong(1, after);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              n++;
              after = r.getLong(1);
              g.writeStartObject();
              g.writeStringProperty("type", "Feature");
              g.writeNumberProperty("id", after);
              g.writeName("geometry");
              GeoJsonGeometry.write(geometry(r, properties.size() + 2, spatial, factory, wkt), g);
              g.writeName("properties");
              g.writeStartObject();
              for (int i = 0; i < properties.size(); i++) {
                Column col = properties.get(i);
                g.writeName(col.name());
                writeValue(g, col, r.getObject(i + 2));
              }
              g.writeEndObject();
              g.writeEndObject();
            }
          }
        }
        if (n < PAGE) {
          break;
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The export failed: " + DuckDbErrors.summary(e), Map.of(), e);
    }
  }

  private static String geometrySelect(SpatialInfo spatial) {
    return switch (spatial.kind()) {
      case POINTS -> ", CAST(" + TableReader.quote(spatial.lonColumn()) + " AS DOUBLE), CAST(" + TableReader.quote(spatial.latColumn()) + " AS DOUBLE)";
      case GEOMETRIES -> ", " + TableReader.quote(spatial.geometryColumn());
      case DISTRICTS -> ", \"district_code\"";
    };
  }

  private Geometry geometry(ResultSet r, int index, SpatialInfo spatial, GeometryFactory factory, WKTReader wkt) throws SQLException {
    switch (spatial.kind()) {
      case POINTS -> {
        double lon = r.getDouble(index);
        boolean lonNull = r.wasNull();
        double lat = r.getDouble(index + 1);
        if (lonNull || r.wasNull() || (lon == 0 && lat == 0)) {
          return null;
        }
        return factory.createPoint(new Coordinate(lon, lat));
      }
      case GEOMETRIES -> {
        String text = r.getString(index);
        if (text == null) {
          return null;
        }
        try {
          return wkt.read(text);
        } catch (ParseException e) {
          return null;
        }
      }
      default -> {
        String code = r.getString(index);
        return code == null ? null : districts.findByCode(code).map(d -> d.boundary()).orElse(null);
      }
    }
  }

  private static void writeValue(JsonGenerator g, Column col, Object value) throws SQLException {
    Object v = JsonValues.of(value);
    if (v == null) {
      g.writeNull();
    } else if (col.role() == ColumnRole.H3_CELL && v instanceof Number n) {
      g.writeString(H3Binner.toAddress(n.longValue()));
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof java.math.BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      g.writeNumber(n.toString());
    } else {
      g.writeString(v.toString());
    }
  }

  private static String list(List<Column> columns) {
    return list(columns, false);
  }

  private static String list(List<Column> columns, boolean h3AsText) {
    StringBuilder s = new StringBuilder();
    for (Column c : columns) {
      String name = TableReader.quote(c.name());
      s.append(s.length() > 0 ? ", " : "")
          .append(h3AsText && c.role() == ColumnRole.H3_CELL ? "lower(printf('%x', " + name + ")) AS " + name : name);
    }
    return s.toString();
  }
}
