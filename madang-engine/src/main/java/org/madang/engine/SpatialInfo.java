package org.madang.engine;

/**
 * How a version is located in space.
 *
 * @param kind POINTS when rows carry latitude/longitude columns, GEOMETRIES when they carry WKT, DISTRICTS when they
 *     only name a district
 * @param latColumn the latitude column (POINTS), else null
 * @param lonColumn the longitude column (POINTS), else null
 * @param geometryColumn the WKT column (GEOMETRIES), else null
 * @param minLon bounding box of the located rows; NaN when nothing is located
 */
public record SpatialInfo(
    Kind kind,
    String latColumn,
    String lonColumn,
    String geometryColumn,
    double minLon,
    double minLat,
    double maxLon,
    double maxLat,
    long locatedRows,
    long missingLocation,
    long outsideArea) {

  public enum Kind {
    POINTS,
    GEOMETRIES,
    DISTRICTS
  }
}
