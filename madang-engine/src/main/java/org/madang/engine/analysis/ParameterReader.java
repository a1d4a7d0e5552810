package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.madang.analytics.hotspot.Kernel;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an analysis' parameter JSON into an {@link AnalysisSpec}, refusing unknown keys, missing or ill-typed values
 * and values out of range with one sentence that names the parameter ({@code details.field}, dotted for nested keys:
 * {@code value.column}).
 */
final class ParameterReader {

  private static final Set<String> SOURCE_KEYS = Set.of("dataset", "filter", "label");
  private static final Set<String> VALUE_KEYS = Set.of("column", "dataset", "on", "filter");
  private static final double MAX_TIME_LIMIT_S = 3600;
  /** A route design runs on a worker thread of the shared pool, so one design may take ten minutes at most. */
  private static final double MAX_DESIGN_TIME_LIMIT_S = 600;
  private static final int MAX_ROUTES = 100;
  private static final int MAX_ALTERNATIVES = 4;
  /** H3 resolutions for city densities: from cells of about 250 km² (5) to about 900 m² (12). */
  private static final int MIN_H3_RESOLUTION = 5;
  private static final int MAX_H3_RESOLUTION = 12;

  private ParameterReader() {}

  static AnalysisSpec read(AnalysisKind kind, JsonNode parameters) {
    if (parameters == null || parameters.isNull() || parameters.isMissingNode()) {
      throw invalid("The analysis needs its parameters as a JSON object.", "parameters");
    }
    if (!parameters.isObject()) {
      throw invalid("The parameters must be a JSON object.", "parameters");
    }
    return switch (kind) {
      case HOTSPOT -> hotspot(parameters);
      case AGGREGATE -> aggregate(parameters);
      case KDE -> density(parameters);
      case DBSCAN -> dbscan(parameters);
      case PMEDIAN, MCLP, SETCOVER -> facility(kind, parameters);
      case TRANSIT -> transit(parameters);
    };
  }

  private static AnalysisSpec.Hotspot hotspot(JsonNode p) {
    allowOnly(p, "", Set.of("input", "value", "per", "scale", "weights", "statistic", "permutations", "seed", "fdr", "h3_resolution", "rings"));
    AnalysisSpec.Source input = source(p, "input", true);
    Integer h3Resolution = null;
    int rings = 1;
    if (p.has("h3_resolution") && !p.get("h3_resolution").isNull()) {
      h3Resolution = h3Resolution(p);
      for (String other : List.of("per", "scale", "weights")) {
        if (p.has(other)) {
          throw invalid("Hot spots over H3 cells sum the points' values per cell and link cells by rings; '" + other + "' does not apply.", other);
        }
      }
      rings = integer(p, "rings", 1);
      if (rings < 1 || rings > 5) {
        throw invalid("rings must be 1 to 5 (the cells within that many steps are neighbours).", "rings");
      }
    } else if (p.has("rings")) {
      throw invalid("rings links H3 cells; give h3_resolution with it.", "rings");
    }
    AnalysisSpec.ValueColumn value = value(p, "value", h3Resolution == null, 1.0);
    if (h3Resolution != null && value != null && value.joined()) {
      throw invalid("Over H3 cells the value is a column of the points themselves.", "value.dataset");
    }
    double scale = number(p, "scale", 1.0);
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw invalid("The scale must be a positive number (e.g. 1000 for a rate per thousand).", "scale");
    }
    AnalysisSpec.ValueColumn per = p.has("per") ? value(p, "per", true, scale) : null;
    if (per == null && p.has("scale")) {
      throw invalid("The scale multiplies a rate; give 'per' (the denominator) with it.", "scale");
    }
    WeightsChoice weights = p.has("weights") ? WeightsChoice.parse(text(p, "weights"), "weights") : null;
    String statistic = p.has("statistic") ? text(p, "statistic").toLowerCase(Locale.ROOT) : "gistar";
    LocalStatistic s = switch (statistic) {
      case "gistar", "gi*", "gi_star" -> LocalStatistic.GI_STAR;
      case "gi" -> LocalStatistic.GI;
      case "local-moran", "local_moran", "lisa" -> LocalStatistic.LOCAL_MORAN;
      default -> throw invalid("The statistic '" + statistic + "' is not one of gistar, gi, local-moran.", "statistic");
    };
    int permutations = integer(p, "permutations", 0);
    if (permutations < 0 || permutations > 99_999) {
      throw invalid("permutations must be 0 (analytic p-values only) to 99999.", "permutations");
    }
    double fdr = number(p, "fdr", 0.05);
    if (!(fdr > 0 && fdr < 1)) {
      throw invalid("The false discovery rate must be between 0 and 1 (e.g. 0.05).", "fdr");
    }
    return new AnalysisSpec.Hotspot(input, value, per, weights, s, permutations, longInteger(p, "seed", 0), fdr, h3Resolution, rings);
  }

  private static int h3Resolution(JsonNode p) {
    int resolution = integer(p, "h3_resolution", 0);
    if (resolution < MIN_H3_RESOLUTION || resolution > MAX_H3_RESOLUTION) {
      throw invalid("h3_resolution must be " + MIN_H3_RESOLUTION + " to " + MAX_H3_RESOLUTION + " (7: cells of about 5 km², 9: about 0.1 km²).",
          "h3_resolution");
    }
    return resolution;
  }

  private static final Set<String> FLOW_KEYS = Set.of("dataset", "filter", "from_lon", "from_lat", "to_lon", "to_lat", "from", "to", "trips");

  /**
   * Points counted per cell or district ({@code input}, {@code weight}), or flows between places summed into a demand
   * matrix ({@code flows}: origin and destination coordinates, or the origin and destination codes themselves).
   */
  private static AnalysisSpec.Aggregate aggregate(JsonNode p) {
    allowOnly(p, "", Set.of("input", "weight", "flows", "by", "h3_resolution"));
    if (p.has("input") == p.has("flows")) {
      throw invalid("Give either input (points to count) or flows (trips between places), not both.", p.has("input") ? "flows" : "input");
    }
    String by = p.has("by") ? text(p, "by").toLowerCase(Locale.ROOT) : "h3";
    if (!by.equals("h3") && !by.equals("district")) {
      throw invalid("by must be h3 or district.", "by");
    }
    int resolution = 8;
    if (p.has("h3_resolution")) {
      if (by.equals("district")) {
        throw invalid("h3_resolution applies to by: h3 only.", "h3_resolution");
      }
      resolution = h3Resolution(p);
    }
    if (p.has("input")) {
      AnalysisSpec.Source input = source(p, "input", true);
      AnalysisSpec.ValueColumn weight = p.has("weight") ? value(p, "weight", false, 1.0) : null;
      if (weight != null && weight.joined()) {
        throw invalid("The weight of an aggregation is a column of the points themselves.", "weight.dataset");
      }
      return new AnalysisSpec.Aggregate(input, weight, null, by, resolution);
    }
    if (p.has("weight")) {
      throw invalid("Flows are weighted by flows.trips, not weight.", "weight");
    }
    JsonNode f = p.get("flows");
    if (!f.isObject()) {
      throw invalid("'flows' must be an object such as {\"dataset\": \"trips\", \"from_lon\": ..., \"from_lat\": ..., \"to_lon\": ..., \"to_lat\": ...}.", "flows");
    }
    allowOnly(f, "flows.", FLOW_KEYS);
    if (!f.has("dataset") || !f.get("dataset").isString()) {
      throw invalid("Name the flows' dataset with flows.dataset.", "flows.dataset");
    }
    AnalysisSpec.Source source = new AnalysisSpec.Source(datasetName(f.get("dataset").asString(), "flows.dataset"), "flows.dataset", filter(f, "flows"), null);
    boolean coordinates = f.has("from_lon") || f.has("from_lat") || f.has("to_lon") || f.has("to_lat");
    boolean codes = f.has("from") || f.has("to");
    if (coordinates == codes) {
      throw invalid("Give the flows' ends either as coordinates (from_lon, from_lat, to_lon, to_lat) or as codes (from, to).", coordinates ? "flows.from" : "flows.from_lon");
    }
    List<String> ends = new ArrayList<>();
    for (String key : coordinates ? List.of("from_lon", "from_lat", "to_lon", "to_lat") : List.of("from", "to")) {
      if (!f.has(key)) {
        throw invalid("Name the column of flows." + key + ".", "flows." + key);
      }
      ends.add(text(f, key, "flows." + key));
    }
    if (codes && (p.has("by") || p.has("h3_resolution"))) {
      throw invalid("Flows given by codes are summed between those codes; by and h3_resolution apply to coordinates.", p.has("by") ? "by" : "h3_resolution");
    }
    String trips = f.has("trips") ? text(f, "trips", "flows.trips") : null;
    return new AnalysisSpec.Aggregate(null, null, new AnalysisSpec.Flows(source, coordinates, ends, trips), codes ? "codes" : by, resolution);
  }

  private static AnalysisSpec.Density density(JsonNode p) {
    allowOnly(p, "", Set.of("input", "weight", "kernel", "bandwidth_m", "cell_m", "h3_resolution"));
    AnalysisSpec.Source input = source(p, "input", true);
    AnalysisSpec.ValueColumn weight = p.has("weight") ? value(p, "weight", false, 1.0) : null;
    String k = p.has("kernel") ? text(p, "kernel").toLowerCase(Locale.ROOT) : "quartic";
    Kernel kernel = switch (k) {
      case "quartic", "biweight" -> Kernel.QUARTIC;
      case "gaussian" -> Kernel.GAUSSIAN;
      default -> throw invalid("The kernel '" + k + "' is not one of quartic, gaussian.", "kernel");
    };
    double bandwidth = p.has("bandwidth_m") ? positive(p, "bandwidth_m", "The bandwidth") : Double.NaN;
    double cell = p.has("cell_m") ? positive(p, "cell_m", "The cell size") : 200.0;
    if (cell < 10) {
      throw invalid("The cell size must be at least 10 m.", "cell_m");
    }
    Integer h3Resolution = null;
    if (p.has("h3_resolution") && !p.get("h3_resolution").isNull()) {
      if (p.has("cell_m")) {
        throw invalid("Give cell_m for square cells or h3_resolution for H3 cells, not both.", "h3_resolution");
      }
      h3Resolution = h3Resolution(p);
    }
    return new AnalysisSpec.Density(input, weight, kernel, bandwidth, cell, h3Resolution);
  }

  private static AnalysisSpec.Dbscan dbscan(JsonNode p) {
    allowOnly(p, "", Set.of("input", "eps_m", "min_points"));
    AnalysisSpec.Source input = source(p, "input", true);
    if (!p.has("eps_m")) {
      throw invalid("DBSCAN needs eps_m, the neighbourhood radius in metres.", "eps_m");
    }
    double eps = positive(p, "eps_m", "eps_m, the neighbourhood radius,");
    int minPoints = integer(p, "min_points", 5);
    if (minPoints < 1 || minPoints > 100_000) {
      throw invalid("min_points must be 1 to 100000.", "min_points");
    }
    return new AnalysisSpec.Dbscan(input, eps, minPoints);
  }

  private static AnalysisSpec.Facility facility(AnalysisKind kind, JsonNode p) {
    Set<String> allowed = new HashSet<>(Set.of("demand", "weight", "candidates", "existing", "seed", "time_limit_s", "iterations", "demand_h3_resolution"));
    if (kind != AnalysisKind.SETCOVER) {
      allowed.add("p");
    }
    if (kind != AnalysisKind.PMEDIAN) {
      allowed.add("coverage_m");
    }
    allowOnly(p, "", allowed);
    AnalysisSpec.Source demand = source(p, "demand", true);
    AnalysisSpec.ValueColumn weight = p.has("weight") ? value(p, "weight", false, 1.0) : null;
    AnalysisSpec.Source candidates = p.has("candidates") ? source(p, "candidates", true)
        : new AnalysisSpec.Source(demand.dataset(), demand.field(), demand.filter(), demand.label());
    AnalysisSpec.Source existing = p.has("existing") ? source(p, "existing", true) : null;
    int facilities = 0;
    if (kind != AnalysisKind.SETCOVER) {
      if (!p.has("p")) {
        throw invalid("Say how many facilities to add with p.", "p");
      }
      facilities = integer(p, "p", 0);
      if (facilities < 1) {
        throw invalid("p, the number of facilities to add, must be at least 1.", "p");
      }
    }
    double coverage = Double.NaN;
    if (kind != AnalysisKind.PMEDIAN) {
      if (!p.has("coverage_m")) {
        throw invalid("Give coverage_m, the distance in metres within which a facility covers demand.", "coverage_m");
      }
      coverage = positive(p, "coverage_m", "The coverage distance");
    }
    double timeLimit = p.has("time_limit_s") ? positive(p, "time_limit_s", "The time limit") : 10.0;
    if (timeLimit > MAX_TIME_LIMIT_S) {
      throw invalid("The time limit may be at most " + (int) MAX_TIME_LIMIT_S + " seconds.", "time_limit_s");
    }
    int iterations = integer(p, "iterations", kind == AnalysisKind.PMEDIAN ? 32 : 16);
    if (iterations < 0) {
      throw invalid("iterations must be 0 (until the time limit) or more.", "iterations");
    }
    Integer demandCells = null;
    if (p.has("demand_h3_resolution") && !p.get("demand_h3_resolution").isNull()) {
      demandCells = integer(p, "demand_h3_resolution", 0);
      if (demandCells < 0 || demandCells > 15) {
        throw invalid("demand_h3_resolution must be 0 to 15 (H3's resolutions; 9: cells of about 0.1 km², 8: about 0.7 km²).", "demand_h3_resolution");
      }
    }
    return new AnalysisSpec.Facility(kind, demand, weight, candidates, existing, facilities, coverage, longInteger(p, "seed", 0), timeLimit, iterations,
        demandCells);
  }

  private static AnalysisSpec.Transit transit(JsonNode p) {
    allowOnly(p, "", Set.of("scenario", "nodes", "links", "demand", "routes", "min_stops", "max_stops", "transfer_penalty", "operator_weight",
        "seed", "time_limit_s"));
    String scenarioCode = null;
    AnalysisSpec.Source nodes;
    AnalysisSpec.Source links;
    AnalysisSpec.Source demand;
    String nodeId;
    String linkFrom;
    String linkTo;
    String linkMinutes;
    String linkKm;
    String demandFrom;
    String demandTo;
    String demandTrips;
    if (p.has("scenario")) {
      scenarioCode = text(p, "scenario").toLowerCase(Locale.ROOT);
      TransitScenario s = TransitScenario.fromCode(scenarioCode);
      for (String table : List.of("nodes", "links", "demand")) {
        if (p.has(table)) {
          throw invalid("The scenario '" + s.code + "' names its own " + table + "; give a scenario or the three tables, not both.", table);
        }
      }
      nodes = s.source(s.nodes, s.nodeLabel);
      links = s.source(s.links, null);
      demand = s.source(s.demand, null);
      nodeId = s.nodeId;
      linkFrom = s.linkFrom;
      linkTo = s.linkTo;
      linkMinutes = s.linkMinutes;
      linkKm = s.linkKm;
      demandFrom = s.demandFrom;
      demandTo = s.demandTo;
      demandTrips = s.demandTrips;
    } else {
      if (!p.has("nodes") && !p.has("links") && !p.has("demand")) {
        throw invalid("Name a scenario (seoul-night-bus) or the nodes, links and demand datasets.", "scenario");
      }
      JsonNode n = table(p, "nodes", Set.of("dataset", "id", "label", "filter"));
      JsonNode l = table(p, "links", Set.of("dataset", "from", "to", "minutes", "km", "filter"));
      JsonNode d = table(p, "demand", Set.of("dataset", "from", "to", "trips", "filter"));
      nodes = new AnalysisSpec.Source(datasetName(text(n, "dataset", "nodes.dataset"), "nodes.dataset"), "nodes.dataset", filter(n, "nodes"),
          n.has("label") ? text(n, "label", "nodes.label") : null);
      links = new AnalysisSpec.Source(datasetName(text(l, "dataset", "links.dataset"), "links.dataset"), "links.dataset", filter(l, "links"), null);
      demand = new AnalysisSpec.Source(datasetName(text(d, "dataset", "demand.dataset"), "demand.dataset"), "demand.dataset", filter(d, "demand"), null);
      nodeId = columnName(n, "id", "nodes", "id");
      linkFrom = columnName(l, "from", "links", "from");
      linkTo = columnName(l, "to", "links", "to");
      linkMinutes = columnName(l, "minutes", "links", "minutes");
      linkKm = l.has("km") ? text(l, "km", "links.km") : null;
      demandFrom = columnName(d, "from", "demand", "from");
      demandTo = columnName(d, "to", "demand", "to");
      demandTrips = columnName(d, "trips", "demand", "trips");
    }
    List<Integer> routes = routeCounts(p);
    int minStops = integer(p, "min_stops", 2);
    if (minStops < 2) {
      throw invalid("min_stops must be at least 2: a route joins two stops or more.", "min_stops");
    }
    int maxStops = integer(p, "max_stops", 0);
    if (p.has("max_stops") && maxStops < minStops) {
      throw invalid("max_stops (" + maxStops + ") must be at least min_stops (" + minStops + ").", "max_stops");
    }
    double penalty = number(p, "transfer_penalty", 5.0);
    if (penalty < 0) {
      throw invalid("The transfer penalty is minutes added per transfer; it cannot be negative.", "transfer_penalty");
    }
    double operatorWeight = number(p, "operator_weight", 0.0);
    if (operatorWeight < 0) {
      throw invalid("operator_weight (minutes of travel time one minute of route length is worth) cannot be negative.", "operator_weight");
    }
    double timeLimit = p.has("time_limit_s") ? positive(p, "time_limit_s", "The time limit") : 10.0;
    if (timeLimit > MAX_DESIGN_TIME_LIMIT_S) {
      throw invalid("The time limit of a route design may be at most " + (int) MAX_DESIGN_TIME_LIMIT_S + " seconds.", "time_limit_s");
    }
    return new AnalysisSpec.Transit(scenarioCode, nodes, nodeId, links, linkFrom, linkTo, linkMinutes, linkKm, demand, demandFrom, demandTo,
        demandTrips, routes, minStops, maxStops, penalty, operatorWeight, longInteger(p, "seed", 0), timeLimit);
  }

  /** {@code routes}: a number of routes, or a list of up to four to design and compare. */
  private static List<Integer> routeCounts(JsonNode p) {
    if (!p.has("routes") || p.get("routes").isNull()) {
      throw invalid("Say how many routes to design with routes (e.g. 9, or [6, 9] to compare).", "routes");
    }
    JsonNode r = p.get("routes");
    List<JsonNode> values = new ArrayList<>();
    if (r.isArray()) {
      if (r.isEmpty() || r.size() > MAX_ALTERNATIVES) {
        throw invalid("routes as a list compares 1 to " + MAX_ALTERNATIVES + " designs, e.g. [6, 9].", "routes");
      }
      r.forEach(values::add);
    } else {
      values.add(r);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode v : values) {
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw invalid("routes must be a whole number or a list of whole numbers.", "routes");
      }
      int count = v.intValue();
      if (count < 1 || count > MAX_ROUTES) {
        throw invalid("A design has 1 to " + MAX_ROUTES + " routes; got " + count + ".", "routes");
      }
      if (out.contains(count)) {
        throw invalid("routes lists " + count + " twice.", "routes");
      }
      out.add(count);
    }
    return out;
  }

  private static JsonNode table(JsonNode p, String key, Set<String> keys) {
    JsonNode n = p.get(key);
    if (n == null || n.isNull()) {
      throw invalid("Name the " + key + " table with " + key + ": {\"dataset\": ...}, or give a scenario.", key);
    }
    if (!n.isObject()) {
      throw invalid("'" + key + "' must be an object such as {\"dataset\": \"name\"}.", key);
    }
    allowOnly(n, key + ".", keys);
    return n;
  }

  private static String columnName(JsonNode table, String key, String prefix, String fallback) {
    return table.has(key) ? text(table, key, prefix + "." + key) : fallback;
  }

  /** {@code "name"} or {@code {"dataset": "name", "filter": {...}, "label": "column"}}. */
  private static AnalysisSpec.Source source(JsonNode parent, String key, boolean required) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw invalid("Name the dataset to read with '" + key + "'.", key);
      }
      return null;
    }
    if (n.isString()) {
      return new AnalysisSpec.Source(datasetName(n.asString(), key), key, Map.of(), null);
    }
    if (!n.isObject()) {
      throw invalid("'" + key + "' must be a dataset name or an object with a dataset.", key);
    }
    allowOnly(n, key + ".", SOURCE_KEYS);
    if (!n.has("dataset") || !n.get("dataset").isString()) {
      throw invalid("Name the dataset with " + key + ".dataset.", key + ".dataset");
    }
    String label = null;
    if (n.has("label")) {
      label = text(n, "label", key + ".label");
    }
    return new AnalysisSpec.Source(datasetName(n.get("dataset").asString(), key + ".dataset"), key + ".dataset", filter(n, key), label);
  }

  /** {@code "column"} or {@code {"column": ..., "dataset": ..., "on": {...}, "filter": {...}}}. */
  private static AnalysisSpec.ValueColumn value(JsonNode parent, String key, boolean required, double scale) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw invalid("Name the column holding the values with '" + key + "'.", key);
      }
      return null;
    }
    if (n.isString()) {
      return new AnalysisSpec.ValueColumn(null, nonBlank(n.asString(), key), Map.of(), scale, key);
    }
    if (!n.isObject()) {
      throw invalid("'" + key + "' must be a column name or an object with a column.", key);
    }
    allowOnly(n, key + ".", VALUE_KEYS);
    String column = text(n, "column", key + ".column");
    if (!n.has("dataset")) {
      if (n.has("on") || n.has("filter")) {
        throw invalid("'on' and 'filter' join another dataset; name it with " + key + ".dataset.", key + ".dataset");
      }
      return new AnalysisSpec.ValueColumn(null, column, Map.of(), scale, key);
    }
    String dataset = datasetName(text(n, "dataset", key + ".dataset"), key + ".dataset");
    Map<String, String> on = new LinkedHashMap<>();
    if (n.has("on")) {
      JsonNode o = n.get("on");
      if (!o.isObject() || o.isEmpty()) {
        throw invalid(key + ".on maps the feature's columns to the other dataset's, e.g. {\"district_code\": \"district_code\"}.", key + ".on");
      }
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        if (!e.getValue().isString() || e.getValue().asString().isBlank()) {
          throw invalid(key + ".on." + e.getKey() + " must name a column of " + dataset + ".", key + ".on");
        }
        on.put(e.getKey(), e.getValue().asString());
      }
    } else {
      on.put("district_code", "district_code");
    }
    AnalysisSpec.Source source = new AnalysisSpec.Source(dataset, key + ".dataset", filter(n, key), null);
    return new AnalysisSpec.ValueColumn(source, column, on, scale, key);
  }

  private static Map<String, JsonNode> filter(JsonNode n, String key) {
    if (!n.has("filter")) {
      return Map.of();
    }
    JsonNode f = n.get("filter");
    if (!f.isObject()) {
      throw invalid(key + ".filter must be an object of column: value.", key + ".filter");
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.properties()) {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        throw invalid(key + ".filter." + e.getKey() + " must be a number or text to compare with.", key + ".filter");
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static String datasetName(String name, String field) {
    if (name == null || !name.matches("[a-z][a-z0-9_-]{1,62}")) {
      throw invalid("'" + (name == null ? "" : shorten(name)) + "' is not a dataset name.", field);
    }
    return name;
  }

  private static void allowOnly(JsonNode object, String prefix, Set<String> keys) {
    for (String k : object.propertyNames()) {
      if (!keys.contains(k)) {
        throw invalid("There is no parameter '" + prefix + k + "' here; the parameters are " + String.join(", ", keys.stream().sorted().toList()) + ".",
            prefix + k);
      }
    }
  }

  private static String text(JsonNode n, String key) {
    return text(n, key, key);
  }

  private static String text(JsonNode n, String key, String field) {
    JsonNode v = n.get(key);
    if (v == null || !v.isString() || v.asString().isBlank()) {
      throw invalid("'" + field + "' must be text.", field);
    }
    return v.asString().strip();
  }

  private static String nonBlank(String s, String field) {
    if (s.isBlank()) {
      throw invalid("'" + field + "' must name a column.", field);
    }
    return s.strip();
  }

  private static double number(JsonNode n, String key, double fallback) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isNumber()) {
      throw invalid("'" + key + "' must be a number.", key);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw invalid("'" + key + "' must be a finite number.", key);
    }
    return d;
  }

  private static double positive(JsonNode n, String key, String what) {
    double d = number(n, key, Double.NaN);
    if (!(d > 0)) {
      throw invalid(what + " must be greater than 0; got " + n.get(key) + ".", key);
    }
    return d;
  }

  private static int integer(JsonNode n, String key, int fallback) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw invalid("'" + key + "' must be a whole number.", key);
    }
    return v.intValue();
  }

  private static long longInteger(JsonNode n, String key, long fallback) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid("'" + key + "' must be a whole number.", key);
    }
    return v.longValue();
  }

  static MadangException invalid(String message, String field) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
