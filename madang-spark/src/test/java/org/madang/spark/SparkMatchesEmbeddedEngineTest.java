package org.madang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.engine.analysis.AnalysisProgress;
import org.madang.engine.analysis.AnalysisRequest;
import org.madang.engine.analysis.AnalysisResult;
import org.madang.engine.analysis.SparkJob;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parity on real shipped data (the demo's bus stops, bike stations and night-bus demand) and on 1M seeded synthetic
 * trips: each analysis run by the embedded engine and by the Spark job on local[2] (inputs exported by the engine, the
 * result read back by it) gives the same rows and summary, printed as the same JSON; Gi* z-scores within 1e-9.
 */
class SparkMatchesEmbeddedEngineTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static SeoulWarehouse seoul;

  @BeforeAll
  static void open() {
    seoul = SeoulWarehouse.open();
    LocalSpark.session();
  }

  record Pair(AnalysisResult embedded, AnalysisResult spark) {}

  /** Embedded results by parameters, so that two tests of the same analysis run it once. */
  static final Map<String, AnalysisResult> EMBEDDED = new java.util.concurrent.ConcurrentHashMap<>();

  static AnalysisResult embedded(AnalysisRequest request) {
    return EMBEDDED.computeIfAbsent(request.toString(), k -> seoul.engine.analyses().run(request, seoul.tables, AnalysisProgress.NONE, () -> false));
  }

  static Pair both(AnalysisKind kind, String parameters) {
    AnalysisRequest request = AnalysisRequest.parse(kind, JSON.readTree(parameters));
    AnalysisResult embedded = embedded(request);
    SparkJob job = seoul.engine.analyses().prepareSpark(request, seoul.tables, seoul.dir.resolve("spark-" + UUID.randomUUID()));
    SparkAnalysisJob.execute(LocalSpark.session(), JobFile.read(job.jobFile()));
    return new Pair(embedded, seoul.engine.analyses().readSparkResult(job, request));
  }

  static void assertSameJson(Pair p) {
    assertThat(JSON.writeValueAsString(p.spark().summary())).isEqualTo(JSON.writeValueAsString(p.embedded().summary()));
    assertThat(p.spark().rowCount()).isEqualTo(p.embedded().rowCount());
    assertThat(JSON.writeValueAsString(p.spark().rows())).isEqualTo(JSON.writeValueAsString(p.embedded().rows()));
  }

  @Test
  void countsBusStopsPerH3CellAsTheEmbeddedEngineDoes() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"input": "bus-stops", "by": "h3", "h3_resolution": 8}""");
    assertThat(p.embedded().rowCount()).isGreaterThan(300);
    assertThat(((Number) p.embedded().summary().get("points")).longValue()).isGreaterThan(10_000);
    assertSameJson(p);
  }

  @Test
  void sumsBikeDocksPerDistrictAsTheEmbeddedEngineDoes() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"input": "bike-stations", "weight": "LCD 거치대수", "by": "district"}""");
    assertThat(p.embedded().rowCount()).isEqualTo(25);
    assertSameJson(p);
  }

  @Test
  void sumsAMillionSyntheticTripsIntoTheSameH3DemandMatrix() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "synthetic-trips", "from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat",
                   "trips": "trips"}, "by": "h3", "h3_resolution": 7}""");
    Map<String, Object> s = p.embedded().summary();
    assertThat(((Number) s.get("flows")).longValue() + ((Number) s.get("left_out")).longValue()).isEqualTo(SeoulWarehouse.SYNTHETIC_TRIPS);
    assertThat(((Number) s.get("left_out")).longValue()).isGreaterThan(1000);
    assertSameJson(p);
  }

  @Test
  void sumsAMillionSyntheticTripsIntoTheSameDistrictDemandMatrix() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "synthetic-trips", "from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat",
                   "trips": "trips"}, "by": "district"}""");
    assertThat(p.embedded().rowCount()).isBetween(300L, 625L);
    assertSameJson(p);
  }

  @Test
  void sumsTheNightBusDemandBetweenCellCodes() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "night-bus-trips", "from": "origin_h3", "to": "destination_h3", "trips": "trips"}}""");
    assertThat(p.embedded().summary().get("total_trips")).isEqualTo(20757.0);
    assertSameJson(p);
  }

  @Test
  void findsTheSameBusStopHotSpotsOverH3CellsWithZScoresWithin1e9() {
    Pair p = both(AnalysisKind.HOTSPOT, """
        {"input": "bus-stops", "h3_resolution": 8, "statistic": "gistar"}""");
    assertThat(p.embedded().summary().get("hot")).isNotEqualTo(0);
    assertSameWithin(p, 1e-9);
  }

  @Test
  void findsTheSameBikeStationHotSpotsWithGiOverTwoRings() {
    Pair p = both(AnalysisKind.HOTSPOT, """
        {"input": "bike-stations", "h3_resolution": 8, "rings": 2, "statistic": "gi"}""");
    assertSameWithin(p, 1e-9);
  }

  @Test
  void recordsSparkAndItsMasterInTheLineage() {
    Pair p = both(AnalysisKind.AGGREGATE, """
        {"input": "bike-stations", "by": "h3", "h3_resolution": 7}""");
    assertThat(p.spark().lineage().engine()).isEqualTo("spark");
    assertThat(p.spark().lineage().master()).isEqualTo("local[2]");
    assertThat(p.spark().lineage().toJson()).contains("\"engine\":\"spark\"");
    assertThat(p.embedded().lineage().toJson()).doesNotContain("engine");
    assertThat(p.spark().lineage().inputs()).isEqualTo(p.embedded().lineage().inputs());
  }

  @Test
  void runsRawCsvOnSharedStorageWithAColumnMappingToTheSameMatrix() throws IOException {
    String parameters = """
        {"flows": {"dataset": "synthetic-trips", "from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat",
                   "trips": "trips"}, "by": "h3", "h3_resolution": 7}""";
    AnalysisRequest request = AnalysisRequest.parse(AnalysisKind.AGGREGATE, JSON.readTree(parameters));
    AnalysisResult embedded = embedded(request);
    Path dir = Files.createDirectories(seoul.dir.resolve("raw-" + UUID.randomUUID()));
    Path jobFile = Files.writeString(dir.resolve("job.json"), """
        {"format": 1, "kind": "aggregate",
         "parameters": {"mode": "flows", "by": "h3", "h3_resolution": 7, "coordinates": true},
         "inputs": {"flows": {"path": "%s", "format": "csv",
                              "columns": {"from_lon": "from_lon", "from_lat": "from_lat", "to_lon": "to_lon", "to_lat": "to_lat", "trips": "trips"}}},
         "output": "%s"}""".formatted(seoul.dir.resolve("synthetic_trips.csv").toAbsolutePath(), dir.resolve("output").toAbsolutePath()));
    SparkAnalysisJob.execute(LocalSpark.session(), JobFile.read(jobFile));
    AnalysisResult spark = seoul.engine.analyses().readSparkResult(
        new SparkJob(AnalysisKind.AGGREGATE, dir, jobFile, dir.resolve("output"), embedded.lineage().inputs()), request);
    assertSameJson(new Pair(embedded, spark));
  }

  /** Same keys and texts; numbers equal within {@code tolerance}. */
  static void assertSameWithin(Pair p, double tolerance) {
    JsonNode a = JSON.valueToTree(p.embedded().rows());
    JsonNode b = JSON.valueToTree(p.spark().rows());
    assertClose(JSON.valueToTree(p.embedded().summary()), JSON.valueToTree(p.spark().summary()), tolerance, "summary");
    assertClose(a, b, tolerance, "rows");
    List<Map<String, Object>> rows = p.spark().rows();
    for (int i = 0; i < rows.size(); i++) {
      double z = ((Number) rows.get(i).get("z")).doubleValue();
      double expected = ((Number) p.embedded().rows().get(i).get("z")).doubleValue();
      assertThat(z).as("z of %s", rows.get(i).get("h3_address")).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  static void assertClose(JsonNode a, JsonNode b, double tolerance, String path) {
    if (a.isNumber() && b.isNumber()) {
      assertThat(b.doubleValue()).as(path).isCloseTo(a.doubleValue(), org.assertj.core.data.Offset.offset(tolerance));
      return;
    }
    assertThat(b.getNodeType()).as(path).isEqualTo(a.getNodeType());
    if (a.isObject()) {
      assertThat(b.propertyNames()).as(path).containsExactlyElementsOf(a.propertyNames());
      for (String name : a.propertyNames()) {
        assertClose(a.get(name), b.get(name), tolerance, path + "." + name);
      }
    } else if (a.isArray()) {
      assertThat(b.size()).as(path).isEqualTo(a.size());
      Iterator<JsonNode> x = a.iterator();
      Iterator<JsonNode> y = b.iterator();
      for (int i = 0; x.hasNext(); i++) {
        assertClose(x.next(), y.next(), tolerance, path + "[" + i + "]");
      }
    } else {
      assertThat(b).as(path).isEqualTo(a);
    }
  }
}
