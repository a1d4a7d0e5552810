package org.madang.catalog.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.madang.catalog.DatasetColumn;
import org.madang.catalog.DatasetVersion;
import org.madang.engine.ColumnRole;
import org.madang.engine.SpatialInfo;

/**
 * How the rows of one version become GeoJSON features: {@code id} is the row number ({@code _id}), the geometry comes
 * from the latitude/longitude columns (a Point), the WKT column (any geometry, read with JTS) or, for data that only
 * names a district, the district's boundary; every other column is a property under its own name. The properties
 * are also the queryables: {@code ?column=value} keeps rows whose column equals the value.
 */
final class FeatureSchema {

  private final SpatialInfo spatial;
  private final String idColumn;
  private final String districtColumn;
  private final List<DatasetColumn> properties;
  private final Map<String, DatasetColumn> byName = new LinkedHashMap<>();

  FeatureSchema(DatasetVersion version) {
    this.spatial = version.spatial();
    String id = "_id";
    String district = null;
    List<DatasetColumn> props = new ArrayList<>();
    for (DatasetColumn c : version.columns()) {
      if (c.role() == ColumnRole.ROW_ID) {
        id = c.name();
      } else if (c.role() != ColumnRole.GEOMETRY && !c.name().equals(spatial == null ? null : spatial.geometryColumn())) {
        props.add(c);
        byName.put(c.name(), c);
        if (c.role() == ColumnRole.DISTRICT && district == null) {
          district = c.name();
        }
      }
    }
    this.idColumn = id;
    this.districtColumn = district;
    this.properties = List.copyOf(props);
  }

  String idColumn() {
    return idColumn;
  }

  List<DatasetColumn> properties() {
    return properties;
  }

  Optional<DatasetColumn> findProperty(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * A query parameter's text as a value of the column's type, for an equality filter.
   *
   * @throws IllegalArgumentException when the text is not a value of that type
   */
  static Object parseValue(DatasetColumn column, String text) {
    String type = column.type() == null ? "" : column.type().toUpperCase(Locale.ROOT);
    try {
      if (type.contains("INT")) {
        return Long.parseLong(text.strip());
      }
      if (type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL") || type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
        return Double.parseDouble(text.strip());
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number, which " + column.name() + " holds");
    }
    if (type.equals("BOOLEAN")) {
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new IllegalArgumentException("'" + text + "' is not true or false, which " + column.name() + " holds");
    }
    return text;
  }

  /** The JSON Schema type of a column, for queryables and the OpenAPI document. */
  static String jsonType(DatasetColumn column) {
    String type = column.type() == null ? "" : column.type().toUpperCase(Locale.ROOT);
    if (type.contains("INT")) {
      return "integer";
    }
    if (type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL") || type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
      return "number";
    }
    if (type.equals("BOOLEAN")) {
      return "boolean";
    }
    return "string";
  }

  /**
   * One row as a GeoJSON feature.
   *
   * @param districts the GeoJSON boundary of each district by code, for data located by district
   * @param wkt a reader for this thread (JTS readers are not thread-safe)
   */
  Map<String, Object> feature(Map<String, Object> row, Map<String, Map<String, Object>> districts, WKTReader wkt) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "Feature");
    f.put("id", row.get(idColumn));
    f.put("geometry", geometry(row, districts, wkt));
    Map<String, Object> props = new LinkedHashMap<>();
    for (DatasetColumn c : properties) {
      if (row.containsKey(c.name())) {
        props.put(c.name(), row.get(c.name()));
      }
    }
    f.put("properties", props);
    return f;
  }

  private Map<String, Object> geometry(Map<String, Object> row, Map<String, Map<String, Object>> districts, WKTReader wkt) {
    if (spatial == null) {
      return null;
    }
    return switch (spatial.kind()) {
      case POINTS -> {
        Double lat = number(row.get(spatial.latColumn()));
        Double lon = number(row.get(spatial.lonColumn()));
        yield lat == null || lon == null ? null : GeoJsonGeometry.point(lon, lat);
      }
      case GEOMETRIES -> {
        Object text = row.get(spatial.geometryColumn());
        if (text == null || String.valueOf(text).isBlank()) {
          yield null;
        }
        try {
          yield GeoJsonGeometry.of(wkt.read(String.valueOf(text)));
        } catch (ParseException e) {
          yield null;
        }
      }
      case DISTRICTS -> districtColumn == null || row.get(districtColumn) == null ? null : districts.get(String.valueOf(row.get(districtColumn)));
    };
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
