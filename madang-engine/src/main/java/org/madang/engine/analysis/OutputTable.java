package org.madang.engine.analysis;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.madang.engine.geo.GeoJsonGeometry;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows an analysis produces, before they become a dataset version: named columns of numbers, text and booleans,
 * each row located by a point (written as CSV with {@code lat} and {@code lon} columns) or by a geometry (written as
 * GeoJSON). Writing to a file sends the result through the same reading, enrichment and checks as an upload.
 */
final class OutputTable {

  static final String LAT = "lat";
  static final String LON = "lon";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> columns;
  private final boolean geometries;
  private final List<Object[]> rows = new ArrayList<>();
  private final List<double[]> points = new ArrayList<>();
  private final List<String> wkt = new ArrayList<>();

  private OutputTable(List<String> columns, boolean geometries) {
    this.columns = List.copyOf(columns);
    this.geometries = geometries;
  }

  /** A table of rows located by longitude/latitude points. */
  static OutputTable ofPoints(List<String> columns) {
    return new OutputTable(columns, false);
  }

  /** A table of rows located by WKT geometries (longitude/latitude). */
  static OutputTable ofGeometries(List<String> columns) {
    return new OutputTable(columns, true);
  }

  boolean hasGeometries() {
    return geometries;
  }

  int size() {
    return rows.size();
  }

  List<String> columns() {
    return columns;
  }

  void addPoint(double lon, double lat, Object... values) {
    check(values);
    rows.add(values);
    points.add(new double[] {lon, lat});
  }

  void addGeometry(String geometryWkt, Object... values) {
    check(values);
    rows.add(values);
    wkt.add(geometryWkt);
  }

  private void check(Object[] values) {
    if (values.length != columns.size()) {
      throw new IllegalStateException(values.length + " values for " + columns.size() + " columns");
    }
  }

  /**
   * The rows in order as column → value, each with {@code lon} and {@code lat} when located by a point or {@code
   * geometry} (WKT) when located by a geometry.
   */
  List<Map<String, Object>> asMaps() {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        row.put(columns.get(c), rows.get(i)[c]);
      }
      if (geometries) {
        row.put("geometry", wkt.get(i));
      } else {
        row.put(LON, points.get(i)[0]);
        row.put(LAT, points.get(i)[1]);
      }
      out.add(row);
    }
    return out;
  }

  /** Writes the table into {@code dir}: {@code name.csv} or {@code name.geojson}; returns the file. */
  Path write(Path dir, String name) {
    try {
      return geometries ? writeGeoJson(dir.resolve(name + ".geojson")) : writeCsv(dir.resolve(name + ".csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path writeCsv(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>(columns);
      header.add(LAT);
      header.add(LON);
      out.write(String.join(",", header.stream().map(OutputTable::csv).toList()));
      out.write('\n');
      for (int i = 0; i < rows.size(); i++) {
        StringBuilder line = new StringBuilder();
        for (Object v : rows.get(i)) {
          line.append(csv(text(v))).append(',');
        }
        line.append(text(points.get(i)[1])).append(',').append(text(points.get(i)[0])).append('\n');
        out.write(line.toString());
      }
    }
    return file;
  }

  private Path writeGeoJson(Path file) throws IOException {
    WKTReader reader = new WKTReader();
    try (OutputStream stream = Files.newOutputStream(file);
        JsonGenerator g = JSON.createGenerator(stream, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringProperty("type", "FeatureCollection");
      g.writeName("features");
      g.writeStartArray();
      for (int i = 0; i < rows.size(); i++) {
        g.writeStartObject();
        g.writeStringProperty("type", "Feature");
        g.writeName("properties");
        g.writeStartObject();
        Object[] row = rows.get(i);
        for (int c = 0; c < columns.size(); c++) {
          g.writeName(columns.get(c));
          Object v = row[c];
          if (v == null || (v instanceof Double d && !Double.isFinite(d))) {
            g.writeNull();
          } else if (v instanceof Double d) {
            g.writeNumber(d);
          } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
          } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
          } else {
            g.writeString(v.toString());
          }
        }
        g.writeEndObject();
        g.writeName("geometry");
        Geometry geometry;
        try {
          geometry = reader.read(wkt.get(i));
        } catch (ParseException e) {
          throw new IllegalStateException("an input geometry is not valid WKT: " + e.getMessage(), e);
        }
        GeoJsonGeometry.write(geometry, g);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return file;
  }

  private static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      if (!Double.isFinite(d)) {
        return "";
      }
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) + ".0" : Double.toString(d);
    }
    return v.toString();
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
