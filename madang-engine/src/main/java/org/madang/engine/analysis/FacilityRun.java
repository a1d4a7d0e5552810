package org.madang.engine.analysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.location.CoveringSolution;
import org.madang.analytics.location.DistanceFunction;
import org.madang.analytics.location.DistanceMatrix;
import org.madang.analytics.location.LocationProblem;
import org.madang.analytics.location.MaximalCoveringParameters;
import org.madang.analytics.location.MaximalCoveringSolver;
import org.madang.analytics.location.PMedianParameters;
import org.madang.analytics.location.PMedianSolution;
import org.madang.analytics.location.PMedianSolver;
import org.madang.analytics.location.SetCoveringParameters;
import org.madang.analytics.location.SetCoveringSolution;
import org.madang.analytics.location.SetCoveringSolver;
import org.madang.analytics.location.SolverProgress;
import org.madang.analytics.location.StopReason;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * p-median, maximal covering or set covering with demand points, candidate sites and existing facilities read from
 * datasets, at straight-line distances in projected metres. Existing facilities stay open and the solver adds to them
 * ("add k facilities to the existing set"). The result holds the open facilities (role {@code existing} or {@code
 * added}, with the demand they serve) and every demand point with its nearest open facility and distance; demand rows
 * come first and added facilities last, so that maps draw the added ones on top.
 *
 * <p>Demand points whose weight is missing (no matching row in the weight's dataset) are left out and counted.
 *
 * <p>With {@code demand_h3_resolution} the points are first merged into the H3 cells of that resolution (weights summed,
 * 1 per point without a weight column), each cell's demand placed at the cell's centre: hundreds of cells instead of
 * thousands of points make the solve faster, and the demand rows of the result are one per cell (id = its address, with
 * {@code demand_points}). On Spark, the merge runs on the cluster and {@link #onCells} solves here.
 */
final class FacilityRun {

  /** One H3 cell of demand: its address, the demand points merged into it and the sum of their weights. */
  record DemandCell(String address, long points, double weight) {}

  /**
   * What the solver serves: every demand point (ids are the points' {@code _id}s, {@code points} 1 each), or the H3
   * cells of the points (ids are the cells' addresses, each cell's demand at its centre).
   *
   * @param rawPoints the demand points with a weight, before merging
   */
  private record Demand(
      String dataset, Object[] ids, double[] lon, double[] lat, double[] weights, long[] points, String[] names, long rawPoints,
      long withoutWeight, long leftOut) {

    int size() {
      return ids.length;
    }
  }

  private FacilityRun() {}

  static Outcome run(
      AnalysisSpec.Facility spec, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    progress.update("reading", 0.02);
    List<AnalysisSpec.ValueColumn> weightColumn = spec.weight() == null ? List.of() : List.of(spec.weight());
    InputReader.Rows demandRows = reader.read(spec.demand(), tables.get(spec.demand().dataset()), weightColumn, tables);

    List<Integer> kept = new ArrayList<>();
    int withoutWeight = 0;
    for (int i = 0; i < demandRows.size(); i++) {
      double w = weight(spec, demandRows, i);
      if (Double.isNaN(w)) {
        withoutWeight++;
        continue;
      }
      if (w < 0 || Double.isInfinite(w)) {
        throw negativeWeight(spec, demandRows.ids()[i] + InputReader.describe(demandRows, i), w);
      }
      kept.add(i);
    }
    if (kept.isEmpty()) {
      throw noDemand(spec);
    }
    int n = kept.size();
    Demand demand;
    if (spec.demandOnCells()) {
      // summed in _id order per cell, as the rows are read; cells() puts them in address order
      H3Binner binner = H3Binner.atResolution(spec.demandH3Resolution());
      Map<String, double[]> byCell = new HashMap<>();
      for (int i : kept) {
        double[] cell = byCell.computeIfAbsent(H3Binner.toAddress(binner.cellOf(demandRows.lat()[i], demandRows.lon()[i])), k -> new double[2]);
        cell[0]++;
        cell[1] += weight(spec, demandRows, i);
      }
      List<DemandCell> cells = new ArrayList<>(byCell.size());
      byCell.forEach((address, c) -> cells.add(new DemandCell(address, (long) c[0], c[1])));
      demand = cells(spec, cells, n, withoutWeight, demandRows.leftOut(), reader);
    } else {
      Object[] ids = new Object[n];
      double[] lon = new double[n];
      double[] lat = new double[n];
      double[] weights = new double[n];
      long[] points = new long[n];
      String[] names = new String[n];
      for (int k = 0; k < n; k++) {
        int i = kept.get(k);
        ids[k] = demandRows.ids()[i];
        lon[k] = demandRows.lon()[i];
        lat[k] = demandRows.lat()[i];
        weights[k] = weight(spec, demandRows, i);
        points[k] = 1;
        names[k] = label(demandRows, reader, i);
      }
      demand = new Demand(demandRows.dataset(), ids, lon, lat, weights, points, names, n, withoutWeight, demandRows.leftOut());
    }
    return solve(spec, demand, reader, tables, projection, progress, cancelled);
  }

  /**
   * The solve over demand already merged into H3 cells elsewhere (by Spark, from the same rows the embedded run reads):
   * the same cells give the same problem, hence the same facilities, as {@link #run} with {@code demand_h3_resolution}.
   *
   * @param points the demand points with a weight that were merged
   * @param withoutWeight located demand points left out because they have no weight
   * @param leftOut demand rows not located in the city
   */
  static Outcome onCells(
      AnalysisSpec.Facility spec, List<DemandCell> cells, long points, long withoutWeight, long leftOut, InputReader reader, Map<String, String> tables,
      LocalProjection projection, AnalysisProgress progress, BooleanSupplier cancelled) {
    if (cells.isEmpty()) {
      throw noDemand(spec);
    }
    return solve(spec, cells(spec, cells, points, withoutWeight, leftOut, reader), reader, tables, projection, progress, cancelled);
  }

  /** Cells in address order, each placed at its centre and named by the district there. */
  private static Demand cells(AnalysisSpec.Facility spec, List<DemandCell> cells, long points, long withoutWeight, long leftOut, InputReader reader) {
    List<DemandCell> sorted = new ArrayList<>(cells);
    sorted.sort(Comparator.comparing(DemandCell::address));
    int n = sorted.size();
    Object[] ids = new Object[n];
    double[] lon = new double[n];
    double[] lat = new double[n];
    double[] weights = new double[n];
    long[] counts = new long[n];
    String[] names = new String[n];
    for (int k = 0; k < n; k++) {
      DemandCell c = sorted.get(k);
      double[] centre = H3Binner.centreOf(H3Binner.parseAddress(c.address()));
      ids[k] = c.address();
      lon[k] = centre[0];
      lat[k] = centre[1];
      weights[k] = c.weight();
      counts[k] = c.points();
      names[k] = reader.districts().findContaining(centre[0], centre[1]).map(District::name).orElse("");
    }
    return new Demand(spec.demand().dataset(), ids, lon, lat, weights, counts, names, points, withoutWeight, leftOut);
  }

  /** A demand row's weight: 1 without a weight column, NaN when its weight is missing. */
  private static double weight(AnalysisSpec.Facility spec, InputReader.Rows rows, int i) {
    return spec.weight() == null ? 1.0 : rows.values()[0][i];
  }

  static MadangException negativeWeight(AnalysisSpec.Facility spec, String point, double w) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, "Demand point " + point + " has the weight " + w
        + "; demand weights must be finite and not negative.", Map.of("field", spec.weight().field()));
  }

  static MadangException noDemand(AnalysisSpec.Facility spec) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no demand: '" + spec.demand().dataset() + "' has no located points inside the city"
        + (spec.weight() != null ? " with a weight" : "") + ".", Map.of("field", spec.demand().field()));
  }

  private static Outcome solve(
      AnalysisSpec.Facility spec, Demand demand, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    InputReader.Rows candidateRows = reader.read(spec.candidates(), tables.get(spec.candidates().dataset()), List.of(), tables);
    InputReader.Rows existingRows = spec.existing() == null ? null : reader.read(spec.existing(), tables.get(spec.existing().dataset()), List.of(), tables);
    int candidates = candidateRows.size();
    if (spec.p() > candidates) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "p = " + spec.p() + " is more than the " + candidates + " candidate sites of '" + spec.candidates().dataset() + "'.", Map.of("field", "p"));
    }
    if (candidates == 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "'" + spec.candidates().dataset() + "' has no located candidate sites inside the city.", Map.of("field", spec.candidates().field()));
    }
    int n = demand.size();
    double[] weights = demand.weights();
    double[] dx = new double[n];
    double[] dy = new double[n];
    for (int k = 0; k < n; k++) {
      dx[k] = projection.x(demand.lon()[k]);
      dy[k] = projection.y(demand.lat()[k]);
    }
    int existing = existingRows == null ? 0 : existingRows.size();
    int m = existing + candidates;
    double[] sx = new double[m];
    double[] sy = new double[m];
    for (int j = 0; j < m; j++) {
      InputReader.Rows r = j < existing ? existingRows : candidateRows;
      int at = j < existing ? j : j - existing;
      sx[j] = projection.x(r.lon()[at]);
      sy[j] = projection.y(r.lat()[at]);
    }
    LocationProblem problem = LocationProblem.of(DistanceMatrix.ofPoints(dx, dy, sx, sy, DistanceFunction.EUCLIDEAN), weights)
        .withExistingFacilities(IntStream.range(0, existing).toArray());
    Duration limit = Duration.ofMillis((long) (spec.timeLimit_s() * 1000));
    int iterations = spec.iterations() == 0 ? Integer.MAX_VALUE : spec.iterations();
    long start = System.nanoTime();
    SolverProgress listener = (iteration, planned, best, bound) -> {
      double byIterations = planned > 0 && planned < Integer.MAX_VALUE ? (double) iteration / planned : 0;
      double byTime = (System.nanoTime() - start) / 1e9 / spec.timeLimit_s();
      progress.update("solving", 0.1 + 0.8 * Math.min(1, Math.max(byIterations, byTime)));
    };
    progress.update("solving", 0.1);
    int[] open;
    int[] added;
    Map<String, Object> summary = new LinkedHashMap<>();
    StopReason stop;
    try {
      switch (spec.kind()) {
        case PMEDIAN -> {
          PMedianSolution s = PMedianSolver.solve(problem, PMedianParameters.of(spec.p()).withSeed(spec.seed()).withIterations(iterations)
              .withTimeLimit(limit).withCancellation(cancelled).withProgress(listener));
          open = s.facilities();
          added = s.addedFacilities();
          stop = s.stopReason();
          summary.put("objective", s.objective());
          summary.put("lower_bound", s.lowerBound());
          summary.put("gap", s.gap());
          summary.put("iterations", s.iterations());
          summary.put("seconds", s.seconds());
        }
        case MCLP -> {
          CoveringSolution s = MaximalCoveringSolver.solve(problem, MaximalCoveringParameters.of(spec.p(), spec.coverage_m()).withSeed(spec.seed())
              .withIterations(iterations).withTimeLimit(limit).withCancellation(cancelled).withProgress(listener));
          open = s.facilities();
          added = s.addedFacilities();
          stop = s.stopReason();
          summary.put("covered_weight", s.coveredDemand());
          summary.put("covered_share", s.coveredShare());
          summary.put("upper_bound", s.upperBound());
          summary.put("iterations", s.iterations());
          summary.put("seconds", s.seconds());
        }
        case SETCOVER -> {
          SetCoveringSolution s = SetCoveringSolver.solve(problem, SetCoveringParameters.of(spec.coverage_m()).withSeed(spec.seed())
              .withIterations(iterations).withTimeLimit(limit).withCancellation(cancelled));
          open = s.facilities();
          added = s.addedFacilities();
          stop = s.stopReason();
          summary.put("facilities_added", added.length);
          summary.put("lower_bound", s.lowerBound());
          summary.put("iterations", s.iterations());
          summary.put("seconds", s.seconds());
        }
        default -> throw new IllegalStateException(spec.kind() + " is not a location analysis");
      }
    } catch (IllegalArgumentException e) {
      String field = spec.kind() == AnalysisKind.SETCOVER ? "coverage_m" : e.getMessage().startsWith("p") ? "p" : spec.demand().field();
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, HotspotRun.sentence(e.getMessage()), Map.of("field", field), e);
    }
    if (stop == StopReason.CANCELLED) {
      throw new CancellationException();
    }
    progress.update("writing", 0.92);
    boolean covering = spec.kind() != AnalysisKind.PMEDIAN;
    int[] nearest = new int[n];
    double[] distance = new double[n];
    double total = 0;
    double weighted = 0;
    double covered = 0;
    double[] served = new double[m];
    long[] servedPoints = new long[m];
    for (int k = 0; k < n; k++) {
      double best = Double.POSITIVE_INFINITY;
      int at = -1;
      for (int j : open) {
        double d = Math.hypot(dx[k] - sx[j], dy[k] - sy[j]);
        if (d < best) {
          best = d;
          at = j;
        }
      }
      nearest[k] = at;
      distance[k] = best;
      total += weights[k];
      weighted += weights[k] * best;
      served[at] += weights[k];
      servedPoints[at] += demand.points()[k];
      if (covering && best <= spec.coverage_m()) {
        covered += weights[k];
      }
    }
    boolean[] isAdded = new boolean[m];
    for (int j : added) {
      isAdded[j] = true;
    }
    boolean onCells = spec.demandOnCells();
    List<String> columns = new ArrayList<>(List.of(
        "facility_role", "site", "source_dataset", "source_id", "name", "weight", "served_weight", "served_points", "nearest_site", "distance_m"));
    if (covering) {
      columns.add("covered");
    }
    if (onCells) {
      columns.add("demand_points");
    }
    OutputTable table = OutputTable.ofPoints(columns);
    for (int k = 0; k < n; k++) {
      int j = nearest[k];
      InputReader.Rows r = j < existing ? existingRows : candidateRows;
      int at = j < existing ? j : j - existing;
      List<Object> row = new ArrayList<>(Arrays.asList("demand", "demand:" + demand.ids()[k], demand.dataset(), demand.ids()[k],
          demand.names()[k], weights[k], null, null, site(j < existing ? "existing" : "added", r, at), distance[k]));
      if (covering) {
        row.add(distance[k] <= spec.coverage_m());
      }
      if (onCells) {
        row.add(demand.points()[k]);
      }
      table.addPoint(demand.lon()[k], demand.lat()[k], row.toArray());
    }
    List<Map<String, Object>> addedSites = new ArrayList<>();
    int[] order = IntStream.of(open).boxed().sorted((a, b) -> Boolean.compare(isAdded[a], isAdded[b])).mapToInt(Integer::intValue).toArray();
    for (int j : order) {
      InputReader.Rows r = j < existing ? existingRows : candidateRows;
      int at = j < existing ? j : j - existing;
      String role = j < existing ? "existing" : "added";
      String label = label(r, reader, at);
      List<Object> row = new ArrayList<>(Arrays.asList(role, site(role, r, at), r.dataset(), r.ids()[at], label, null, served[j], servedPoints[j], null, null));
      if (covering) {
        row.add(null);
      }
      if (onCells) {
        row.add(null);
      }
      table.addPoint(r.lon()[at], r.lat()[at], row.toArray());
      if (isAdded[j]) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("site", site(role, r, at));
        a.put("name", label);
        a.put("lon", r.lon()[at]);
        a.put("lat", r.lat()[at]);
        a.put("served_weight", served[j]);
        addedSites.add(a);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("demand_points", demand.rawPoints());
    if (onCells) {
      out.put("demand_cells", n);
      out.put("demand_h3_resolution", spec.demandH3Resolution());
    }
    out.put("demand_weight", total);
    out.put("demand_without_weight", demand.withoutWeight());
    out.put("demand_left_out", demand.leftOut());
    out.put("candidates", candidates);
    out.put("existing", existing);
    if (spec.kind() != AnalysisKind.SETCOVER) {
      out.put("p", spec.p());
    }
    if (covering) {
      out.put("coverage_m", spec.coverage_m());
    }
    out.put("mean_distance_m", weighted / total);
    if (covering) {
      out.put("covered_share", total == 0 ? 1.0 : covered / total);
    }
    if (existing > 0) {
      out.put("baseline", baseline(dx, dy, weights, sx, sy, existing, covering ? spec.coverage_m() : Double.NaN));
    }
    out.putAll(summary);
    out.put("stop_reason", stop.name().toLowerCase(Locale.ROOT));
    out.put("added", addedSites);
    return new Outcome(table, out);
  }

  /** What the existing facilities alone achieve: mean distance and, for covering, the covered share. */
  private static Map<String, Object> baseline(double[] dx, double[] dy, double[] w, double[] sx, double[] sy, int existing, double coverage) {
    double total = 0;
    double weighted = 0;
    double covered = 0;
    for (int k = 0; k < dx.length; k++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < existing; j++) {
        best = Math.min(best, Math.hypot(dx[k] - sx[j], dy[k] - sy[j]));
      }
      total += w[k];
      weighted += w[k] * best;
      if (best <= coverage) {
        covered += w[k];
      }
    }
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("mean_distance_m", weighted / total);
    if (!Double.isNaN(coverage)) {
      b.put("covered_share", total == 0 ? 1.0 : covered / total);
    }
    return b;
  }

  private static String site(String role, InputReader.Rows rows, int i) {
    return role + ":" + rows.ids()[i];
  }

  private static String label(InputReader.Rows rows, InputReader reader, int i) {
    if (rows.labels()[i] != null) {
      return rows.labels()[i];
    }
    return rows.districts()[i] == null ? "" : reader.districtName(rows.districts()[i]);
  }
}
