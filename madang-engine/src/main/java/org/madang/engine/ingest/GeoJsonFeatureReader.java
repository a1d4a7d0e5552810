package org.madang.engine.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTWriter;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import org.madang.engine.geo.GeoJsonGeometry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a GeoJSON FeatureCollection into a work CSV, one feature at a time: the properties become columns and the
 * geometry a WKT column named {@code geometry} (last). Two passes: the first checks the whole document (so a file cut
 * off at the end is refused before anything is written) and collects the property names; the second writes.
 */
final class GeoJsonFeatureReader {

  static final String GEOMETRY_COLUMN = "geometry";
  // readTree on one record or feature of a stream: what follows it is not "trailing" here
  private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private GeoJsonFeatureReader() {}

  static PreparedSource prepare(Path file, String fileName, EngineOptions options, Path workDir) {
    Map<String, Integer> keys = new LinkedHashMap<>();
    boolean[] hasId = new boolean[1];
    long features;
    try (JsonParser p = JSON.createParser(file.toFile())) {
      features = walk(p, fileName, (feature, index, at) -> collect(feature, index, at, keys, hasId, fileName, options.maxColumns()));
    } catch (JacksonException e) {
      throw JsonLocations.malformed(fileName, e);
    }
    if (features == 0) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " has no features.", Map.of("field", "file"));
    }
    List<String> labels = new ArrayList<>();
    if (hasId[0]) {
      labels.add("id");
    }
    labels.addAll(keys.keySet());
    ColumnNamer namer = new ColumnNamer();
    String geometryName = namer.nameFor(GEOMETRY_COLUMN, labels.size() + 1);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      names.add(namer.nameFor(labels.get(i), i + 1));
    }
    names.add(geometryName);
    labels.add(GEOMETRY_COLUMN);
    int width = names.size();
    int offset = hasId[0] ? 1 : 0;
    Path target = workDir.resolve("source.csv");
    WKTWriter wkt = new WKTWriter();
    try (JsonParser p = JSON.createParser(file.toFile());
        WorkCsvWriter writer = new WorkCsvWriter(target)) {
      walk(
          p,
          fileName,
          (feature, index, at) -> {
            String[] row = new String[width];
            if (offset == 1) {
              row[0] = text(feature.get("id"));
            }
            JsonNode properties = feature.get("properties");
            if (properties != null && properties.isObject()) {
              for (var e : properties.properties()) {
                row[offset + keys.get(e.getKey())] = text(e.getValue());
              }
            }
            Geometry g = GeoJsonGeometry.read(feature.get("geometry"));
            row[width - 1] = g == null || g.isEmpty() ? null : wkt.write(g);
            writer.write(row);
          });
      writer.close();
      return new PreparedSource(
          target, SourceFormat.GEOJSON, false, "UTF-8", ',', '"', 0, 0, false, writer.columns(names, labels), 1, "feature",
          List.of(), null);
    } catch (JacksonException e) {
      throw JsonLocations.malformed(fileName, e);
    }
  }

  private interface FeatureVisitor {
    void visit(JsonNode feature, long index, TokenStreamLocation at);
  }

  private static void collect(
      JsonNode feature, long index, TokenStreamLocation at, Map<String, Integer> keys, boolean[] hasId, String fileName, int maxColumns) {
    if (!feature.isObject()) {
      throw JsonLocations.malformed(fileName, "feature " + index + " is not a JSON object", at);
    }
    if (feature.get("id") != null && !feature.get("id").isNull()) {
      hasId[0] = true;
    }
    JsonNode properties = feature.get("properties");
    if (properties != null && properties.isObject()) {
      for (String key : properties.propertyNames()) {
        if (!keys.containsKey(key)) {
          if (keys.size() >= maxColumns) {
            throw new MadangException(
                ErrorCode.TOO_MANY_COLUMNS,
                "The features in " + fileName + " have more than " + maxColumns + " distinct properties.",
                Map.of("field", key, "feature", index, "maxColumns", maxColumns));
          }
          keys.put(key, keys.size());
        }
      }
    }
    try {
      GeoJsonGeometry.read(feature.get("geometry"));
    } catch (IllegalArgumentException e) {
      throw JsonLocations.malformed(fileName, "feature " + index + " has a broken geometry (" + e.getMessage() + ")", at);
    }
  }

  /** Calls the visitor for every feature; returns how many there were. */
  private static long walk(JsonParser p, String fileName, FeatureVisitor visitor) {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " is empty.", Map.of("field", "file"));
    }
    if (t != JsonToken.START_OBJECT) {
      throw JsonLocations.malformed(fileName, "it is not a GeoJSON FeatureCollection", p.currentTokenLocation());
    }
    String type = null;
    long count = 0;
    boolean sawFeatures = false;
    while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("type") && v == JsonToken.VALUE_STRING) {
        type = p.getText();
        if (!type.equals("FeatureCollection")) {
          throw JsonLocations.malformed(fileName, "it is a GeoJSON " + type + ", not a FeatureCollection", p.currentTokenLocation());
        }
      } else if (name.equals("features") && v == JsonToken.START_ARRAY) {
        sawFeatures = true;
        JsonToken f;
        while ((f = p.nextToken()) != JsonToken.END_ARRAY) {
          if (f == null) {
            throw JsonLocations.malformed(fileName, "it ends before the list of features is closed", p.currentLocation());
          }
          TokenStreamLocation at = p.currentTokenLocation();
          count++;
          JsonNode feature = JSON.readTree(p);
          visitor.visit(feature, count, at);
        }
      } else {
        p.skipChildren();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw JsonLocations.malformed(fileName, "it ends before the FeatureCollection is closed", p.currentLocation());
    }
    if (p.nextToken() != null) {
      throw JsonLocations.malformed(fileName, "there is more after the FeatureCollection", p.currentTokenLocation());
    }
    if (!sawFeatures || (type != null && !type.equals("FeatureCollection"))) {
      throw JsonLocations.malformed(fileName, "it is not a GeoJSON FeatureCollection (no \"features\" array)", p.currentLocation());
    }
    return count;
  }

  private static String text(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isValueNode()) {
      return v.asString();
    }
    return v.toString();
  }
}
