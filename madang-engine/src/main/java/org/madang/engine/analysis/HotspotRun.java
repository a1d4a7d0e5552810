package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.analytics.hotspot.HotspotParameters;
import org.madang.analytics.hotspot.HotspotResult;
import org.madang.analytics.hotspot.LocalHotspot;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * A hot spot analysis over a dataset's features: values (optionally a rate, value / per × scale, each from its own
 * dataset joined to the features), weights from the features' polygons or projected points, then {@link
 * HotspotAnalysis}. The result keeps each input feature's geometry (or point) with its statistic, z, p, q and class.
 */
final class HotspotRun {

  /** Vertices of polygons closer than this (metres, projected) count as shared by contiguity weights. */
  static final double SNAP_TOLERANCE_M = 0.01;

  private HotspotRun() {}

  static Outcome run(
      AnalysisSpec.Hotspot spec, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    if (spec.onH3Cells()) {
      return CellHotspotRun.run(spec, reader, tables, progress, cancelled);
    }
    progress.update("reading", 0.05);
    List<AnalysisSpec.ValueColumn> numbers = new ArrayList<>();
    numbers.add(spec.value());
    if (spec.per() != null) {
      numbers.add(spec.per());
    }
    InputReader.Rows rows = reader.read(spec.input(), tables.get(spec.input().dataset()), numbers, tables);
    int n = rows.size();
    if (n < 4) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "A hot spot analysis needs at least 4 located features; '" + spec.input().dataset() + "' has " + n + ".", Map.of("field", spec.input().field()));
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double v = number(rows, 0, i, spec.value());
      if (spec.per() != null) {
        double d = number(rows, 1, i, spec.per());
        if (d == 0) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "The denominator of feature " + rows.ids()[i] + InputReader.describe(rows, i) + " is 0, so its rate is undefined.", Map.of("field", spec.per().field()));
        }
        v = v / d * spec.per().scale();
      }
      if (v < 0 && spec.statistic() != LocalStatistic.LOCAL_MORAN) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT,
            "Getis-Ord statistics need values that are not negative (counts, rates); feature " + rows.ids()[i] + InputReader.describe(rows, i)
                + " has " + v + ". Use statistic local-moran for values that can be negative.", Map.of("field", spec.value().field()));
      }
      values[i] = v;
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    List<String> ids = new ArrayList<>(n);
    for (long id : rows.ids()) {
      ids.add(String.valueOf(id));
    }
    List<String> wkt = geometries(rows, reader, spec.input().field());
    List<Geometry> polygons = projectedPolygons(wkt, projection);
    double[] x = projection.xs(rows.lon());
    double[] y = projection.ys(rows.lat());
    WeightsChoice choice = spec.weights() != null ? spec.weights()
        : polygons != null ? WeightsChoice.parse("queen", "weights") : WeightsChoice.parse("knn:" + Math.min(8, n - 1), "weights");
    progress.update("weights", 0.3);
    SpatialWeights weights = choice.build(ids, polygons, x, y, SNAP_TOLERANCE_M, "weights");
    HotspotParameters parameters = HotspotParameters.of(spec.statistic()).withFalseDiscoveryRate(spec.falseDiscoveryRate());
    if (spec.permutations() > 0) {
      parameters = parameters.withPermutations(spec.permutations(), spec.seed());
    }
    progress.update("statistics", 0.5);
    HotspotResult result;
    try {
      result = HotspotAnalysis.run(values, weights, parameters);
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, sentence(e.getMessage()), Map.of("field", e.getMessage().contains("link no features") ? "weights" : spec.value().field()), e);
    }
    progress.update("writing", 0.9);
    List<String> columns = new ArrayList<>(List.of("source_id", "name", "value"));
    if (spec.per() != null) {
      columns.addAll(List.of("numerator", "denominator"));
    }
    columns.addAll(List.of("statistic", "expected", "z", "p", "p_sim", "z_sim", "q", "significant", "hotspot_class", "quadrant", "neighbours"));
    OutputTable table = wkt != null ? OutputTable.ofGeometries(columns) : OutputTable.ofPoints(columns);
    int hot = 0;
    int cold = 0;
    List<Map<String, Object>> hotFeatures = new ArrayList<>();
    List<String> islands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalHotspot f = result.feature(i);
      HotspotClass c = HotspotClass.of(f, spec.statistic());
      String label = label(rows, reader, i);
      List<Object> row = new ArrayList<>(List.of(rows.ids()[i], label == null ? "" : label, values[i]));
      if (spec.per() != null) {
        row.add(rows.values()[0][i]);
        row.add(rows.values()[1][i]);
      }
      row.addAll(List.of(f.statistic(), f.expected(), f.z(), f.p(), f.pPermutation(), f.zPermutation(), f.q(), f.significant(), c.code(), f.quadrant().name(),
          (long) weights.neighbourCount(i)));
      if (wkt != null) {
        table.addGeometry(wkt.get(i), row.toArray());
      } else {
        table.addPoint(rows.lon()[i], rows.lat()[i], row.toArray());
      }
      if (c.code().startsWith("hot") || c == HotspotClass.HIGH_HIGH) {
        hot++;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("source_id", rows.ids()[i]);
        h.put("name", label);
        h.put("value", values[i]);
        h.put("z", f.z());
        h.put("class", c.code());
        hotFeatures.add(h);
      } else if (c.code().startsWith("cold") || c == HotspotClass.LOW_LOW) {
        cold++;
      }
      if (weights.neighbourCount(i) == 0) {
        islands.add(label != null ? label : String.valueOf(rows.ids()[i]));
      }
    }
    hotFeatures.sort((a, b) -> Double.compare((Double) b.get("z"), (Double) a.get("z")));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("features", n);
    summary.put("left_out", rows.leftOut());
    summary.put("statistic", statisticCode(spec.statistic()));
    summary.put("weights", choice.toString());
    summary.put("permutations", spec.permutations());
    putFindings(summary, spec.statistic(), result, hot, cold, hotFeatures, islands);
    return new Outcome(table, summary);
  }

  /** The statistic's code in summaries: gistar, gi or local-moran. */
  static String statisticCode(LocalStatistic statistic) {
    return switch (statistic) {
      case GI_STAR -> "gistar";
      case GI -> "gi";
      case LOCAL_MORAN -> "local-moran";
    };
  }

  /** What both hot spot runs (features, H3 cells) report after their own keys: global statistics, counts, the top five. */
  static void putFindings(
      Map<String, Object> summary, LocalStatistic statistic, HotspotResult result, int hot, int cold, List<?> top, List<?> islands) {
    summary.put("moran_i", result.moran().i());
    summary.put("moran_expected", result.moran().expected());
    summary.put("moran_z", result.moran().zRandomisation());
    summary.put("moran_p", result.moran().pRandomisation());
    summary.put("moran_p_normal", result.moran().pNormal());
    summary.put("geary_c", result.geary().c());
    summary.put("geary_z", result.geary().zRandomisation());
    summary.put("geary_p", result.geary().pRandomisation());
    summary.put("geary_p_normal", result.geary().pNormal());
    summary.put(statistic == LocalStatistic.LOCAL_MORAN ? "high_high" : "hot", hot);
    summary.put(statistic == LocalStatistic.LOCAL_MORAN ? "low_low" : "cold", cold);
    summary.put("significant_fdr", result.significantCount());
    summary.put("top", top.subList(0, Math.min(5, top.size())));
    if (!islands.isEmpty()) {
      summary.put("islands", islands);
    }
  }

  private static double number(InputReader.Rows rows, int which, int i, AnalysisSpec.ValueColumn column) {
    double v = rows.values()[which][i];
    if (Double.isNaN(v)) {
      String why = column.joined() && rows.matches()[which][i] == 0
          ? " matches no row of '" + column.source().dataset() + "' on " + String.join(", ", column.on().keySet())
          : " has no value in column '" + column.column() + "'";
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "Feature " + rows.ids()[i] + InputReader.describe(rows, i) + " of '" + rows.dataset() + "'" + why + "; every feature needs a number.",
          Map.of("field", column.field()));
    }
    return v;
  }

  /** The features' geometries as WKT: their own, or their district's boundary; null for point tables. */
  private static List<String> geometries(InputReader.Rows rows, InputReader reader, String field) {
    return switch (rows.layout()) {
      case POINTS -> null;
      case GEOMETRIES -> List.of(rows.wkt());
      case DISTRICTS -> {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        WKTWriter writer = new WKTWriter();
        for (int i = 0; i < rows.size(); i++) {
          if (!seen.add(rows.districts()[i])) {
            throw new MadangException(ErrorCode.INVALID_ARGUMENT,
                "The district " + reader.districtName(rows.districts()[i]) + " appears in more than one row of '" + rows.dataset()
                    + "'; add a filter (e.g. a year) so that each district is one feature.", Map.of("field", field));
          }
          out.add(writer.write(reader.districtBoundary(rows.districts()[i])));
        }
        yield out;
      }
    };
  }

  /** Projected polygons when every geometry is polygonal, else null (the features are then points). */
  private static List<Geometry> projectedPolygons(List<String> wkt, LocalProjection projection) {
    if (wkt == null) {
      return null;
    }
    WKTReader reader = new WKTReader();
    List<Geometry> out = new ArrayList<>(wkt.size());
    for (String w : wkt) {
      Geometry g;
      try {
        g = reader.read(w);
      } catch (ParseException e) {
        return null;
      }
      if (!(g instanceof Polygonal)) {
        return null;
      }
      out.add(projection.project(g));
    }
    return out;
  }

  private static String label(InputReader.Rows rows, InputReader reader, int i) {
    if (rows.labels()[i] != null) {
      return rows.labels()[i];
    }
    if (rows.districts()[i] != null) {
      return reader.districtName(rows.districts()[i]);
    }
    return null;
  }

  static String sentence(String message) {
    if (message == null || message.isBlank()) {
      return "The analysis failed.";
    }
    String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return s.endsWith(".") ? s : s + ".";
  }
}
