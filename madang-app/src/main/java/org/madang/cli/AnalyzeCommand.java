package org.madang.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.madang.analyses.JsonNumbers;
import org.madang.analytics.hotspot.DbscanClustering;
import org.madang.analytics.hotspot.DbscanParameters;
import org.madang.analytics.hotspot.DbscanResult;
import org.madang.analytics.hotspot.DensityGrid;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.analytics.hotspot.HotspotParameters;
import org.madang.analytics.hotspot.HotspotResult;
import org.madang.analytics.hotspot.Kernel;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.hotspot.H3Density;
import org.madang.analytics.hotspot.KernelDensity;
import org.madang.analytics.hotspot.KernelDensityParameters;
import org.madang.analytics.hotspot.LocalHotspot;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.analytics.location.CoveringSolution;
import org.madang.analytics.location.DistanceFunction;
import org.madang.analytics.location.DistanceMatrix;
import org.madang.analytics.location.LocationProblem;
import org.madang.analytics.location.MaximalCoveringParameters;
import org.madang.analytics.location.MaximalCoveringSolver;
import org.madang.analytics.location.OrLibraryInstance;
import org.madang.analytics.location.OrLibraryPmedReader;
import org.madang.analytics.location.PMedianParameters;
import org.madang.analytics.location.PMedianSolution;
import org.madang.analytics.location.PMedianSolver;
import org.madang.analytics.location.SetCoveringParameters;
import org.madang.analytics.location.SetCoveringSolution;
import org.madang.analytics.location.SetCoveringSolver;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.HotspotClass;
import org.madang.engine.analysis.WeightsChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code madang analyze KIND}: runs an analytics kernel on files, or on catalog datasets ({@code --dataset}, see {@link
 * DatasetAnalysis}), and prints the result as one JSON document of the same shape either way, for scripts and
 * benchmarks. Files need no application context and no data dir. Longitude/latitude inputs are measured in metres on a
 * local projection (see {@link org.madang.engine.analysis.LocalProjection}); {@code --planar} takes the coordinates of
 * a file as metres already. Bad input ends with one sentence on standard error and exit code 2.
 */
@Command(
    name = "analyze",
    description = "Run an analysis on files or datasets and print JSON: pmedian, mclp, setcover, hotspot, kde, dbscan, transit, transit-evaluate.",
    mixinStandardHelpOptions = true,
    subcommands = {
      AnalyzeCommand.PMedian.class, AnalyzeCommand.Mclp.class, AnalyzeCommand.SetCover.class, AnalyzeCommand.Hotspot.class,
      AnalyzeCommand.Density.class, AnalyzeCommand.Dbscan.class, TransitCommands.Design.class,
      TransitCommands.Evaluate.class
    })
final class AnalyzeCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  static void print(PrintWriter out, Map<String, Object> result) {
    out.println(JSON.writeValueAsString(JsonNumbers.finite(result)));
    out.flush();
  }


  static MadangException invalid(String message) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** Runs an analytics call, turning its IllegalArgumentException into a one-sentence user error. */
  static <T> T kernel(Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "the input is not valid" : e.getMessage();
      throw invalid(Character.toUpperCase(m.charAt(0)) + m.substring(1) + (m.endsWith(".") ? "" : "."));
    }
  }

  static Duration limit(double seconds) {
    if (!(seconds > 0) || seconds > 86_400) {
      throw invalid("--time-limit must be between 0 and 86400 seconds.");
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  /** Options shared by the commands that read features from a file. */
  static class FileOptions {
    @Option(names = "--id", description = "Property naming each feature (default: the GeoJSON id, else the position from 0).")
    String id;

    @Option(names = "--lon", description = "Longitude (or x) column of a CSV (default: lon, lng, longitude, x or 경도).")
    String lon;

    @Option(names = "--lat", description = "Latitude (or y) column of a CSV (default: lat, latitude, y or 위도).")
    String lat;

    @Option(names = "--planar", description = "The coordinates are metres on a plane, not longitude/latitude.")
    boolean planar;

    FeatureFile read(Path file) {
      return FeatureFile.read(file, id, lon, lat, planar);
    }
  }

  // ---- facility location

  /** Demand, candidates and existing facilities from files, for pmedian (without --orlib), mclp and setcover. */
  static class LocationFiles {
    @Option(names = "--demand", description = "Demand points: CSV with lon/lat or GeoJSON (or --dataset NAME).")
    Path demand;

    @Option(names = "--weight", description = "Demand property holding each point's weight (default: 1 each).")
    String weight;

    @Option(names = "--candidates", description = "Candidate sites (default: the demand points).")
    Path candidates;

    @Option(names = "--existing", description = "Facilities already open, kept open; the analysis adds to them.")
    Path existing;

    @picocli.CommandLine.Mixin
    FileOptions file = new FileOptions();

    record Problem(LocationProblem problem, FeatureFile demandPoints, List<Object> siteIds, int existingCount) {}

    Problem read() {
      if (demand == null) {
        throw invalid("Give the demand points with --demand FILE.");
      }
      FeatureFile d = file.read(demand);
      FeatureFile c = candidates == null ? d : FeatureFile.read(candidates, file.id, file.lon, file.lat, file.planar);
      FeatureFile e = existing == null ? null : FeatureFile.read(existing, file.id, file.lon, file.lat, file.planar);
      // one projection for all: about the demand's centre
      double[] cx = project(c, d, true);
      double[] cy = project(c, d, false);
      double[] ex = e == null ? new double[0] : project(e, d, true);
      double[] ey = e == null ? new double[0] : project(e, d, false);
      int existingCount = ex.length;
      double[] sx = new double[existingCount + cx.length];
      double[] sy = new double[existingCount + cy.length];
      System.arraycopy(ex, 0, sx, 0, existingCount);
      System.arraycopy(ey, 0, sy, 0, existingCount);
      System.arraycopy(cx, 0, sx, existingCount, cx.length);
      System.arraycopy(cy, 0, sy, existingCount, cy.length);
      List<Object> siteIds = new ArrayList<>();
      if (e != null) {
        siteIds.addAll(e.ids);
      }
      siteIds.addAll(c.ids);
      double[] w = weight == null ? IntStream.range(0, d.size()).mapToDouble(i -> 1.0).toArray() : d.numbers(weight, "--weight");
      LocationProblem problem = kernel(() -> LocationProblem.of(DistanceMatrix.ofPoints(d.x, d.y, sx, sy, DistanceFunction.EUCLIDEAN), w)
          .withExistingFacilities(IntStream.range(0, existingCount).toArray()));
      return new Problem(problem, d, siteIds, existingCount);
    }

    private static double[] project(FeatureFile f, FeatureFile reference, boolean xAxis) {
      if (f == reference || reference.projection == null) {
        return xAxis ? f.x : f.y;
      }
      return xAxis ? reference.projection.xs(f.lon) : reference.projection.ys(f.lat);
    }
  }

  /** Demand, candidates and existing facilities from datasets, for pmedian, mclp and setcover with --dataset. */
  static class LocationDatasets {
    @Option(names = "--dataset", description = "Demand points from this dataset (the local data dir's, or the server's with --server) instead of --demand.")
    String demand;

    @Option(names = "--candidates-dataset", description = "Candidate sites from this dataset (default: the demand points).")
    String candidates;

    @Option(names = "--existing-dataset", description = "Facilities already open, from this dataset; the analysis adds to them.")
    String existing;

    @Option(names = "--demand-h3-resolution", paramLabel = "0-15",
        description = "Merge the demand points into the H3 cells of this resolution (weights summed, at each cell's centre) before the solve; needed with --engine spark, which does the merging.")
    Integer demandCells;

    @picocli.CommandLine.Mixin
    DatasetAnalysis.Source source = new DatasetAnalysis.Source();

    /** The parameters the engine takes for these datasets; the demand's weight column from --weight. */
    Map<String, Object> parameters(LocationFiles files) {
      if (files.demand != null || files.candidates != null || files.existing != null) {
        throw invalid("Give demand, candidates and existing facilities either as files or as datasets, not both.");
      }
      if (files.file.planar) {
        throw invalid("Datasets are in longitude/latitude; --planar applies to files.");
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("demand", source.dataset(demand, files.file.id));
      if (files.weight != null) {
        p.put("weight", files.weight);
      }
      if (candidates != null) {
        p.put("candidates", files.file.id == null ? candidates : Map.of("dataset", candidates, "label", files.file.id));
      }
      if (existing != null) {
        p.put("existing", files.file.id == null ? existing : Map.of("dataset", existing, "label", files.file.id));
      }
      if (demandCells != null) {
        p.put("demand_h3_resolution", demandCells);
      }
      return p;
    }
  }

  static List<Object> ids(List<Object> siteIds, int[] sites) {
    return Arrays.stream(sites).mapToObj(siteIds::get).toList();
  }

  @Command(name = "pmedian", mixinStandardHelpOptions = true,
      description = "p-median: open p facilities minimising the total (weighted) distance, on an OR-Library file or on files of points.")
  static final class PMedian implements Callable<Integer> {
    @Option(names = "--orlib", description = "An OR-Library pmed file (Beasley's format); prints its instance, p, objective, facilities (vertices from 1).")
    Path orlib;

    @Option(names = "--p", description = "Facilities to add (with --demand; OR-Library files say their own p).")
    Integer p;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--time-limit", defaultValue = "10", description = "Seconds to search at most (default 10); stops sooner when the bound proves the optimum.")
    double timeLimit;

    @picocli.CommandLine.Mixin
    LocationFiles files = new LocationFiles();

    @picocli.CommandLine.Mixin
    LocationDatasets datasets = new LocationDatasets();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Duration limit = limit(timeLimit);
      long start = System.nanoTime();
      Map<String, Object> out = new LinkedHashMap<>();
      if (datasets.demand == null) {
        datasets.source.requireEmbedded();
      }
      if (datasets.demand != null) {
        if (orlib != null) {
          throw invalid("Give either --orlib FILE or --dataset NAME, not both.");
        }
        if (p == null) {
          throw invalid("Say how many facilities to add with --p N.");
        }
        Map<String, Object> parameters = datasets.parameters(files);
        parameters.put("p", p);
        parameters.put("seed", seed);
        parameters.put("time_limit_s", timeLimit);
        // as for files: restarts until the bound proves the optimum or the time limit ends the search
        parameters.put("iterations", 0);
        DatasetAnalysis.Outcome o = datasets.source.run(AnalysisKind.PMEDIAN, parameters);
        print(spec.commandLine().getOut(), DatasetAnalysis.facilities(AnalysisKind.PMEDIAN, o, files.file.id != null));
        return 0;
      }
      if (orlib != null) {
        if (!Files.isRegularFile(orlib)) {
          throw invalid("There is no file at " + orlib + ".");
        }
        OrLibraryInstance instance = kernel(() -> OrLibraryPmedReader.read(orlib));
        // unlimited multi-start iterations: the Lagrangian bound or the time limit ends the search
        PMedianSolution s = kernel(() -> PMedianSolver.solve(instance.problem(),
            PMedianParameters.of(instance.p()).withSeed(seed).withIterations(Integer.MAX_VALUE).withTimeLimit(limit)));
        out.put("instance", instance.name());
        out.put("n", instance.vertexCount());
        out.put("p", instance.p());
        out.put("objective", Math.round(s.objective()) == s.objective() ? (Object) Math.round(s.objective()) : s.objective());
        out.put("facilities", Arrays.stream(s.facilities()).map(f -> f + 1).boxed().toList());
        out.put("lower_bound", s.lowerBound());
        out.put("stop_reason", s.stopReason().name().toLowerCase(Locale.ROOT));
        out.put("seconds", (System.nanoTime() - start) / 1e9);
        print(spec.commandLine().getOut(), out);
        return 0;
      }
      if (p == null) {
        throw invalid("Give --orlib FILE, or --demand FILE or --dataset NAME with --p N.");
      }
      LocationFiles.Problem problem = files.read();
      PMedianSolution s = kernel(() -> PMedianSolver.solve(problem.problem(),
          PMedianParameters.of(p).withSeed(seed).withIterations(Integer.MAX_VALUE).withTimeLimit(limit)));
      out.put("p", p);
      out.put("objective", s.objective());
      out.put("mean_distance_m", s.objective() / Arrays.stream(problem.problem().demandWeights()).sum());
      out.put("facilities", ids(problem.siteIds(), s.facilities()));
      out.put("added", ids(problem.siteIds(), s.addedFacilities()));
      out.put("lower_bound", s.lowerBound());
      out.put("stop_reason", s.stopReason().name().toLowerCase(Locale.ROOT));
      out.put("seconds", (System.nanoTime() - start) / 1e9);
      print(spec.commandLine().getOut(), out);
      return 0;
    }
  }

  @Command(name = "mclp", mixinStandardHelpOptions = true,
      description = "Maximal covering: add p facilities covering the most demand within --coverage-m metres.")
  static final class Mclp implements Callable<Integer> {
    @Option(names = "--p", required = true, description = "Facilities to add.")
    int p;

    @Option(names = "--coverage-m", required = true, description = "A facility covers demand at most this many metres away.")
    double coverage;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--time-limit", defaultValue = "10", description = "Seconds to search at most (default 10).")
    double timeLimit;

    @picocli.CommandLine.Mixin
    LocationFiles files = new LocationFiles();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    LocationDatasets datasets = new LocationDatasets();

    @Override
    public Integer call() {
      if (datasets.demand == null) {
        datasets.source.requireEmbedded();
      }
      if (datasets.demand != null) {
        Map<String, Object> parameters = datasets.parameters(files);
        parameters.put("p", p);
        parameters.put("coverage_m", coverage);
        parameters.put("seed", seed);
        parameters.put("time_limit_s", timeLimit);
        DatasetAnalysis.Outcome o = datasets.source.run(AnalysisKind.MCLP, parameters);
        print(spec.commandLine().getOut(), DatasetAnalysis.facilities(AnalysisKind.MCLP, o, files.file.id != null));
        return 0;
      }
      long start = System.nanoTime();
      LocationFiles.Problem problem = files.read();
      CoveringSolution s = kernel(() -> MaximalCoveringSolver.solve(problem.problem(),
          MaximalCoveringParameters.of(p, coverage).withSeed(seed).withTimeLimit(limit(timeLimit))));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("p", p);
      out.put("coverage_m", coverage);
      out.put("covered", s.coveredDemand());
      out.put("total", s.totalDemand());
      out.put("covered_share", s.coveredShare());
      out.put("upper_bound", s.upperBound());
      out.put("facilities", ids(problem.siteIds(), s.facilities()));
      out.put("added", ids(problem.siteIds(), s.addedFacilities()));
      out.put("stop_reason", s.stopReason().name().toLowerCase(Locale.ROOT));
      out.put("seconds", (System.nanoTime() - start) / 1e9);
      print(spec.commandLine().getOut(), out);
      return 0;
    }
  }

  @Command(name = "setcover", mixinStandardHelpOptions = true,
      description = "Set covering: the fewest added facilities that bring all demand within --coverage-m metres.")
  static final class SetCover implements Callable<Integer> {
    @Option(names = "--coverage-m", required = true, description = "A facility covers demand at most this many metres away.")
    double coverage;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--time-limit", defaultValue = "10", description = "Seconds to search at most (default 10).")
    double timeLimit;

    @picocli.CommandLine.Mixin
    LocationFiles files = new LocationFiles();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    LocationDatasets datasets = new LocationDatasets();

    @Override
    public Integer call() {
      if (datasets.demand == null) {
        datasets.source.requireEmbedded();
      }
      if (datasets.demand != null) {
        Map<String, Object> parameters = datasets.parameters(files);
        parameters.put("coverage_m", coverage);
        parameters.put("seed", seed);
        parameters.put("time_limit_s", timeLimit);
        DatasetAnalysis.Outcome o = datasets.source.run(AnalysisKind.SETCOVER, parameters);
        print(spec.commandLine().getOut(), DatasetAnalysis.facilities(AnalysisKind.SETCOVER, o, files.file.id != null));
        return 0;
      }
      long start = System.nanoTime();
      LocationFiles.Problem problem = files.read();
      SetCoveringSolution s = kernel(() -> SetCoveringSolver.solve(problem.problem(),
          SetCoveringParameters.of(coverage).withSeed(seed).withTimeLimit(limit(timeLimit))));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("coverage_m", coverage);
      out.put("added_count", s.addedFacilities().length);
      out.put("lower_bound", s.lowerBound());
      out.put("facilities", ids(problem.siteIds(), s.facilities()));
      out.put("added", ids(problem.siteIds(), s.addedFacilities()));
      out.put("stop_reason", s.stopReason().name().toLowerCase(Locale.ROOT));
      out.put("seconds", (System.nanoTime() - start) / 1e9);
      print(spec.commandLine().getOut(), out);
      return 0;
    }
  }

  // ---- hot spots, density, clusters

  @Command(name = "hotspot", mixinStandardHelpOptions = true,
      description = "Local hot spots (Gi*, Gi) or local Moran's I with global Moran's I and Geary's C; features in input order.")
  static final class Hotspot implements Callable<Integer> {
    @Option(names = "--input", description = "Features: GeoJSON polygons or points, or a CSV of points.")
    Path input;

    @Option(names = "--dataset", description = "Features from this dataset instead of a file: points, polygons, or rows per district (drawn as the district).")
    String dataset;

    @Option(names = "--value", description = "Property (column, for a dataset) holding the value of each feature (with --h3-resolution: summed per cell; default the points counted).")
    String value;

    @Option(names = "--h3-resolution", description = "With --dataset of points: the points binned into the H3 cells of this resolution (5-12), hot spots among the cells.")
    Integer h3Resolution;

    @Option(names = "--rings", description = "With --h3-resolution: cells within this many steps are neighbours (default 1).")
    Integer rings;

    @Option(names = "--value-from", paramLabel = "DATASET", description = "With --dataset: take --value from this dataset's row of the same district.")
    String valueFrom;

    @Option(names = "--per", description = "Property to divide the value by (a rate: value / per × scale).")
    String per;

    @Option(names = "--per-from", paramLabel = "DATASET", description = "With --dataset: take --per from this dataset's row of the same district.")
    String perFrom;

    @Option(names = "--scale", defaultValue = "1", description = "Multiplies a rate (default 1), e.g. 1000 for per thousand.")
    double scale;

    @Option(names = "--weights", defaultValue = "queen", description = "queen, rook (polygons), knn:K or distance:METRES (default queen).")
    String weights;

    @Option(names = "--statistic", defaultValue = "gistar", description = "gistar, gi or local-moran (default gistar).")
    String statistic;

    @Option(names = "--permutations", defaultValue = "0", description = "Conditional permutations for pseudo p-values (default 0: analytic only).")
    int permutations;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the permutations (default 0).")
    long seed;

    @Option(names = "--fdr", defaultValue = "0.05", description = "False discovery rate for 'significant' (default 0.05).")
    double fdr;

    @Option(names = "--snap", defaultValue = "0", description = "Vertices closer than this (metres, or planar units) count as shared (default 0: exact; datasets always use 0.01 m, as the API does).")
    double snap;

    @picocli.CommandLine.Mixin
    FileOptions file = new FileOptions();

    @picocli.CommandLine.Mixin
    DatasetAnalysis.Source source = new DatasetAnalysis.Source();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatasetAnalysis.requireOne(input, dataset, "--input");
      if (dataset == null) {
        source.requireEmbedded();
      }
      if (dataset != null) {
        return onDataset();
      }
      if (valueFrom != null || perFrom != null) {
        throw invalid("--value-from and --per-from join other datasets; they need --dataset.");
      }
      if (h3Resolution != null || rings != null) {
        throw invalid("--h3-resolution and --rings bin a dataset's points; they need --dataset.");
      }
      if (value == null) {
        throw invalid("Say which property holds each feature's value with --value.");
      }
      LocalStatistic s = switch (statistic.toLowerCase(Locale.ROOT)) {
        case "gistar", "gi*" -> LocalStatistic.GI_STAR;
        case "gi" -> LocalStatistic.GI;
        case "local-moran", "lisa" -> LocalStatistic.LOCAL_MORAN;
        default -> throw invalid("--statistic must be gistar, gi or local-moran, not '" + statistic + "'.");
      };
      WeightsChoice choice;
      try {
        choice = WeightsChoice.parse(weights, "--weights");
      } catch (MadangException e) {
        throw invalid(e.getMessage().replace(".", "") + " (--weights).");
      }
      FeatureFile f = file.read(input);
      double[] values = f.numbers(value, "--value");
      if (per != null) {
        double[] d = f.numbers(per, "--per");
        for (int i = 0; i < values.length; i++) {
          if (d[i] == 0) {
            throw invalid("Feature " + f.ids.get(i) + " has 0 as " + per + " (--per), so its rate is undefined.");
          }
          values[i] = values[i] / d[i] * scale;
        }
      }
      List<String> ids = f.ids.stream().map(String::valueOf).toList();
      if (choice.needsPolygons() && f.geometries == null) {
        throw invalid("Queen and rook contiguity need polygons; " + f.name + " has points, so use --weights knn:K or distance:METRES.");
      }
      SpatialWeights w;
      try {
        w = kernel(() -> choice.build(ids, f.geometries, f.x, f.y, snap, "--weights"));
      } catch (MadangException e) {
        throw invalid(e.getMessage());
      }
      HotspotParameters parameters = kernel(() -> {
        HotspotParameters hp = HotspotParameters.of(s).withFalseDiscoveryRate(fdr);
        return permutations > 0 ? hp.withPermutations(permutations, seed) : hp;
      });
      HotspotResult result = kernel(() -> HotspotAnalysis.run(values, w, parameters));
      Map<String, Object> global = new LinkedHashMap<>();
      global.put("moran_i", result.moran().i());
      global.put("moran_expected", result.moran().expected());
      global.put("moran_z", result.moran().zRandomisation());
      global.put("moran_p", result.moran().pRandomisation());
      global.put("moran_p_normal", result.moran().pNormal());
      global.put("geary_c", result.geary().c());
      global.put("geary_z", result.geary().zRandomisation());
      global.put("geary_p", result.geary().pRandomisation());
      global.put("geary_p_normal", result.geary().pNormal());
      List<Map<String, Object>> features = new ArrayList<>();
      for (int i = 0; i < f.size(); i++) {
        LocalHotspot h = result.feature(i);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", f.ids.get(i));
        o.put("value", values[i]);
        o.put("statistic", h.statistic());
        o.put("z", h.z());
        o.put("p", h.p());
        if (permutations > 0) {
          o.put("p_sim", h.pPermutation());
          o.put("z_sim", h.zPermutation());
        }
        o.put("q", h.q());
        o.put("significant", h.significant());
        o.put("quadrant", h.quadrant().name());
        o.put("class", HotspotClass.of(h, s).code());
        o.put("neighbours", w.neighbourCount(i));
        features.add(o);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("statistic", statistic.toLowerCase(Locale.ROOT));
      out.put("weights", choice.toString());
      out.put("n", f.size());
      out.put("global", global);
      out.put("features", features);
      print(spec.commandLine().getOut(), out);
      return 0;
    }

    private int onDataset() {
      if (file.planar) {
        throw invalid("Datasets are in longitude/latitude; --planar applies to files.");
      }
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("input", source.dataset(dataset, file.id));
      if (h3Resolution != null) {
        return onCells(parameters);
      }
      if (rings != null) {
        throw invalid("--rings goes with --h3-resolution.");
      }
      if (value == null) {
        throw invalid("Say which column holds each feature's value with --value.");
      }
      parameters.put("value", DatasetAnalysis.value(value, valueFrom));
      if (per != null) {
        parameters.put("per", DatasetAnalysis.value(per, perFrom));
        parameters.put("scale", scale);
      } else if (perFrom != null) {
        throw invalid("--per-from names where --per comes from; give --per COLUMN with it.");
      }
      parameters.put("weights", weights);
      parameters.put("statistic", statistic);
      parameters.put("permutations", permutations);
      parameters.put("seed", seed);
      parameters.put("fdr", fdr);
      DatasetAnalysis.Outcome o = source.run(AnalysisKind.HOTSPOT, parameters);
      print(spec.commandLine().getOut(), DatasetAnalysis.hotspot(o, file.id != null, permutations > 0));
      return 0;
    }

    /** Hot spots among the H3 cells of a dataset's points (this form also runs on Spark); features are the cells. */
    private int onCells(Map<String, Object> parameters) {
      if (valueFrom != null || per != null || perFrom != null) {
        throw invalid("--h3-resolution sums --value per cell; --value-from and --per do not apply.");
      }
      if (value != null) {
        parameters.put("value", value);
      }
      parameters.put("h3_resolution", h3Resolution);
      if (rings != null) {
        parameters.put("rings", rings);
      }
      parameters.put("statistic", statistic);
      parameters.put("permutations", permutations);
      parameters.put("seed", seed);
      parameters.put("fdr", fdr);
      DatasetAnalysis.Outcome o = source.run(AnalysisKind.HOTSPOT, parameters);
      print(spec.commandLine().getOut(), DatasetAnalysis.cellHotspots(o, permutations > 0));
      return 0;
    }
  }

  @Command(name = "kde", mixinStandardHelpOptions = true,
      description = "Kernel density of points on a grid; prints the cells with a density of at least a thousandth of the highest.")
  static final class Density implements Callable<Integer> {
    @Option(names = "--input", description = "Points: CSV with lon/lat or GeoJSON.")
    Path input;

    @Option(names = "--dataset", description = "Points from this dataset instead of a file.")
    String dataset;

    @Option(names = "--weight", description = "Property weighting each point (default: 1 each).")
    String weight;

    @Option(names = "--kernel", defaultValue = "quartic", description = "quartic or gaussian (default quartic).")
    String kernel;

    @Option(names = "--bandwidth-m", description = "Bandwidth in metres (default: the rule of thumb, see the output).")
    Double bandwidth;

    @Option(names = "--cell-m", defaultValue = "200", description = "Cell size in metres (default 200).")
    double cell;

    @Option(names = "--h3-resolution", description = "Estimate on the H3 cells of this resolution (0-15) instead of a square grid; needs longitude/latitude input.")
    Integer h3Resolution;

    @picocli.CommandLine.Mixin
    FileOptions file = new FileOptions();

    @picocli.CommandLine.Mixin
    DatasetAnalysis.Source source = new DatasetAnalysis.Source();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatasetAnalysis.requireOne(input, dataset, "--input");
      if (dataset == null) {
        source.requireEmbedded();
      }
      if (dataset != null) {
        if (file.planar) {
          throw invalid("Datasets are in longitude/latitude; --planar applies to files.");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("input", source.dataset(dataset, null));
        if (weight != null) {
          parameters.put("weight", weight);
        }
        parameters.put("kernel", kernel);
        if (bandwidth != null) {
          parameters.put("bandwidth_m", bandwidth);
        }
        if (h3Resolution != null) {
          parameters.put("h3_resolution", h3Resolution);
        } else {
          parameters.put("cell_m", cell);
        }
        print(spec.commandLine().getOut(), DatasetAnalysis.density(source.run(AnalysisKind.KDE, parameters)));
        return 0;
      }
      Kernel k = switch (kernel.toLowerCase(Locale.ROOT)) {
        case "quartic" -> Kernel.QUARTIC;
        case "gaussian" -> Kernel.GAUSSIAN;
        default -> throw invalid("--kernel must be quartic or gaussian, not '" + kernel + "'.");
      };
      FeatureFile f = file.read(input);
      double[] w = weight == null ? null : f.numbers(weight, "--weight");
      KernelDensityParameters parameters = kernel(() -> new KernelDensityParameters(k, bandwidth == null ? Double.NaN : bandwidth, cell));
      if (h3Resolution != null) {
        return onH3Cells(f, w, parameters, k);
      }
      DensityGrid grid = kernel(() -> KernelDensity.onGrid(f.x, f.y, w, parameters));
      double max = Arrays.stream(grid.densities()).max().orElse(0);
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int r = 0; r < grid.rows(); r++) {
        for (int c = 0; c < grid.columns(); c++) {
          double d = grid.density(c, r);
          if (d > 0 && d >= max / 1000) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put(f.projection == null ? "x" : "lon", f.longitude(grid.centreX(c)));
            o.put(f.projection == null ? "y" : "lat", f.latitude(grid.centreY(r)));
            o.put("density_per_km2", d * 1e6);
            cells.add(o);
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("points", f.size());
      out.put("kernel", k.name().toLowerCase(Locale.ROOT));
      out.put("bandwidth_m", grid.bandwidth_m());
      out.put("cell_m", grid.cellSize_m());
      out.put("total_weight", grid.integral());
      out.put("cells", cells);
      print(spec.commandLine().getOut(), out);
      return 0;
    }

    private int onH3Cells(FeatureFile f, double[] w, KernelDensityParameters parameters, Kernel k) {
      if (f.lat == null || f.projection == null) {
        throw invalid("--h3-resolution needs points in longitude/latitude.");
      }
      H3Density density = kernel(() -> KernelDensity.onH3Cells(f.lat, f.lon, w, h3Resolution, parameters));
      double max = Arrays.stream(density.densities()).max().orElse(0);
      List<Map<String, Object>> cells = new ArrayList<>();
      for (int i = 0; i < density.size(); i++) {
        if (density.density(i) > 0 && density.density(i) >= max / 1000) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("h3", H3Binner.toAddress(density.cell(i)));
          o.put("density_per_km2", density.density(i) * 1e6);
          cells.add(o);
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("points", f.size());
      out.put("kernel", k.name().toLowerCase(Locale.ROOT));
      out.put("bandwidth_m", density.bandwidth_m());
      out.put("h3_resolution", density.resolution());
      out.put("total_weight", density.integral());
      out.put("cells", cells);
      print(spec.commandLine().getOut(), out);
      return 0;
    }
  }

  @Command(name = "dbscan", mixinStandardHelpOptions = true, description = "DBSCAN clusters of points; prints each point's cluster (-1: noise).")
  static final class Dbscan implements Callable<Integer> {
    @Option(names = "--input", description = "Points: CSV with lon/lat or GeoJSON.")
    Path input;

    @Option(names = "--dataset", description = "Points from this dataset instead of a file.")
    String dataset;

    @Option(names = "--eps-m", required = true, description = "Neighbourhood radius in metres.")
    double eps;

    @Option(names = "--min-points", defaultValue = "5", description = "Points (itself included) a core point's neighbourhood needs (default 5).")
    int minPoints;

    @picocli.CommandLine.Mixin
    FileOptions file = new FileOptions();

    @picocli.CommandLine.Mixin
    DatasetAnalysis.Source source = new DatasetAnalysis.Source();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      DatasetAnalysis.requireOne(input, dataset, "--input");
      if (dataset == null) {
        source.requireEmbedded();
      }
      if (dataset != null) {
        if (file.planar) {
          throw invalid("Datasets are in longitude/latitude; --planar applies to files.");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("input", source.dataset(dataset, file.id));
        parameters.put("eps_m", eps);
        parameters.put("min_points", minPoints);
        print(spec.commandLine().getOut(), DatasetAnalysis.dbscan(source.run(AnalysisKind.DBSCAN, parameters), file.id != null));
        return 0;
      }
      DbscanParameters parameters = kernel(() -> new DbscanParameters(eps, minPoints));
      FeatureFile f = file.read(input);
      DbscanResult result = kernel(() -> DbscanClustering.run(f.x, f.y, parameters));
      List<Map<String, Object>> points = new ArrayList<>();
      for (int i = 0; i < f.size(); i++) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", f.ids.get(i));
        o.put("cluster", result.label(i));
        o.put("core", result.isCore(i));
        points.add(o);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("clusters", result.clusterCount());
      out.put("noise", result.noiseCount());
      out.put("cluster_sizes", Arrays.stream(result.clusterSizes()).boxed().toList());
      out.put("points", points);
      print(spec.commandLine().getOut(), out);
      return 0;
    }
  }
}
