package org.madang.engine.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Converts GeoJSON geometry objects (RFC 7946, longitude first) to JTS geometries and back. JTS's own GeoJSON support
 * lives in jts-io and speaks Jackson 2 / json-simple, so the engine carries this small converter for Jackson 3.
 *
 * <p>Stateless and thread-safe.
 */
public final class GeoJsonGeometry {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private GeoJsonGeometry() {}

  /**
   * The JTS geometry of a GeoJSON geometry object.
   *
   * @throws IllegalArgumentException with a plain sentence when the object is not a valid geometry
   */
  public static Geometry read(JsonNode geometry) {
    if (geometry == null || geometry.isNull()) {
      return null;
    }
    if (!geometry.isObject()) {
      throw new IllegalArgumentException("a geometry must be a JSON object");
    }
    String type = text(geometry.get("type"));
    if ("GeometryCollection".equals(type)) {
      JsonNode members = geometry.get("geometries");
      if (members == null || !members.isArray()) {
        throw new IllegalArgumentException("a GeometryCollection needs a \"geometries\" array");
      }
      List<Geometry> parts = new ArrayList<>();
      for (JsonNode member : members) {
        parts.add(read(member));
      }
      return FACTORY.createGeometryCollection(parts.toArray(Geometry[]::new));
    }
    JsonNode c = geometry.get("coordinates");
    if (c == null || !c.isArray()) {
      throw new IllegalArgumentException("a " + type + " needs a \"coordinates\" array");
    }
    return switch (type == null ? "" : type) {
      case "Point" -> FACTORY.createPoint(coordinate(c));
      case "MultiPoint" -> FACTORY.createMultiPoint(points(c));
      case "LineString" -> FACTORY.createLineString(coordinates(c));
      case "MultiLineString" -> {
        LineString[] lines = new LineString[c.size()];
        for (int i = 0; i < lines.length; i++) {
          lines[i] = FACTORY.createLineString(coordinates(c.get(i)));
        }
        yield FACTORY.createMultiLineString(lines);
      }
      case "Polygon" -> polygon(c);
      case "MultiPolygon" -> {
        Polygon[] polygons = new Polygon[c.size()];
        for (int i = 0; i < polygons.length; i++) {
          polygons[i] = polygon(c.get(i));
        }
        yield FACTORY.createMultiPolygon(polygons);
      }
      default -> throw new IllegalArgumentException("\"" + type + "\" is not a GeoJSON geometry type");
    };
  }

  /** Writes a JTS geometry as a GeoJSON geometry object (or null). */
  public static void write(Geometry g, JsonGenerator out) {
    if (g == null) {
      out.writeNull();
      return;
    }
    out.writeStartObject();
    if (g instanceof GeometryCollection && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
      out.writeStringProperty("type", "GeometryCollection");
      out.writeName("geometries");
      out.writeStartArray();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        write(g.getGeometryN(i), out);
      }
      out.writeEndArray();
      out.writeEndObject();
      return;
    }
    out.writeStringProperty("type", g.getGeometryType());
    out.writeName("coordinates");
    if (g instanceof Point p) {
      writeCoordinate(p.getCoordinate(), out);
    } else if (g instanceof LineString line) {
      writeCoordinates(line.getCoordinates(), out);
    } else if (g instanceof Polygon polygon) {
      writePolygon(polygon, out);
    } else if (g instanceof MultiPoint || g instanceof MultiLineString) {
      out.writeStartArray();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        Geometry part = g.getGeometryN(i);
        if (part instanceof Point p) {
          writeCoordinate(p.getCoordinate(), out);
        } else {
          writeCoordinates(part.getCoordinates(), out);
        }
      }
      out.writeEndArray();
    } else {
      out.writeStartArray();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        writePolygon((Polygon) g.getGeometryN(i), out);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static void writePolygon(Polygon polygon, JsonGenerator out) {
    out.writeStartArray();
    writeCoordinates(polygon.getExteriorRing().getCoordinates(), out);
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      writeCoordinates(polygon.getInteriorRingN(i).getCoordinates(), out);
    }
    out.writeEndArray();
  }

  private static void writeCoordinates(Coordinate[] coordinates, JsonGenerator out) {
    out.writeStartArray();
    for (Coordinate c : coordinates) {
      writeCoordinate(c, out);
    }
    out.writeEndArray();
  }

  private static void writeCoordinate(Coordinate c, JsonGenerator out) {
    if (c == null) {
      out.writeStartArray();
      out.writeEndArray();
      return;
    }
    out.writeStartArray();
    out.writeNumber(c.getX());
    out.writeNumber(c.getY());
    if (!Double.isNaN(c.getZ())) {
      out.writeNumber(c.getZ());
    }
    out.writeEndArray();
  }

  private static Polygon polygon(JsonNode rings) {
    if (rings.isEmpty()) {
      return FACTORY.createPolygon();
    }
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    return FACTORY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions) {
    Coordinate[] cs = coordinates(positions);
    if (cs.length > 0 && cs.length < 4) {
      throw new IllegalArgumentException("a polygon ring needs at least 4 positions");
    }
    if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
      throw new IllegalArgumentException("a polygon ring must end where it starts");
    }
    return FACTORY.createLinearRing(cs);
  }

  private static Point[] points(JsonNode positions) {
    Point[] points = new Point[positions.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = FACTORY.createPoint(coordinate(positions.get(i)));
    }
    return points;
  }

  private static Coordinate[] coordinates(JsonNode positions) {
    if (!positions.isArray()) {
      throw new IllegalArgumentException("expected an array of positions");
    }
    Coordinate[] cs = new Coordinate[positions.size()];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = coordinate(positions.get(i));
    }
    return cs;
  }

  private static Coordinate coordinate(JsonNode position) {
    if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
      throw new IllegalArgumentException("a position must be an array of at least two numbers");
    }
    return new Coordinate(position.get(0).doubleValue(), position.get(1).doubleValue());
  }

  private static String text(JsonNode node) {
    return node == null || !node.isString() ? null : node.asString();
  }
}
