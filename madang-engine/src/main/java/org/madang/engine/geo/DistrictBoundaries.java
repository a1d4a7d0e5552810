package org.madang.engine.geo;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a city's district boundaries from a GeoJSON FeatureCollection of Polygons and MultiPolygons. */
public final class DistrictBoundaries {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private DistrictBoundaries() {}

  /**
   * @param codeProperty the feature property holding the district code (Seoul: {@code SIG_CD})
   * @param nameProperty the property holding the local name (Seoul: {@code SIG_KOR_NM})
   * @param nameEnProperty the property holding the English name, or null
   */
  public static DistrictIndex read(InputStream geoJson, String codeProperty, String nameProperty, String nameEnProperty) {
    JsonNode root = JsonMapper.shared().readTree(geoJson);
    JsonNode features = root.path("features");
    if (!features.isArray() || features.isEmpty()) {
      throw new MadangException(ErrorCode.MALFORMED_FILE, "The district boundaries file has no features.");
    }
    List<District> districts = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    int i = 0;
    for (JsonNode feature : features) {
      i++;
      JsonNode props = feature.path("properties");
      String code = props.path(codeProperty).asString(null);
      String name = props.path(nameProperty).asString(null);
      if (code == null || name == null) {
        throw new MadangException(
            ErrorCode.MALFORMED_FILE,
            "District feature " + i + " lacks the property " + (code == null ? codeProperty : nameProperty) + ".",
            java.util.Map.of("field", code == null ? codeProperty : nameProperty, "feature", i));
      }
      if (!codes.add(code)) {
        throw new MadangException(ErrorCode.MALFORMED_FILE, "District code " + code + " appears twice.", java.util.Map.of("feature", i));
      }
      String nameEn = nameEnProperty == null ? name : props.path(nameEnProperty).asString(name);
      districts.add(new District(code, name, nameEn, geometry(feature.path("geometry"), i)));
    }
    return DistrictIndex.of(districts);
  }

  private static Geometry geometry(JsonNode geometry, int feature) {
    String type = geometry.path("type").asString("");
    JsonNode coordinates = geometry.path("coordinates");
    return switch (type) {
      case "Polygon" -> polygon(coordinates);
      case "MultiPolygon" -> {
        Polygon[] parts = new Polygon[coordinates.size()];
        for (int p = 0; p < parts.length; p++) {
          parts[p] = polygon(coordinates.get(p));
        }
        yield GEOMETRY.createMultiPolygon(parts);
      }
      default ->
          throw new MadangException(
              ErrorCode.MALFORMED_FILE,
              "District feature " + feature + " has geometry type '" + type + "'; only Polygon and MultiPolygon bound a district.",
              java.util.Map.of("feature", feature));
    };
  }

  private static Polygon polygon(JsonNode rings) {
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int r = 1; r < rings.size(); r++) {
      holes[r - 1] = ring(rings.get(r));
    }
    return GEOMETRY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions) {
    Coordinate[] cs = new Coordinate[positions.size()];
    for (int k = 0; k < cs.length; k++) {
      cs[k] = new Coordinate(positions.get(k).get(0).asDouble(), positions.get(k).get(1).asDouble());
    }
    if (!cs[0].equals2D(cs[cs.length - 1])) {
      Coordinate[] closed = java.util.Arrays.copyOf(cs, cs.length + 1);
      closed[cs.length] = cs[0];
      cs = closed;
    }
    return GEOMETRY.createLinearRing(cs);
  }
}
