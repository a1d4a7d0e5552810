package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Points counted and their weights summed per H3 cell or district, or origin-destination flows summed into the demand
 * matrix between the cells, districts or codes of their ends (the step that turns call or card records into trips
 * between places). The embedded run groups in Java; the Spark run groups on the cluster and hands its groups to the
 * same {@link #points} / {@link #flows} presentation, so both give the same rows and summary.
 *
 * <p>Rows: for points, one per cell (its hexagon, {@code h3_address}) or district (its boundary, {@code
 * district_code}, {@code district_name}) with {@code points} and {@code weight_sum} (the count when there is no
 * weight; missing weights add 0); for flows, one per (origin, destination) pair located at the origin's centre with
 * {@code flows} (rows) and {@code trips}, and the destination's centre. Groups are ordered by their keys.
 */
final class AggregateRun {

  /** One group: its key (cell address, district code, or origin code) and destination (flows only), rows and weight. */
  record Group(String key, String destination, long rows, double weight) {}

  private AggregateRun() {}

  static Outcome run(
      AnalysisSpec.Aggregate spec, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    progress.update("reading", 0.05);
    if (spec.flows() != null) {
      return runFlows(spec, reader, tables, progress, cancelled);
    }
    List<AnalysisSpec.ValueColumn> numbers = spec.weight() == null ? List.of() : List.of(spec.weight());
    InputReader.Rows rows = reader.read(spec.input(), tables.get(spec.input().dataset()), numbers, tables);
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    progress.update("grouping", 0.4);
    H3Binner binner = H3Binner.atResolution(spec.h3Resolution());
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, double[]> sums = new TreeMap<>();
    for (int i = 0; i < rows.size(); i++) {
      String key = spec.by().equals("h3") ? H3Binner.toAddress(binner.cellOf(rows.lat()[i], rows.lon()[i])) : rows.districts()[i];
      double w = spec.weight() == null ? 1.0 : rows.values()[0][i];
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      sums.computeIfAbsent(key, k -> new double[1])[0] += Double.isNaN(w) ? 0 : w;
    }
    List<Group> groups = new ArrayList<>(counts.size());
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      groups.add(new Group(e.getKey(), null, e.getValue()[0], sums.get(e.getKey())[0]));
    }
    progress.update("writing", 0.9);
    return points(spec, groups, rows.size(), rows.leftOut(), reader.districts());
  }

  private static Outcome runFlows(
      AnalysisSpec.Aggregate spec, InputReader reader, Map<String, String> tables, AnalysisProgress progress, BooleanSupplier cancelled) {
    AnalysisSpec.Flows f = spec.flows();
    String table = tables.get(f.source().dataset());
    H3Binner binner = H3Binner.atResolution(spec.h3Resolution());
    DistrictIndex districts = reader.districts();
    Map<String, Map<String, double[]>> matrix = new TreeMap<>();
    long[] read = new long[2];
    reader.scanFlows(f, table, (fromLon, fromLat, toLon, toLat, from, to, trips) -> {
      if ((read[0] + read[1]) % 100_000 == 0 && cancelled.getAsBoolean()) {
        throw new CancellationException();
      }
      String origin = from;
      String destination = to;
      if (f.coordinates()) {
        origin = place(spec.by(), fromLon, fromLat, binner, districts);
        destination = place(spec.by(), toLon, toLat, binner, districts);
      }
      if (origin == null || destination == null || Double.isNaN(trips)) {
        read[1]++;
        return;
      }
      read[0]++;
      double[] cell = matrix.computeIfAbsent(origin, k -> new TreeMap<>()).computeIfAbsent(destination, k -> new double[2]);
      cell[0]++;
      cell[1] += trips;
    });
    progress.update("writing", 0.9);
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<String, Map<String, double[]>> o : matrix.entrySet()) {
      for (Map.Entry<String, double[]> d : o.getValue().entrySet()) {
        groups.add(new Group(o.getKey(), d.getKey(), (long) d.getValue()[0], d.getValue()[1]));
      }
    }
    return flows(spec, groups, read[0], read[1], districts);
  }

  /**
   * The cell address or district code of a point, or null when it has no coordinates or (districts) lies outside the
   * city. The Spark job computes the same with the same functions.
   */
  static String place(String by, double lon, double lat, H3Binner binner, DistrictIndex districts) {
    if (Double.isNaN(lon) || Double.isNaN(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return null;
    }
    if (by.equals("h3")) {
      return H3Binner.toAddress(binner.cellOf(lat, lon));
    }
    return districts.findContaining(lon, lat).map(District::code).orElse(null);
  }

  /** The result of counting points: {@code groups} ordered by key, from {@code points} points. */
  static Outcome points(AnalysisSpec.Aggregate spec, List<Group> groups, long points, long leftOut, DistrictIndex districts) {
    boolean h3 = spec.by().equals("h3");
    OutputTable table = OutputTable.ofGeometries(h3 ? List.of("h3_address", "points", "weight_sum") : List.of("district_code", "district_name", "points", "weight_sum"));
    WKTWriter writer = new WKTWriter();
    double total = 0;
    for (Group g : groups) {
      if (h3) {
        table.addGeometry(hexagon(H3Binner.ringOf(Long.parseUnsignedLong(g.key(), 16))), g.key(), g.rows(), g.weight());
      } else {
        District d = district(districts, g.key());
        table.addGeometry(writer.write(d.boundary()), g.key(), d.name(), g.rows(), g.weight());
      }
      total += g.weight();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("points", points);
    summary.put("left_out", leftOut);
    summary.put("by", spec.by());
    if (h3) {
      summary.put("h3_resolution", spec.h3Resolution());
    }
    summary.put("groups", groups.size());
    summary.put("total_weight", total);
    List<Group> top = new ArrayList<>(groups);
    top.sort((a, b) -> a.weight() != b.weight() ? Double.compare(b.weight(), a.weight()) : a.key().compareTo(b.key()));
    List<Map<String, Object>> best = new ArrayList<>();
    for (Group g : top.subList(0, Math.min(5, top.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(h3 ? "h3_address" : "district_code", g.key());
      m.put("points", g.rows());
      m.put("weight_sum", g.weight());
      best.add(m);
    }
    summary.put("top", best);
    return new Outcome(table, summary);
  }

  /** The demand matrix: {@code groups} ordered by origin then destination, from {@code flows} rows read. */
  static Outcome flows(AnalysisSpec.Aggregate spec, List<Group> groups, long flows, long leftOut, DistrictIndex districts) {
    OutputTable table = OutputTable.ofPoints(List.of("origin", "destination", "flows", "trips", "destination_lon", "destination_lat"));
    double total = 0;
    Map<String, double[]> centres = new LinkedHashMap<>();
    for (Group g : groups) {
      double[] from = centres.computeIfAbsent(g.key(), k -> centre(spec, k, districts));
      double[] to = centres.computeIfAbsent(g.destination(), k -> centre(spec, k, districts));
      table.addPoint(from[0], from[1], g.key(), g.destination(), g.rows(), g.weight(), to[0], to[1]);
      total += g.weight();
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("flows", flows);
    summary.put("left_out", leftOut);
    summary.put("by", spec.by());
    if (spec.by().equals("h3")) {
      summary.put("h3_resolution", spec.h3Resolution());
    }
    summary.put("pairs", groups.size());
    summary.put("total_trips", total);
    List<Group> top = new ArrayList<>(groups);
    top.sort((a, b) -> a.weight() != b.weight() ? Double.compare(b.weight(), a.weight())
        : a.key().equals(b.key()) ? a.destination().compareTo(b.destination()) : a.key().compareTo(b.key()));
    List<Map<String, Object>> best = new ArrayList<>();
    for (Group g : top.subList(0, Math.min(5, top.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("origin", g.key());
      m.put("destination", g.destination());
      m.put("trips", g.weight());
      best.add(m);
    }
    summary.put("top", best);
    return new Outcome(table, summary);
  }

  /** Where a place's rows are drawn: an H3 cell's centre or a district's interior point. */
  private static double[] centre(AnalysisSpec.Aggregate spec, String code, DistrictIndex districts) {
    long cell = spec.by().equals("district") ? 0 : H3Binner.parseAddress(code);
    if (cell != 0) {
      return H3Binner.centreOf(cell);
    }
    Optional<District> d = districts.findByCode(code);
    if (d.isEmpty()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The flows' end '" + ParameterReader.shorten(code) + "' is neither an H3 cell nor one of the city's district codes, so it cannot be placed on the map.",
          Map.of("field", "flows.from"));
    }
    Point p = d.get().boundary().getInteriorPoint();
    return new double[] {p.getX(), p.getY()};
  }

  private static District district(DistrictIndex districts, String code) {
    return districts.findByCode(code).orElseThrow(() -> new MadangException(ErrorCode.INTERNAL, "The district " + code + " is not one of the city's."));
  }

  /** A cell's hexagon as WKT (longitude latitude). */
  static String hexagon(double[][] ring) {
    StringBuilder wkt = new StringBuilder("POLYGON ((");
    for (int i = 0; i < ring.length; i++) {
      wkt.append(i == 0 ? "" : ", ").append(ring[i][0]).append(' ').append(ring[i][1]);
    }
    return wkt.append("))").toString();
  }
}
