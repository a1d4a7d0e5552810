package org.madang.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.engine.DataEngine;
import org.madang.engine.EngineOptions;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisProgress;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.geo.DistrictBoundaries;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OD aggregation + Gi* pipeline on one engine, for run-bench.sh: {@code ScaleBenchmark <trips.csv> embedded|spark
 * <work-dir>}. Embedded: ingest the trips into DuckDB (located by their origins), the demand matrix between H3
 * resolution-8 cells, then Gi* over the origins' cells. Spark (local[2], in this JVM): the same two steps as jobs on
 * the raw CSV, and Gi* z from the neighbourhood sums through the kernel. Prints one JSON line with the times and the
 * JVM's peak resident memory (VmHWM).
 */
final class ScaleBenchmark {

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path trips = Path.of(args[0]).toAbsolutePath();
    String engine = args[1];
    Path work = Files.createDirectories(Path.of(args[2]).toAbsolutePath());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("engine", engine);
    out.put("trips_file", trips.toString());
    long start = System.nanoTime();
    if (engine.equals("embedded")) {
      embedded(trips, work, out);
    } else {
      spark(trips, work, out);
    }
    out.put("total_s", seconds(start));
    out.put("peak_rss_mb", peakRssMb());
    System.out.println(JsonMapper.shared().writeValueAsString(out));
    System.exit(0);
  }

  private static void embedded(Path trips, Path work, Map<String, Object> out) throws IOException {
    DistrictIndex seoul;
    try (InputStream in = Files.newInputStream(SeoulWarehouse.DEMO.resolve("seoul_gu_juso2015_simple.geojson"))) {
      seoul = DistrictBoundaries.readSeoulGu(in);
    }
    try (DataEngine engine = DataEngine.open(new EngineOptions(work.resolve("data"), seoul, 9, 1L << 40, 1024, 1L << 40, "8GB", 2))) {
      long t = System.nanoTime();
      StagedVersion v = engine.stage(IngestRequest.of("trips", 1, trips).withCoordinates("from_lat", "from_lon").withAllowOutsideArea(true), IngestProgress.NONE);
      v.publish();
      out.put("ingest_s", seconds(t));
      Map<String, String> tables = Map.of("trips", v.tableName());
      t = System.nanoTime();
      AnalysisResult matrix = engine.analyses().run(AnalysisRequest.parse(AnalysisKind.AGGREGATE, JsonMapper.shared().readTree("""
          {"flows": {"dataset": "trips", "from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat", "trips": "trips"},
           "by": "h3", "h3_resolution": 8}""")), tables, AnalysisProgress.NONE, () -> false);
      out.put("od_matrix_s", seconds(t));
      out.put("pairs", matrix.rowCount());
      t = System.nanoTime();
      AnalysisResult hot = engine.analyses().run(AnalysisRequest.parse(AnalysisKind.HOTSPOT, JsonMapper.shared().readTree("""
          {"input": "trips", "value": "trips", "h3_resolution": 8}""")), tables, AnalysisProgress.NONE, () -> false);
      out.put("gistar_s", seconds(t));
      out.put("cells", hot.rowCount());
    }
  }

  private static void spark(Path trips, Path work, Map<String, Object> out) throws IOException {
    long t = System.nanoTime();
    SparkSession spark = SparkAnalysisJob.session(new SparkConf(), "local[2]", "bench");
    out.put("spark_start_s", seconds(t));
    String mapping = "\"columns\": {\"from_lon\": \"from_lon\", \"from_lat\": \"from_lat\", \"to_lon\": \"to_lon\", \"to_lat\": \"to_lat\", \"trips\": \"trips\"}";
    Path od = Files.createDirectories(work.resolve("od"));
    Files.writeString(od.resolve("job.json"), """
        {"format": 1, "kind": "aggregate", "parameters": {"mode": "flows", "by": "h3", "h3_resolution": 8, "coordinates": true},
         "inputs": {"flows": {"path": "%s", "format": "csv", %s}}, "output": "%s"}""".formatted(trips, mapping, od.resolve("output")));
    t = System.nanoTime();
    out.put("pairs", SparkAnalysisJob.execute(spark, JobFile.read(od.resolve("job.json"))));
    out.put("od_matrix_s", seconds(t));
    Path hot = Files.createDirectories(work.resolve("hotspot"));
    Files.writeString(hot.resolve("job.json"), """
        {"format": 1, "kind": "hotspot", "parameters": {"h3_resolution": 8, "rings": 1, "statistic": "gistar", "valued": true},
         "inputs": {"input": {"path": "%s", "format": "csv", "columns": {"lon": "from_lon", "lat": "from_lat", "value": "trips"}}}, "output": "%s"}"""
        .formatted(trips, hot.resolve("output")));
    t = System.nanoTime();
    out.put("cells", SparkAnalysisJob.execute(spark, JobFile.read(hot.resolve("job.json"))));
    List<Row> cells = spark.read().parquet(hot.resolve("output/rows").toString()).orderBy("h3_address").collectAsList();
    int n = cells.size();
    double[] values = new double[n];
    double[] lag = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = cells.get(i).getDouble(2);
      lag[i] = cells.get(i).getDouble(3);
      weights[i] = cells.get(i).getDouble(4);
    }
    double[] z = HotspotAnalysis.getisOrdFromSums(values, lag, weights, true).z();
    out.put("gistar_s", seconds(t));
    out.put("max_z", java.util.Arrays.stream(z).max().orElse(Double.NaN));
    spark.stop();
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
}
