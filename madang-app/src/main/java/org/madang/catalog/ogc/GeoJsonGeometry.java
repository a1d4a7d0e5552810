package org.madang.catalog.ogc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * JTS geometries as GeoJSON geometry objects (RFC 7946): longitude first, exterior rings counter-clockwise and holes
 * clockwise, as the RFC asks of writers. Coordinates are taken as WGS84 longitude/latitude.
 */
final class GeoJsonGeometry {

  private GeoJsonGeometry() {}

  /** The GeoJSON object, or null for a null or empty geometry (GeoJSON writes those as {@code null}). */
  static Map<String, Object> of(Geometry g) {
    if (g == null || g.isEmpty()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", g.getGeometryType());
    if (g instanceof GeometryCollection gc && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
      List<Map<String, Object>> members = new ArrayList<>();
      for (int i = 0; i < gc.getNumGeometries(); i++) {
        Map<String, Object> member = of(gc.getGeometryN(i));
        if (member != null) {
          members.add(member);
        }
      }
      m.put("geometries", members);
      return m;
    }
    m.put("coordinates", coordinates(g));
    return m;
  }

  /** A point's GeoJSON object. */
  static Map<String, Object> point(double lon, double lat) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Point");
    m.put("coordinates", new double[] {lon, lat});
    return m;
  }

  private static Object coordinates(Geometry g) {
    if (g instanceof Point p) {
      return position(p.getCoordinate());
    }
    if (g instanceof LineString l) {
      return positions(l.getCoordinates());
    }
    if (g instanceof Polygon p) {
      return rings(p);
    }
    List<Object> parts = new ArrayList<>(g.getNumGeometries());
    for (int i = 0; i < g.getNumGeometries(); i++) {
      parts.add(coordinates(g.getGeometryN(i)));
    }
    return parts;
  }

  private static List<List<double[]>> rings(Polygon p) {
    List<List<double[]>> rings = new ArrayList<>(1 + p.getNumInteriorRing());
    rings.add(positions(orient(p.getExteriorRing().getCoordinates(), true)));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(positions(orient(p.getInteriorRingN(i).getCoordinates(), false)));
    }
    return rings;
  }

  private static Coordinate[] orient(Coordinate[] ring, boolean counterClockwise) {
    if (ring.length < 4 || Orientation.isCCW(ring) == counterClockwise) {
      return ring;
    }
    Coordinate[] reversed = ring.clone();
    Collections.reverse(Arrays.asList(reversed));
    return reversed;
  }

  private static List<double[]> positions(Coordinate[] coordinates) {
    List<double[]> out = new ArrayList<>(coordinates.length);
    for (Coordinate c : coordinates) {
      out.add(position(c));
    }
    return out;
  }

  private static double[] position(Coordinate c) {
    return new double[] {c.getX(), c.getY()};
  }
}
