package org.madang.engine.enrich;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.locationtech.jts.geom.Envelope;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SpatialInfo;

/**
 * Checks where an enriched table's rows fell and summarises it as {@link SpatialInfo}. Rows with coordinates outside
 * every district fail the upload unless the uploader allowed them, and when most of them would fall inside with
 * latitude and longitude exchanged the error says the columns look swapped. Missing coordinates (NULL or exactly 0/0)
 * are counted, not refused.
 */
public final class LocationCheck {

  private static final int LINES_NAMED = 5;

  private LocationCheck() {}

  /**
   * @param table the enriched table (with {@code _id} and {@code district_code})
   * @param positionOf the line (or row, record) in the upload of the row with a given {@code _id}
   * @param position what {@code positionOf} counts: "line", "row", "record" or "feature"
   * @param warnings receives sentences for the ingest report
   */
  public static SpatialInfo check(
      Connection c,
      String table,
      SpatialPlan plan,
      DistrictIndex districts,
      boolean allowOutsideArea,
      LongUnaryOperator positionOf,
      String position,
      String latLabel,
      String lonLabel,
      List<String> warnings)
      throws SQLException {
    if (plan.kind() == SpatialInfo.Kind.DISTRICTS) {
      return districtsOnly(c, table, plan, districts, warnings);
    }
    String lon = plan.lonExpression();
    String lat = plan.latExpression();
    String missing = "(" + lon + " IS NULL OR " + lat + " IS NULL OR (" + lon + " = 0 AND " + lat + " = 0))";
    String outside = "(NOT " + missing + " AND \"district_code\" IS NULL)";
    long rows;
    long missingRows;
    long outsideRows;
    double[] box = new double[4];
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE " + missing + "), count(*) FILTER (WHERE " + outside + "), min(" + lon
                    + ") FILTER (WHERE NOT " + missing + "), min(" + lat + ") FILTER (WHERE NOT " + missing + "), max(" + lon
                    + ") FILTER (WHERE NOT " + missing + "), max(" + lat + ") FILTER (WHERE NOT " + missing + ") FROM " + table)) {
      r.next();
      rows = r.getLong(1);
      missingRows = r.getLong(2);
      outsideRows = r.getLong(3);
      for (int i = 0; i < 4; i++) {
        double v = r.getDouble(4 + i);
        box[i] = r.wasNull() ? Double.NaN : v;
      }
    }
    if (outsideRows > 0 && !allowOutsideArea) {
      refuseOutside(c, table, plan, outside, outsideRows, positionOf, position, latLabel, lonLabel);
    }
    if (missingRows > 0) {
      warnings.add(
          (missingRows == 1 ? "1 row has" : missingRows + " rows have") + " no location (empty, or 0/0); "
              + (missingRows == 1 ? "it was" : "they were") + " kept without district or H3 cell.");
    }
    if (outsideRows > 0) {
      warnings.add(
          (outsideRows == 1 ? "1 row lies" : outsideRows + " rows lie") + " outside the city's districts; "
              + (outsideRows == 1 ? "it was" : "they were") + " kept without a district.");
    }
    return new SpatialInfo(
        plan.kind(), plan.latColumn(), plan.lonColumn(), plan.geometryColumn(), box[0], box[1], box[2], box[3], rows - missingRows,
        missingRows, outsideRows);
  }

  private static void refuseOutside(
      Connection c,
      String table,
      SpatialPlan plan,
      String outside,
      long outsideRows,
      LongUnaryOperator positionOf,
      String position,
      String latLabel,
      String lonLabel)
      throws SQLException {
    List<Long> lines = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"_id\" FROM " + table + " WHERE " + outside + " ORDER BY \"_id\" LIMIT " + LINES_NAMED)) {
      while (r.next()) {
        lines.add(positionOf.applyAsLong(r.getLong(1)));
      }
    }
    long swappedInside = 0;
    if (plan.kind() == SpatialInfo.Kind.POINTS) {
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM " + table + " WHERE " + outside + " AND " + LocationFunctions.DISTRICT + "("
                      + plan.latExpression() + ", " + plan.lonExpression() + ") >= 0")) {
        r.next();
        swappedInside = r.getLong(1);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(position, lines.get(0));
    details.put(position + "s", lines);
    details.put("count", outsideRows);
    if (plan.kind() == SpatialInfo.Kind.POINTS && swappedInside * 2 > outsideRows) {
      details.put("field", latLabel);
      details.put("latColumn", latLabel);
      details.put("lonColumn", lonLabel);
      details.put("swapped", true);
      throw new MadangException(
          ErrorCode.COORDINATES_OUT_OF_AREA,
          "The columns " + latLabel + " and " + lonLabel + " look swapped: " + outsideRows
              + " rows fall outside the city but inside it with latitude and longitude exchanged, the first on " + position + " "
              + lines.get(0) + ".",
          details);
    }
    details.put("field", plan.kind() == SpatialInfo.Kind.POINTS ? latLabel : plan.geometryColumn());
    throw new MadangException(
        ErrorCode.COORDINATES_OUT_OF_AREA,
        (outsideRows == 1 ? "1 row lies" : outsideRows + " rows lie") + " outside the city's districts, the first on " + position
            + " " + lines.get(0) + "; fix the coordinates or allow rows outside the area.",
        details);
  }

  private static SpatialInfo districtsOnly(Connection c, String table, SpatialPlan plan, DistrictIndex districts, List<String> warnings)
      throws SQLException {
    long rows;
    long located;
    Envelope box = new Envelope();
    List<String> codes = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), count(\"district_code\"), list(DISTINCT \"district_code\") FROM " + table)) {
      r.next();
      rows = r.getLong(1);
      located = r.getLong(2);
      Object list = r.getObject(3);
      if (list instanceof java.sql.Array array) {
        for (Object o : (Object[]) array.getArray()) {
          if (o != null) {
            codes.add(o.toString());
          }
        }
      }
    }
    for (String code : codes) {
      districts.findByCode(code).ifPresent(d -> box.expandToInclude(d.boundary().getEnvelopeInternal()));
    }
    if (located < rows) {
      warnings.add(
          (rows - located == 1 ? "1 row names" : (rows - located) + " rows name") + " no district the engine knows and has no district code.");
    }
    boolean any = !box.isNull();
    return new SpatialInfo(
        SpatialInfo.Kind.DISTRICTS, null, null, null, any ? box.getMinX() : Double.NaN, any ? box.getMinY() : Double.NaN,
        any ? box.getMaxX() : Double.NaN, any ? box.getMaxY() : Double.NaN, located, rows - located, 0);
  }
}
