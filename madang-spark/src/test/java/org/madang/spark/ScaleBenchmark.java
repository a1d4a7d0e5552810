package org.madang.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.EngineOptions;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisProgress;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.analysis.SparkJob;
import org.madang.engine.geo.DistrictBoundaries;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OD aggregation + Gi* pipeline on one engine, for run-bench.sh: {@code ScaleBenchmark <trips.csv> embedded|spark
 * <work-dir>}. Both sides first ingest the trips into DuckDB (located by their origins), so both read the same rows:
 * the demand matrix between H3 resolution-8 cells, then Gi* over the origins' cells. Embedded: both analyses on the
 * engine (grouped inside DuckDB, Gi* by the kernel). Spark (local[2], in this JVM): the engine exports each analysis's
 * rows as Parquet ({@link org.madang.engine.analysis.AnalysisRunner#prepareSpark}, as the app does, timed as {@code
 * export_s}), Spark runs the jobs and the engine reads their results back ({@code readSparkResult}), so both sides
 * report the same pairs and cells.
 *
 * <p>Prints one JSON line with the times and the JVM's peak resident memory (VmHWM): {@code ingest_peak_rss_mb} up to
 * the end of the ingest (and the Spark side's export), and {@code peak_rss_mb} for the analyses alone (the peak is reset
 * after the ingest through /proc/self/clear_refs; {@code peak_rss_reset} says whether that worked, else both are the
 * whole run's peak).
 */
final class ScaleBenchmark {

  private static final JsonMapper JSON = JsonMapper.shared();

  private ScaleBenchmark() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      // Spark's threads would keep a failed run's JVM alive: end it, with the cause in the log
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args) throws IOException {
    Path trips = Path.of(args[0]).toAbsolutePath();
    String engine = args[1];
    Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", engine);
    out.put("trips_file", trips.toString());
    long start = System.nanoTime();
    DistrictIndex seoul;
    try (InputStream in = Files.newInputStream(SeoulWarehouse.DEMO.resolve("seoul_gu_juso2015_simple.geojson"))) {
      seoul = DistrictBoundaries.readSeoulGu(in);
    }
    try (DataEngine data = DataEngine.open(new EngineOptions(work.resolve("data"), seoul, 9, 1L << 40, 1024, 1L << 40, "8GB", 2))) {
      long t = System.nanoTime();
      StagedVersion v = data.stage(IngestRequest.of("trips", 1, trips).withCoordinates("from_lat", "from_lon").withAllowOutsideArea(true), IngestProgress.NONE);
      v.publish();
      out.put("ingest_s", seconds(t));
      Map<String, String> tables = Map.of("trips", v.tableName());
      AnalysisRequest matrix = AnalysisRequest.parse(AnalysisKind.AGGREGATE, JSON.readTree("""
          {"flows": {"dataset": "trips", "from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat", "trips": "trips"},
           "by": "h3", "h3_resolution": 8}"""));
      AnalysisRequest hotspot = AnalysisRequest.parse(AnalysisKind.HOTSPOT, JSON.readTree("""
          {"input": "trips", "value": "trips", "h3_resolution": 8}"""));
      if (engine.equals("embedded")) {
        out.put("ingest_peak_rss_mb", peakRssMb());
        out.put("peak_rss_reset", resetPeakRss());
        embedded(data, tables, matrix, hotspot, out);
      } else {
        spark(data, tables, matrix, hotspot, work, out);
      }
    }
    out.put("total_s", seconds(start));
    out.put("peak_rss_mb", peakRssMb());
    System.out.println(JSON.writeValueAsString(out));
  }

  private static void embedded(DataEngine data, Map<String, String> tables, AnalysisRequest matrix, AnalysisRequest hotspot, Map<String, Object> out) {
    long t = System.nanoTime();
    AnalysisResult pairs = data.analyses().run(matrix, tables, AnalysisProgress.NONE, () -> false);
    out.put("od_matrix_s", seconds(t));
    t = System.nanoTime();
    AnalysisResult cells = data.analyses().run(hotspot, tables, AnalysisProgress.NONE, () -> false);
    out.put("gistar_s", seconds(t));
    counts(pairs, cells, out);
  }

  private static void spark(
      DataEngine data, Map<String, String> tables, AnalysisRequest matrix, AnalysisRequest hotspot, Path work, Map<String, Object> out) throws IOException {
    long t = System.nanoTime();
    SparkJob matrixJob = data.analyses().prepareSpark(matrix, tables, work.resolve("od"));
    SparkJob hotspotJob = data.analyses().prepareSpark(hotspot, tables, work.resolve("hotspot"));
    out.put("export_s", seconds(t));
    out.put("ingest_peak_rss_mb", peakRssMb());
    out.put("peak_rss_reset", resetPeakRss());
    t = System.nanoTime();
    SparkSession spark = SparkAnalysisJob.session(new SparkConf(), "local[2]", "bench");
    out.put("spark_start_s", seconds(t));
    t = System.nanoTime();
    SparkAnalysisJob.execute(spark, JobFile.read(matrixJob.jobFile()));
    AnalysisResult pairs = data.analyses().readSparkResult(matrixJob, matrix);
    out.put("od_matrix_s", seconds(t));
    t = System.nanoTime();
    SparkAnalysisJob.execute(spark, JobFile.read(hotspotJob.jobFile()));
    AnalysisResult cells = data.analyses().readSparkResult(hotspotJob, hotspot);
    out.put("gistar_s", seconds(t));
    spark.stop();
    counts(pairs, cells, out);
  }

  /** What both sides must agree on: the pairs, the cells, the rows each counted and the strongest hot spot. */
  private static void counts(AnalysisResult pairs, AnalysisResult cells, Map<String, Object> out) {
    out.put("pairs", pairs.rowCount());
    out.put("flows", pairs.summary().get("flows"));
    out.put("flows_left_out", pairs.summary().get("left_out"));
    out.put("cells", cells.rowCount());
    out.put("points", cells.summary().get("points"));
    out.put("max_z", cells.rows().stream().mapToDouble(r -> ((Number) r.get("z")).doubleValue()).max().orElse(Double.NaN));
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
  }

  private static long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** Resets the peak resident memory to the current one (Linux 4.0+), so that the next reading covers what follows. */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
