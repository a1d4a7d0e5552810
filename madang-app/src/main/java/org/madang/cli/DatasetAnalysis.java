package org.madang.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.madang.MadangProperties;
import org.madang.analyses.SparkSubmission;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisProgress;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.analysis.SparkJob;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code madang analyze KIND --dataset NAME}: the analysis runs through the engine's analysis path over a catalog
 * dataset ({@link AnalysisRequest}, the parameters the API takes), on the local data dir or, with {@code --server}, as
 * a job on a running server whose result stays in its catalog. Its summary and rows are printed in the same JSON shape
 * as the same analysis of a file, so scripts need not care where the data came from.
 */
final class DatasetAnalysis {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DatasetAnalysis() {}

  /** What an analysis of datasets produced: the engine's summary and the result's rows in order. */
  record Outcome(Map<String, Object> summary, List<Map<String, Object>> rows) {}

  /** Where datasets are read: the local data dir or a server; and which rows of the main dataset count. */
  static final class Source {
    @Option(names = "--filter", paramLabel = "COLUMN=VALUE", description = "Only the dataset's rows whose column has this value (repeatable), e.g. --filter 연도=2023.")
    Map<String, String> filter = new TreeMap<>();

    @Mixin
    ServeCommand.StoreOptions store = new ServeCommand.StoreOptions();

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Option(names = "--engine", defaultValue = "embedded", description = "Where the analysis runs: embedded (default) or spark.")
    String engine = "embedded";

    @Option(names = "--master", description = "The Spark master with --engine spark: local[2], spark://HOST:7077, ... (default: madang.spark.master).")
    String master;

    /** {@code "name"}, or {@code {"dataset", "filter", "label"}} when rows are filtered or named by a column. */
    Object dataset(String name, String label) {
      if (filter.isEmpty() && label == null) {
        return name;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("dataset", name);
      if (!filter.isEmpty()) {
        d.put("filter", filter);
      }
      if (label != null) {
        d.put("label", label);
      }
      return d;
    }

    Outcome run(AnalysisKind kind, Map<String, Object> parameters) {
      ObjectNode json = JSON.valueToTree(parameters);
      boolean onSpark = onSpark();
      if (master != null && !onSpark) {
        throw AnalyzeCommand.invalid("--master goes with --engine spark.");
      }
      if (remote.server != null) {
        if (master != null) {
          throw AnalyzeCommand.invalid("--master cannot be chosen for a server: the server's madang.spark.master applies.");
        }
        if (onSpark) {
          json.put("engine", "spark");
        }
        return new RemoteClient(remote).analyse(kind, json);
      }
      // checked before the application starts, so that a wrong parameter is reported at once
      AnalysisRequest request = AnalysisRequest.parse(kind, json);
      try (ConfigurableApplicationContext context = LocalContext.start(store)) {
        DataEngine engine = context.getBean(DataEngine.class);
        if (!onSpark) {
          AnalysisResult result = engine.analyses().run(request, Map.of(), AnalysisProgress.NONE, () -> false);
          return new Outcome(result.summary(), result.rows());
        }
        MadangProperties properties = context.getBean(MadangProperties.class);
        SparkSubmission spark = new SparkSubmission(properties.spark());
        if (!spark.available()) {
          throw new MadangException(ErrorCode.INSUFFICIENT_RESOURCES,
              "Spark is not set up here: build madang-spark (mvn package) or set madang.spark.home.");
        }
        Path work = Files.createTempDirectory(properties.dataDir().toAbsolutePath(), "spark-cli-");
        try {
          SparkJob job = engine.analyses().prepareSpark(request, Map.of(), work);
          spark.run(job.jobFile(), master, p -> {}, () -> false);
          AnalysisResult result = engine.analyses().readSparkResult(job, request);
          return new Outcome(result.summary(), result.rows());
        } finally {
          FileSystemUtils.deleteRecursively(work);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Files are analysed in this process; Spark reads datasets (ingest the file first). */
    void requireEmbedded() {
      if (onSpark() || master != null) {
        throw AnalyzeCommand.invalid("--engine spark analyses datasets: ingest the file with `madang ingest` and give --dataset NAME.");
      }
    }

    private boolean onSpark() {
      return switch (engine == null ? "" : engine.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "embedded" -> false;
        case "spark" -> true;
        default -> throw AnalyzeCommand.invalid("--engine must be embedded or spark.");
      };
    }
  }

  /** Exactly one of a file and a dataset; else one sentence naming both options. */
  static void requireOne(Object file, String dataset, String fileOption) {
    if (file == null && dataset == null) {
      throw AnalyzeCommand.invalid("Give " + fileOption + " FILE or --dataset NAME.");
    }
    if (file != null && dataset != null) {
      throw AnalyzeCommand.invalid("Give either " + fileOption + " FILE or --dataset NAME, not both.");
    }
  }

  /** A number from another dataset's row with the same district, or the main dataset's own column. */
  static Object value(String column, String fromDataset) {
    return fromDataset == null ? column : Map.of("dataset", fromDataset, "column", column);
  }

  // ---- the file commands' JSON shapes, from the engine's summary and rows

  static Map<String, Object> hotspot(Outcome o, boolean namedById, boolean permutations) {
    Map<String, Object> s = o.summary();
    Map<String, Object> global = new LinkedHashMap<>();
    for (String key : List.of("moran_i", "moran_expected", "moran_z", "moran_p", "moran_p_normal", "geary_c", "geary_z", "geary_p", "geary_p_normal")) {
      global.put(key, s.get(key));
    }
    List<Map<String, Object>> features = new ArrayList<>();
    for (Map<String, Object> row : o.rows()) {
      Map<String, Object> f = new LinkedHashMap<>();
      // cells (hot spots among H3 cells) have no source row; cellHotspots names them by their address
      f.put("id", namedById ? row.get("name") : row.get("source_id") == null ? null : integer(row.get("source_id")));
      f.put("value", row.get("value"));
      f.put("statistic", row.get("statistic"));
      f.put("z", row.get("z"));
      f.put("p", row.get("p"));
      if (permutations) {
        f.put("p_sim", row.get("p_sim"));
        f.put("z_sim", row.get("z_sim"));
      }
      f.put("q", row.get("q"));
      f.put("significant", bool(row.get("significant")));
      f.put("quadrant", row.get("quadrant"));
      f.put("class", row.get("hotspot_class"));
      f.put("neighbours", integer(row.get("neighbours")));
      features.add(f);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statistic", s.get("statistic"));
    out.put("weights", s.get("weights"));
    out.put("n", s.get("features"));
    out.put("global", global);
    out.put("features", features);
    return out;
  }

  /** Hot spots among H3 cells: the hot spot shape with each feature named by its cell and counting its points. */
  static Map<String, Object> cellHotspots(Outcome o, boolean permutations) {
    Map<String, Object> out = hotspot(o, false, permutations);
    List<Map<String, Object>> features = new ArrayList<>();
    List<Map<String, Object>> rows = o.rows();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shaped = (List<Map<String, Object>>) out.get("features");
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("h3", rows.get(i).get("h3_address"));
      f.put("points", integer(rows.get(i).get("points")));
      shaped.get(i).forEach((k, v) -> {
        if (!k.equals("id")) {
          f.put(k, v);
        }
      });
      features.add(f);
    }
    out.put("h3_resolution", o.summary().get("h3_resolution"));
    out.put("features", features);
    return out;
  }

  static Map<String, Object> density(Outcome o) {
    Map<String, Object> s = o.summary();
    boolean h3 = s.get("h3_resolution") != null;
    List<Map<String, Object>> cells = new ArrayList<>();
    for (Map<String, Object> row : o.rows()) {
      Map<String, Object> c = new LinkedHashMap<>();
      if (h3) {
        c.put("h3", row.get("h3_address"));
      } else {
        c.put("lon", row.get("lon"));
        c.put("lat", row.get("lat"));
      }
      c.put("density_per_km2", row.get("density_per_km2"));
      cells.add(c);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("points", s.get("points"));
    out.put("kernel", s.get("kernel"));
    out.put("bandwidth_m", s.get("bandwidth_m"));
    out.put(h3 ? "h3_resolution" : "cell_m", s.get(h3 ? "h3_resolution" : "cell_m"));
    out.put("total_weight", s.get("total_weight"));
    out.put("cells", cells);
    return out;
  }

  static Map<String, Object> dbscan(Outcome o, boolean namedById) {
    List<Map<String, Object>> points = new ArrayList<>();
    Map<Long, Integer> sizes = new TreeMap<>();
    for (Map<String, Object> row : o.rows()) {
      long cluster = integer(row.get("cluster"));
      if (cluster >= 0) {
        sizes.merge(cluster, 1, Integer::sum);
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", namedById ? row.get("name") : integer(row.get("source_id")));
      p.put("cluster", cluster);
      p.put("core", bool(row.get("core")));
      points.add(p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clusters", o.summary().get("clusters"));
    out.put("noise", o.summary().get("noise"));
    out.put("cluster_sizes", new ArrayList<>(sizes.values()));
    out.put("points", points);
    return out;
  }

  /** p-median, maximal covering or set covering: the open and added sites by their rows' ids (or names). */
  static Map<String, Object> facilities(AnalysisKind kind, Outcome o, boolean namedById) {
    Map<String, Object> s = o.summary();
    List<Object> open = new ArrayList<>();
    List<Object> added = new ArrayList<>();
    for (Map<String, Object> row : o.rows()) {
      Object role = row.get("facility_role");
      if ("existing".equals(role) || "added".equals(role)) {
        Object id = namedById ? row.get("name") : integer(row.get("source_id"));
        open.add(id);
        if ("added".equals(role)) {
          added.add(id);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    switch (kind) {
      case PMEDIAN -> {
        out.put("p", s.get("p"));
        out.put("objective", s.get("objective"));
        out.put("mean_distance_m", s.get("mean_distance_m"));
        out.put("facilities", open);
        out.put("added", added);
        out.put("lower_bound", s.get("lower_bound"));
      }
      case MCLP -> {
        out.put("p", s.get("p"));
        out.put("coverage_m", s.get("coverage_m"));
        out.put("covered", s.get("covered_weight"));
        out.put("total", s.get("demand_weight"));
        out.put("covered_share", s.get("covered_share"));
        out.put("upper_bound", s.get("upper_bound"));
        out.put("facilities", open);
        out.put("added", added);
      }
      case SETCOVER -> {
        out.put("coverage_m", s.get("coverage_m"));
        out.put("added_count", s.get("facilities_added"));
        out.put("lower_bound", s.get("lower_bound"));
        out.put("facilities", open);
        out.put("added", added);
      }
      default -> throw new IllegalArgumentException(kind + " places no facilities");
    }
    out.put("stop_reason", s.get("stop_reason"));
    out.put("seconds", s.get("seconds"));
    return out;
  }

  /** Whole numbers as longs, whether they came from the engine (Long) or from JSON (Integer, Long, Double, text). */
  private static long integer(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String text) {
      try {
        return (long) Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new MadangException(ErrorCode.INTERNAL, "The result holds '" + text + "' where a whole number belongs.");
      }
    }
    throw new MadangException(ErrorCode.INTERNAL, "The result holds no whole number where one belongs.");
  }

  private static Object bool(Object v) {
    return v instanceof String text ? Boolean.valueOf(text) : v;
  }
}
