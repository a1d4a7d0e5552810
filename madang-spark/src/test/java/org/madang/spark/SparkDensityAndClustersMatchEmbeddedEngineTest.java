package org.madang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.analysis.SparkJob;
import org.madang.spark.SparkMatchesEmbeddedEngineTest.Pair;

/**
 * Kernel density (square and H3 cells, given bandwidth and by rule) and DBSCAN on Spark local[2] against the embedded
 * engine on the demo's real bus stops and bike stations: the same cells with densities within 1e-9 relative, the same
 * summary; the same clusters up to label order (in fact the same labels), the same core and noise points, also with
 * tiles so small that clusters span many of them.
 */
class SparkDensityAndClustersMatchEmbeddedEngineTest {

  @BeforeAll
  static void open() {
    SparkMatchesEmbeddedEngineTest.open();
  }

  static Pair both(AnalysisKind kind, String parameters) {
    return SparkMatchesEmbeddedEngineTest.both(kind, parameters);
  }

  @Test
  void estimatesTheBusStopDensityOnSquareCellsAsTheEmbeddedEngineDoes() {
    Pair p = both(AnalysisKind.KDE, """
        {"input": "bus-stops", "bandwidth_m": 500, "cell_m": 250}""");
    assertThat(p.embedded().rowCount()).isGreaterThan(5_000);
    assertSameCells(p, null);
  }

  @Test
  void estimatesTheBikeDockDensityWithABandwidthByRuleAndAGaussianKernel() {
    Pair p = both(AnalysisKind.KDE, """
        {"input": "bike-stations", "weight": "LCD 거치대수", "kernel": "gaussian", "cell_m": 400}""");
    assertThat(p.embedded().summary().get("bandwidth_by_rule")).isEqualTo(true);
    assertSameCells(p, null);
  }

  @Test
  void estimatesTheBusStopDensityOnH3CellsAsTheEmbeddedEngineDoes() {
    Pair p = both(AnalysisKind.KDE, """
        {"input": "bus-stops", "h3_resolution": 8}""");
    assertThat(p.embedded().rowCount()).isGreaterThan(300);
    assertSameCells(p, null);
  }

  @Test
  void clustersTheBusStopsAsTheEmbeddedEngineDoes() {
    Pair p = both(AnalysisKind.DBSCAN, """
        {"input": "bus-stops", "eps_m": 150, "min_points": 6}""");
    assertThat((Integer) p.embedded().summary().get("clusters")).isGreaterThan(20);
    assertThat((Integer) p.embedded().summary().get("noise")).isGreaterThan(100);
    assertSameClusters(p);
  }

  @Test
  void clustersTheBikeStationsOnTilesSoSmallThatClustersSpanManyOfThem() {
    String parameters = """
        {"input": "bike-stations", "eps_m": 250, "min_points": 4}""";
    AnalysisRequest request = AnalysisRequest.parse(AnalysisKind.DBSCAN, SparkMatchesEmbeddedEngineTest.JSON.readTree(parameters));
    AnalysisResult embedded = SparkMatchesEmbeddedEngineTest.embedded(request);
    // tiles of 4·eps = 1 km: a cluster 1.5 km across lies on at least two of them
    assertThat(widestCluster_m(embedded.rows())).isGreaterThan(1500);
    SeoulWarehouse seoul = SparkMatchesEmbeddedEngineTest.seoul;
    SparkJob job = seoul.engine.analyses().prepareSpark(request, seoul.tables, seoul.dir.resolve("spark-" + UUID.randomUUID()));
    SparkAnalysisJob.execute(LocalSpark.session(), JobFile.read(job.jobFile()));
    Pair p = new Pair(embedded, seoul.engine.analyses().readSparkResult(job, request));
    assertSameClusters(p);
  }

  @Test
  void refusesANegativeWeightInRawDataNamingTheWeightAndWritesNoOutput() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createDirectories(SparkMatchesEmbeddedEngineTest.seoul.dir.resolve("raw-kde-" + UUID.randomUUID()));
    java.nio.file.Path csv = java.nio.file.Files.writeString(dir.resolve("docks.csv"), "x,y,docks\n126.97,37.56,10\n126.98,37.57,-3\n126.99,37.55,7\n");
    java.nio.file.Path jobFile = java.nio.file.Files.writeString(dir.resolve("job.json"), """
        {"format": 1, "kind": "kde",
         "parameters": {"kernel": "quartic", "bandwidth_m": 500, "cell_m": 100, "h3_resolution": null, "weighted": true,
                        "projection": {"lon0": 126.98, "lat0": 37.56, "metres_per_radian_x": 5066000.0, "metres_per_radian_y": 6357000.0}},
         "inputs": {"input": {"path": "%s", "format": "csv", "columns": {"lon": "x", "lat": "y", "value": "docks"}}},
         "output": "%s"}""".formatted(csv.toAbsolutePath(), dir.resolve("output").toAbsolutePath()));
    JobFailure f = org.assertj.core.api.Assertions.catchThrowableOfType(JobFailure.class,
        () -> SparkAnalysisJob.execute(LocalSpark.session(), JobFile.read(jobFile)));
    assertThat(f.code()).isEqualTo(JobFailure.Code.INVALID_ARGUMENT);
    assertThat(f.field()).isEqualTo("weight");
    assertThat(f.getMessage()).contains("-3.0");
    assertThat(dir.resolve("output")).doesNotExist();
  }

  /** The largest east-west or north-south extent of a cluster, in metres (roughly: degrees at Seoul's latitude). */
  static double widestCluster_m(List<Map<String, Object>> rows) {
    Map<Object, double[]> boxes = new HashMap<>();
    for (Map<String, Object> r : rows) {
      if (((Number) r.get("cluster")).longValue() < 0) {
        continue;
      }
      double lon = ((Number) r.get("lon")).doubleValue();
      double lat = ((Number) r.get("lat")).doubleValue();
      double[] b = boxes.computeIfAbsent(r.get("cluster"), k -> new double[] {lon, lat, lon, lat});
      b[0] = Math.min(b[0], lon);
      b[1] = Math.min(b[1], lat);
      b[2] = Math.max(b[2], lon);
      b[3] = Math.max(b[3], lat);
    }
    return boxes.values().stream().mapToDouble(b -> Math.max((b[2] - b[0]) * 88_000, (b[3] - b[1]) * 111_000)).max().orElse(0);
  }

  /** The same cells (ordered by their key, or as they come when null) with numbers within 1e-9 relative, and the same summary. */
  static void assertSameCells(Pair p, String key) {
    assertSummaryWithin(p.embedded().summary(), p.spark().summary());
    List<Map<String, Object>> a = sorted(p.embedded().rows(), key);
    List<Map<String, Object>> b = sorted(p.spark().rows(), key);
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      Map<String, Object> x = a.get(i);
      Map<String, Object> y = b.get(i);
      assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
      for (String column : x.keySet()) {
        assertSameValue(x.get(column), y.get(column), "row " + i + " " + column);
      }
    }
  }

  static void assertSummaryWithin(Map<String, Object> a, Map<String, Object> b) {
    assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
    for (String k : a.keySet()) {
      assertSameValue(a.get(k), b.get(k), "summary " + k);
    }
  }

  static void assertSameValue(Object x, Object y, String what) {
    if (x instanceof Double dx && y instanceof Double dy) {
      assertThat(dy).as(what).isCloseTo(dx, Offset.offset(Math.abs(dx) * 1e-9 + 1e-12));
    } else if (x instanceof List<?> lx && y instanceof List<?> ly) {
      assertThat(ly).as(what).hasSameSizeAs(lx);
      for (int i = 0; i < lx.size(); i++) {
        assertSameValue(lx.get(i), ly.get(i), what + "[" + i + "]");
      }
    } else if (x instanceof String sx && sx.startsWith("POINT") && y instanceof String sy) {
      // a square cell's centre: the same grid on both, so the same coordinates to the last digit
      assertThat(sy).as(what).isEqualTo(sx);
    } else {
      assertThat(y).as(what).isEqualTo(x);
    }
  }

  static List<Map<String, Object>> sorted(List<Map<String, Object>> rows, String key) {
    List<Map<String, Object>> out = new ArrayList<>(rows);
    if (key == null) {
      return out;
    }
    out.sort(Comparator.comparing(r -> String.valueOf(r.get(key))));
    return out;
  }

  /** The same points in the same order, the same core flags and noise, and clusters equal up to their numbering. */
  static void assertSameClusters(Pair p) {
    assertThat(p.spark().summary()).isEqualTo(p.embedded().summary());
    List<Map<String, Object>> a = p.embedded().rows();
    List<Map<String, Object>> b = p.spark().rows();
    assertThat(b).hasSameSizeAs(a);
    Map<Object, Object> relabel = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      Map<String, Object> x = a.get(i);
      Map<String, Object> y = b.get(i);
      assertThat(y.get("source_id")).isEqualTo(x.get("source_id"));
      assertThat(y.get("core")).as("core of %s", x.get("source_id")).isEqualTo(x.get("core"));
      Object ex = x.get("cluster");
      Object sp = y.get("cluster");
      if (((Number) ex).longValue() < 0) {
        assertThat(((Number) sp).longValue()).as("noise %s", x.get("source_id")).isNegative();
      } else {
        assertThat(relabel.computeIfAbsent(sp, k -> ex)).as("cluster of %s", x.get("source_id")).isEqualTo(ex);
      }
    }
    assertThat(SparkMatchesEmbeddedEngineTest.JSON.writeValueAsString(b)).isEqualTo(SparkMatchesEmbeddedEngineTest.JSON.writeValueAsString(a));
  }
}
