package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * between places). The embedded run groups inside DuckDB ({@link InputReader#groupByPlace}, {@link
 * InputReader#groupFlows}: its parallel scan bins every row with the engine's H3 and district functions and only the
 * groups come back); the Spark run groups on the cluster; both hand their groups to the same {@link #points} / {@link
 * #flows} presentation, so both give the same rows and summary.
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
    progress.update("grouping", 0.05);
    if (spec.flows() != null) {
      AnalysisSpec.Flows f = spec.flows();
      InputReader.Pairs pairs = reader.groupFlows(f, tables.get(f.source().dataset()), spec.by(), spec.h3Resolution(), cancelled);
      progress.update("writing", 0.9);
      List<Group> groups = new ArrayList<>(pairs.pairs().size());
      for (InputReader.Pair p : pairs.pairs()) {
        groups.add(new Group(p.origin(), p.destination(), p.rows(), p.trips()));
      }
      return flows(spec, groups, pairs.rows(), pairs.leftOut(), reader.districts());
    }
    InputReader.Places places = reader.groupByPlace(spec.input(), tables.get(spec.input().dataset()), spec.weight(), tables,
        spec.by().equals("h3") ? spec.h3Resolution() : null, cancelled);
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    List<Group> groups = new ArrayList<>(places.places().size());
    for (InputReader.Place p : places.places()) {
      // without a weight each point weighs 1
      groups.add(new Group(p.key(), null, p.rows(), spec.weight() == null ? p.rows() : p.sum()));
    }
    progress.update("writing", 0.9);
    return points(spec, groups, places.rows(), places.leftOut(), reader.districts());
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
