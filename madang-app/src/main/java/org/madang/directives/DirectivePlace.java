package org.madang.directives;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.databind.JsonNode;

/**
 * Where a directive is: a GeoJSON Point or Polygon given by the caller (a map point, an alert's station, a camera, a
 * project), or for a district the district itself. Coordinates are WGS84 longitude, latitude; the representative point
 * (the point, or a point inside the polygon) is what maps mark and what decides the district.
 */
record DirectivePlace(String geometry, Double lat, Double lon, String districtCode) {

  private static final GeometryFactory FACTORY = new GeometryFactory();
  static final DirectivePlace NOWHERE = new DirectivePlace(null, null, null, null);

  /**
   * The place of a directive: its geometry when given; else the district it is about ({@code kind} district, by code or
   * name in {@code ref}) or the district the element lies in ({@code district}, e.g. an alert's); an indicator may
   * have no place (a city-wide matter); any other element must bring one.
   */
  static DirectivePlace of(JsonNode geometry, TargetKind kind, String ref, String district, DistrictIndex districts) {
    if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
      if (kind == TargetKind.DISTRICT || district != null) {
        String wanted = kind == TargetKind.DISTRICT ? ref : district;
        String field = kind == TargetKind.DISTRICT ? "target.ref" : "district";
        District d = districts.findByCode(wanted).or(() -> districts.findByName(wanted)).orElseThrow(() -> new MadangException(ErrorCode.INVALID_ARGUMENT,
            "There is no district '" + wanted + "'.", Map.of("field", field)));
        Point p = d.boundary().getInteriorPoint();
        return new DirectivePlace(null, p.getY(), p.getX(), d.code());
      }
      if (kind == TargetKind.INDICATOR) {
        return NOWHERE;
      }
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A directive about a " + kind.code() + " needs its place as a GeoJSON geometry.",
          Map.of("field", "geometry"));
    }
    String type = geometry.path("type").asString("");
    Geometry shape = switch (type) {
      case "Point" -> FACTORY.createPoint(coordinate(geometry.path("coordinates")));
      case "Polygon" -> polygon(geometry.path("coordinates"));
      default -> throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The geometry must be a GeoJSON Point or Polygon.", Map.of("field", "geometry"));
    };
    Point p = shape.getInteriorPoint();
    String containing = districts.findContaining(p.getX(), p.getY()).map(District::code).orElse(null);
    if (containing == null) {
      throw new MadangException(ErrorCode.COORDINATES_OUT_OF_AREA, "The directive's place is outside the city.", Map.of("field", "geometry"));
    }
    return new DirectivePlace(geometry.toString(), p.getY(), p.getX(), containing);
  }

  private static Geometry polygon(JsonNode rings) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw bad();
    }
    List<LinearRing> built = new ArrayList<>();
    for (JsonNode ring : rings) {
      if (!ring.isArray() || ring.size() < 4) {
        throw bad();
      }
      Coordinate[] cs = new Coordinate[ring.size()];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = coordinate(ring.get(i));
      }
      if (!cs[0].equals2D(cs[cs.length - 1])) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A polygon's ring must end where it starts.", Map.of("field", "geometry"));
      }
      built.add(FACTORY.createLinearRing(cs));
    }
    Geometry polygon = FACTORY.createPolygon(built.get(0), built.subList(1, built.size()).toArray(LinearRing[]::new));
    if (!polygon.isValid()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The polygon is not valid (it crosses itself).", Map.of("field", "geometry"));
    }
    return polygon;
  }

  private static Coordinate coordinate(JsonNode c) {
    if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
      throw bad();
    }
    double lon = c.get(0).asDouble();
    double lat = c.get(1).asDouble();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Coordinates are longitude, latitude in degrees.", Map.of("field", "geometry"));
    }
    return new Coordinate(lon, lat);
  }

  private static MadangException bad() {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, "The geometry's coordinates are not valid GeoJSON.", Map.of("field", "geometry"));
  }
}
