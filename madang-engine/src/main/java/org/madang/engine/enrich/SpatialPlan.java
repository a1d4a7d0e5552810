package org.madang.engine.enrich;

import java.util.List;
import org.madang.engine.SpatialInfo;

/**
 * How the rows of one table will be located, and the SQL that adds the engine's columns.
 *
 * @param kind POINTS, GEOMETRIES, DISTRICTS, or null when the table has no location
 * @param latColumn the latitude column (POINTS)
 * @param lonColumn the longitude column (POINTS)
 * @param geometryColumn the WKT column (GEOMETRIES)
 * @param districtNameColumn the column naming districts (DISTRICTS)
 * @param districtCodeExpression SQL giving {@code district_code} from the columns of the typed table
 * @param h3Expression SQL giving {@code h3_cell}, or null
 * @param warnings sentences for the ingest report
 */
public record SpatialPlan(
    SpatialInfo.Kind kind,
    String latColumn,
    String lonColumn,
    String geometryColumn,
    String districtNameColumn,
    String districtCodeExpression,
    String h3Expression,
    List<String> warnings) {

  public static SpatialPlan none(List<String> warnings) {
    return new SpatialPlan(null, null, null, null, null, null, null, List.copyOf(warnings));
  }

  public boolean isLocated() {
    return kind != null;
  }

  /** Whether the table gets the hidden {@code _lon}, {@code _lat} columns (geometry tables, for cheap bbox reads). */
  public boolean hasRepresentativePoint() {
    return kind == SpatialInfo.Kind.GEOMETRIES;
  }

  /** SQL for the longitude that locates a row: the column, or the geometry's representative point. */
  public String lonExpression() {
    return kind == SpatialInfo.Kind.GEOMETRIES ? "\"_lon\"" : "CAST(" + quote(lonColumn) + " AS DOUBLE)";
  }

  public String latExpression() {
    return kind == SpatialInfo.Kind.GEOMETRIES ? "\"_lat\"" : "CAST(" + quote(latColumn) + " AS DOUBLE)";
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
