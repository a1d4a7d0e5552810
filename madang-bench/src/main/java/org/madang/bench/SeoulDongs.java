package org.madang.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.madang.analytics.geo.District;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Seoul's administrative dongs from a GeoJSON FeatureCollection of (Multi)Polygons in longitude/latitude: the JTS
 * boundaries for {@code DistrictIndex} and each feature's geometry as GeoJSON text, which PostGIS reads with
 * {@code ST_GeomFromGeoJSON}, so both sides get the very same vertices.
 *
 * <p>Understands both shipped dong files: KOSTAT 2013 ({@code code}, {@code name}, {@code name_eng}) and vuski's 2021
 * file ({@code adm_cd}, {@code adm_nm}).
 */
public record SeoulDongs(Path file, List<District> districts, List<String> geoJsonGeometries) {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  public static SeoulDongs read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<District> districts = new ArrayList<>();
    List<String> geometries = new ArrayList<>();
    for (JsonNode feature : root.get("features")) {
      JsonNode properties = feature.get("properties");
      String code = text(properties, "code", "adm_cd");
      String name = text(properties, "name", "adm_nm");
      String nameEn = properties.has("name_eng") ? properties.get("name_eng").asString() : name;
      JsonNode geometry = feature.get("geometry");
      districts.add(new District(code, name, nameEn, geometry(geometry)));
      geometries.add(geometry.toString());
    }
    return new SeoulDongs(file, List.copyOf(districts), List.copyOf(geometries));
  }

  public int size() {
    return districts.size();
  }

  private static String text(JsonNode properties, String... names) {
    for (String n : names) {
      if (properties.has(n)) {
        return properties.get(n).asString();
      }
    }
    throw new IllegalArgumentException("a feature has none of the properties " + String.join(", ", names));
  }

  private static Geometry geometry(JsonNode geometry) {
    String type = geometry.get("type").asString();
    JsonNode c = geometry.get("coordinates");
    return switch (type) {
      case "Polygon" -> polygon(c);
      case "MultiPolygon" -> {
        Polygon[] parts = new Polygon[c.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(c.get(i));
        }
        yield FACTORY.createMultiPolygon(parts);
      }
      default -> throw new IllegalArgumentException("a dong boundary must be a Polygon or MultiPolygon, not " + type);
    };
  }

  private static Polygon polygon(JsonNode rings) {
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions) {
    Coordinate[] coordinates = new Coordinate[positions.size()];
    for (int i = 0; i < coordinates.length; i++) {
      coordinates[i] = new Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
    }
    return FACTORY.createLinearRing(coordinates);
  }
}
