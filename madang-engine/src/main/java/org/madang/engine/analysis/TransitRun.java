package org.madang.engine.analysis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.madang.analytics.location.SolverProgress;
import org.madang.analytics.location.StopReason;
import org.madang.analytics.transit.RouteDesign;
import org.madang.analytics.transit.RouteDesignParameters;
import org.madang.analytics.transit.RouteDesigner;
import org.madang.analytics.transit.RouteSetEvaluation;
import org.madang.analytics.transit.TransitInstance;
import org.madang.analytics.transit.TransitNetwork;
import org.madang.analytics.transit.TripDemand;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;

/**
 * Bus route design over a network read from three tables: stops (points with an id and a name), two-way links between
 * stops with their travel time in minutes (and optionally road kilometres), and trips between stops. Each entry of
 * {@code routes} is one design by {@link RouteDesigner}, with its own time limit; the result holds one LineString per
 * route through its stops, with the route's stops, length and the trips it carries without a transfer, and on every
 * feature the metrics of its whole design (ATT, d0/d1/d2/dun in %, operator cost), so that designs with different
 * numbers of routes can be compared in one dataset by its {@code routes} column.
 *
 * <p>Stop ids are compared as text, with a whole number written as a decimal read as the whole number (7.0 is 7).
 * Where two links join the same stops the faster counts; trips between the same stops add up; trips from a stop to
 * itself ride no bus and are left out (counted in the summary).
 */
final class TransitRun {

  /** Floyd–Warshall over the stops and a design's journeys grow with the cube of the stops; aggregate larger networks. */
  static final int MAX_STOPS_IN_NETWORK = 500;

  private TransitRun() {}

  /** The stops, the network between them and the trips, read and checked. */
  record Network(String[] ids, String[] names, double[] lon, double[] lat, TransitNetwork network, double[][] km, TripDemand demand, int links,
      double tripsWithinStops) {

    int size() {
      return ids.length;
    }
  }

  /**
   * Checks, without designing, that the tables make a network (known stops, times, connected, some trips) and that the
   * stop limits let the routes reach every stop. The tables are small (at most {@value #MAX_STOPS_IN_NETWORK} stops),
   * so reading them whole is cheap and lets a job be refused when it is submitted rather than when it runs.
   */
  static void check(AnalysisSpec.Transit spec, InputReader reader, Map<String, String> tables) {
    int n = read(spec, reader, tables).size();
    for (int routes : spec.routes()) {
      checkLimits(spec, routes, n);
    }
  }

  private static int requireStopCount(AnalysisSpec.Transit spec, int n) {
    if (n < 2) {
      throw ParameterReader.invalid("'" + spec.nodes().dataset() + "' has " + n + " stop(s); a network needs at least two.", spec.nodes().field());
    }
    if (n > MAX_STOPS_IN_NETWORK) {
      throw ParameterReader.invalid("'" + spec.nodes().dataset() + "' has " + n + " stops; route design takes at most " + MAX_STOPS_IN_NETWORK
          + " (group stops into cells, e.g. by H3 cell or zone, first).", spec.nodes().field());
    }
    return n;
  }

  /** The most stops per route: as given, else 8, or half again the fewest with which the routes can cover every stop. */
  static int maxStops(AnalysisSpec.Transit spec, int routes, int n) {
    if (spec.maxStops() > 0) {
      return spec.maxStops();
    }
    int fewest = (int) Math.ceil((n + routes - 1.0) / routes);
    return Math.min(n, Math.max(Math.max(8, spec.minStops()), (int) Math.ceil(1.5 * fewest)));
  }

  private static void checkLimits(AnalysisSpec.Transit spec, int routes, int n) {
    int max = maxStops(spec, routes, n);
    if (spec.minStops() > n) {
      throw ParameterReader.invalid("min_stops (" + spec.minStops() + ") is more than the network's " + n + " stops.", "min_stops");
    }
    if (max > n) {
      throw ParameterReader.invalid("max_stops (" + max + ") is more than the network's " + n + " stops.", "max_stops");
    }
    // routes that together reach every stop and meet each other share at least one stop each
    if (max + (long) (routes - 1) * (max - 1) < n) {
      int fewest = (int) Math.ceil((n + routes - 1.0) / routes);
      throw ParameterReader.invalid(routes + " connected routes of at most " + max + " stops cannot reach all " + n + " stops; allow at least "
          + fewest + " stops per route or design more routes.", "max_stops");
    }
  }

  static Outcome run(
      AnalysisSpec.Transit spec, InputReader reader, Map<String, String> tables, LocalProjection projection, AnalysisProgress progress,
      BooleanSupplier cancelled) {
    progress.update("reading", 0.02);
    Network net = read(spec, reader, tables);
    int n = net.size();
    for (int routes : spec.routes()) {
      checkLimits(spec, routes, n);
    }
    TransitInstance instance = new TransitInstance(spec.scenario() != null ? spec.scenario() : spec.nodes().dataset(), net.network(), net.demand());
    List<String> columns = List.of("routes", "bus_route", "name", "stops", "minutes", "km", "direct_trips", "direct_share", "stop_ids", "stop_names",
        "att", "d0", "d1", "d2", "dun", "unserved", "operator_cost", "lower_bound", "stop_reason", "seconds");
    OutputTable table = OutputTable.ofGeometries(columns);
    List<Map<String, Object>> designs = new ArrayList<>();
    int alternatives = spec.routes().size();
    for (int a = 0; a < alternatives; a++) {
      int routes = spec.routes().get(a);
      int max = maxStops(spec, routes, n);
      int done = a;
      long start = System.nanoTime();
      SolverProgress listener = (iteration, planned, best, bound) -> {
        double byIterations = planned > 0 ? (double) iteration / planned : 0;
        double byTime = (System.nanoTime() - start) / 1e9 / spec.timeLimit_s();
        progress.update("designing", 0.05 + 0.85 * (done + Math.min(1, Math.max(byIterations, byTime))) / alternatives);
      };
      progress.update("designing", 0.05 + 0.85 * done / alternatives);
      RouteDesign design;
      try {
        design = RouteDesigner.design(instance, RouteDesignParameters.of(routes, max).withStops(spec.minStops(), max)
            .withTransferPenalty(spec.transferPenalty()).withOperatorWeight(spec.operatorWeight()).withSeed(spec.seed())
            .withTimeLimit(Duration.ofMillis((long) (spec.timeLimit_s() * 1000))).withCancellation(cancelled).withProgress(listener));
      } catch (IllegalArgumentException e) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException();
        }
        throw ParameterReader.invalid(HotspotRun.sentence(e.getMessage()), fieldOf(e.getMessage()));
      }
      if (design.stopReason() == StopReason.CANCELLED || cancelled.getAsBoolean()) {
        throw new CancellationException();
      }
      RouteSetEvaluation e = design.evaluation();
      String stop = design.stopReason().name().toLowerCase(Locale.ROOT);
      for (int r = 0; r < design.routes().routeCount(); r++) {
        int[] route = design.routes().route(r);
        double minutes = 0;
        double km = 0;
        StringBuilder wkt = new StringBuilder("LINESTRING (");
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < route.length; k++) {
          int v = route[k];
          if (k > 0) {
            int u = route[k - 1];
            minutes += net.network().linkTime(u, v);
            km += net.km() != null ? net.km()[u][v]
                : Math.hypot(projection.x(net.lon()[v]) - projection.x(net.lon()[u]), projection.y(net.lat()[v]) - projection.y(net.lat()[u])) / 1000;
            wkt.append(", ");
          }
          wkt.append(coordinate(net.lon()[v])).append(' ').append(coordinate(net.lat()[v]));
          ids.add(net.ids()[v]);
          names.add(net.names()[v]);
        }
        wkt.append(')');
        double direct = 0;
        for (int u : route) {
          for (int v : route) {
            direct += net.demand().trips(u, v);
          }
        }
        table.addGeometry(wkt.toString(), routes, r + 1, names.get(0) + " – " + names.get(names.size() - 1), route.length, round(minutes, 1), round(km, 2),
            direct, round(100 * direct / net.demand().total(), 2), String.join(", ", ids), String.join(" – ", names), e.averageTravelTime(), e.d0(),
            e.d1(), e.d2(), e.dUnsatisfied(), e.unserved(), e.operatorCost(), design.lowerBound(), stop, round(design.seconds(), 2));
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("routes", routes);
      d.put("min_stops", spec.minStops());
      d.put("max_stops", max);
      d.put("att", e.averageTravelTime());
      d.put("d0", e.d0());
      d.put("d1", e.d1());
      d.put("d2", e.d2());
      d.put("dun", e.dUnsatisfied());
      d.put("unserved", e.unserved());
      d.put("operator_cost", e.operatorCost());
      d.put("lower_bound", design.lowerBound());
      d.put("stop_reason", stop);
      d.put("iterations", design.iterations());
      d.put("seconds", design.seconds());
      d.put("seconds_to_best", design.secondsToBest());
      designs.add(d);
    }
    progress.update("writing", 0.92);
    Map<String, Object> summary = new LinkedHashMap<>();
    if (spec.scenario() != null) {
      summary.put("scenario", spec.scenario());
    }
    summary.put("stops", n);
    summary.put("links", net.links());
    summary.put("trips", net.demand().total());
    summary.put("trips_within_stops", net.tripsWithinStops());
    summary.put("transfer_penalty", spec.transferPenalty());
    summary.put("time_limit_s", spec.timeLimit_s());
    summary.put("seed", spec.seed());
    summary.put("designs", designs);
    return new Outcome(table, summary);
  }

  /** Which parameter a refusal of the designer is about. */
  private static String fieldOf(String message) {
    String m = message == null ? "" : message;
    if (m.contains("more stops") || m.contains("cannot cover") || m.contains("could not build")) {
      return "max_stops";
    }
    if (m.contains("fits the network")) {
      return "min_stops";
    }
    return "routes";
  }

  // ---- reading the tables

  static Network read(AnalysisSpec.Transit spec, InputReader reader, Map<String, String> tables) {
    String nodeTable = tables.get(spec.nodes().dataset());
    List<Column> nodeColumns = nodeColumns(spec, reader, nodeTable);
    List<String[]> nodeRows = reader.readText(spec.nodes(), nodeTable, nodeColumns);
    int n = requireStopCount(spec, nodeRows.size());
    String[] ids = new String[n];
    String[] names = new String[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    Map<String, Integer> index = new HashMap<>();
    String idField = field(spec.nodes(), "id");
    for (int i = 0; i < n; i++) {
      String[] row = nodeRows.get(i);
      String id = id(row[0]);
      if (id == null) {
        throw ParameterReader.invalid("Row " + (i + 1) + " of '" + spec.nodes().dataset() + "' has no stop id in '" + nodeColumns.get(0).name() + "'.", idField);
      }
      if (index.putIfAbsent(id, i) != null) {
        throw ParameterReader.invalid("The stop id '" + ParameterReader.shorten(id) + "' appears twice in '" + spec.nodes().dataset() + "'.", idField);
      }
      ids[i] = id;
      lat[i] = parse(row[1]);
      lon[i] = parse(row[2]);
      if (!Double.isFinite(lat[i]) || !Double.isFinite(lon[i])) {
        throw ParameterReader.invalid("Stop '" + ParameterReader.shorten(id) + "' of '" + spec.nodes().dataset() + "' has no coordinates.", spec.nodes().field());
      }
      names[i] = row.length > 3 && row[3] != null && !row[3].isBlank() ? row[3].strip() : id;
    }

    String linkTable = tables.get(spec.links().dataset());
    List<Column> linkColumns = linkColumns(spec, reader, linkTable);
    double[][] times = new double[n][n];
    double[][] km = spec.linkKm() != null ? new double[n][n] : null;
    for (double[] row : times) {
      Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    int links = 0;
    List<String[]> linkRows = reader.readText(spec.links(), linkTable, linkColumns);
    for (int k = 0; k < linkRows.size(); k++) {
      String[] row = linkRows.get(k);
      String where = "Link row " + (k + 1) + " of '" + spec.links().dataset() + "'";
      int a = stop(index, row[0], where, field(spec.links(), "from"), spec.nodes().dataset());
      int b = stop(index, row[1], where, field(spec.links(), "to"), spec.nodes().dataset());
      double minutes = parse(row[2]);
      if (!(minutes >= 0) || Double.isInfinite(minutes)) {
        throw ParameterReader.invalid(where + " takes " + (row[2] == null ? "no time" : "'" + row[2] + "' minutes") + "; a link's time is a number of minutes, 0 or more.",
            field(spec.links(), "minutes"));
      }
      if (a == b) {
        throw ParameterReader.invalid(where + " joins stop '" + ids[a] + "' to itself.", field(spec.links(), "to"));
      }
      if (times[a][b] == Double.POSITIVE_INFINITY) {
        links++;
      }
      if (minutes < times[a][b]) {
        times[a][b] = minutes;
        times[b][a] = minutes;
        if (km != null) {
          double length = parse(row[3]);
          if (!(length >= 0) || Double.isInfinite(length)) {
            throw ParameterReader.invalid(where + " has no length in kilometres.", field(spec.links(), "km"));
          }
          km[a][b] = length;
          km[b][a] = length;
        }
      }
    }
    requireConnected(times, names, spec);
    TransitNetwork network = TransitNetwork.of(times);

    String demandTable = tables.get(spec.demand().dataset());
    double[][] trips = new double[n][n];
    double within = 0;
    List<String[]> demandRows = reader.readText(spec.demand(), demandTable, demandColumns(spec, reader, demandTable));
    for (int k = 0; k < demandRows.size(); k++) {
      String[] row = demandRows.get(k);
      String where = "Row " + (k + 1) + " of '" + spec.demand().dataset() + "'";
      int a = stop(index, row[0], where, field(spec.demand(), "from"), spec.nodes().dataset());
      int b = stop(index, row[1], where, field(spec.demand(), "to"), spec.nodes().dataset());
      double t = parse(row[2]);
      if (!(t >= 0) || Double.isInfinite(t)) {
        throw ParameterReader.invalid(where + " has " + (row[2] == null ? "no number of trips" : "'" + row[2] + "' trips") + "; trips are a number, 0 or more.",
            field(spec.demand(), "trips"));
      }
      if (a == b) {
        within += t;
      } else {
        trips[a][b] += t;
      }
    }
    TripDemand demand = TripDemand.of(trips);
    if (demand.total() == 0) {
      throw ParameterReader.invalid("'" + spec.demand().dataset() + "' has no trips between different stops.", spec.demand().field());
    }
    return new Network(ids, names, lon, lat, network, km, demand, links, within);
  }

  /** Refuses a network some stop of which cannot be reached, naming two stops that are not joined. */
  private static void requireConnected(double[][] times, String[] names, AnalysisSpec.Transit spec) {
    int n = times.length;
    boolean[] seen = new boolean[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
    seen[0] = true;
    while (!queue.isEmpty()) {
      int u = queue.poll();
      for (int v = 0; v < n; v++) {
        if (!seen[v] && times[u][v] < Double.POSITIVE_INFINITY) {
          seen[v] = true;
          queue.add(v);
        }
      }
    }
    for (int v = 0; v < n; v++) {
      if (!seen[v]) {
        throw ParameterReader.invalid("The links of '" + spec.links().dataset() + "' do not join every stop: '" + ParameterReader.shorten(names[v])
            + "' cannot be reached from '" + ParameterReader.shorten(names[0]) + "'. Buses need a connected network.", spec.links().field());
      }
    }
  }

  private static int stop(Map<String, Integer> index, String text, String where, String field, String nodes) {
    String id = id(text);
    Integer i = id == null ? null : index.get(id);
    if (i == null) {
      throw ParameterReader.invalid(where + " names the stop '" + (id == null ? "" : ParameterReader.shorten(id)) + "', which is not one of '" + nodes + "'.", field);
    }
    return i;
  }

  private static List<Column> nodeColumns(AnalysisSpec.Transit spec, InputReader reader, String table) {
    String dataset = spec.nodes().dataset();
    Column id = reader.column(table, dataset, spec.nodeId(), field(spec.nodes(), "id"));
    Column lat = reader.roleColumn(table, ColumnRole.LATITUDE).orElse(null);
    Column lon = reader.roleColumn(table, ColumnRole.LONGITUDE).orElse(null);
    if (lat == null || lon == null) {
      throw ParameterReader.invalid("The stops of '" + dataset + "' need coordinates: a latitude and a longitude column.", spec.nodes().field());
    }
    List<Column> columns = new ArrayList<>(List.of(id, lat, lon));
    if (spec.nodes().label() != null) {
      columns.add(reader.column(table, dataset, spec.nodes().label(), field(spec.nodes(), "label")));
    }
    return columns;
  }

  private static List<Column> linkColumns(AnalysisSpec.Transit spec, InputReader reader, String table) {
    String dataset = spec.links().dataset();
    List<Column> columns = new ArrayList<>(List.of(
        reader.column(table, dataset, spec.linkFrom(), field(spec.links(), "from")),
        reader.column(table, dataset, spec.linkTo(), field(spec.links(), "to")),
        reader.numericColumn(table, dataset, spec.linkMinutes(), field(spec.links(), "minutes"))));
    if (spec.linkKm() != null) {
      columns.add(reader.numericColumn(table, dataset, spec.linkKm(), field(spec.links(), "km")));
    }
    return columns;
  }

  private static List<Column> demandColumns(AnalysisSpec.Transit spec, InputReader reader, String table) {
    String dataset = spec.demand().dataset();
    return List.of(
        reader.column(table, dataset, spec.demandFrom(), field(spec.demand(), "from")),
        reader.column(table, dataset, spec.demandTo(), field(spec.demand(), "to")),
        reader.numericColumn(table, dataset, spec.demandTrips(), field(spec.demand(), "trips")));
  }

  /** The parameter naming a column of a table: {@code links.from}, or {@code scenario} for a scenario's tables. */
  private static String field(AnalysisSpec.Source source, String key) {
    if (source.field().equals("scenario")) {
      return "scenario";
    }
    return source.field().replace(".dataset", "") + "." + key;
  }

  /** A stop id as text; a whole number written as a decimal (7.0) is the whole number. */
  static String id(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    return s.matches("-?\\d+\\.0+") ? s.substring(0, s.indexOf('.')) : s;
  }

  private static double parse(String text) {
    if (text == null || text.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String coordinate(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }
}
