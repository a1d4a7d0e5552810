package org.madang.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregate analysis on small hand-checked tables (points per district and cell, flows between codes and between
 * districts), hot spots over H3 cells, bad parameters refused naming the field, and the Spark hand-over's refusals:
 * analyses Spark does not run, and an output that is missing.
 */
class AggregatesPointsAndFlowsTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static final Map<String, String> TABLES = new HashMap<>();

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    StringBuilder homes = new StringBuilder("이름,위도,경도,인구\n");
    for (int i = 0; i < 6; i++) {
      homes.append("시청").append(i).append(',').append(37.5620 + i * 0.0002).append(',').append(126.9800 + i * 0.0002).append(",10\n");
    }
    for (int i = 0; i < 4; i++) {
      homes.append("잠실").append(i).append(',').append(37.5130 + i * 0.0004).append(',').append(127.1000 + i * 0.0003).append(",\n");
    }
    publish("homes", SeoulFixtures.write(dir, "homes.csv", homes.toString()));
    // 명동 (중구) → 잠실 (송파구) twice, 잠실 → 명동 once, one trip with no destination, one from outside Seoul (부산)
    publish("trips", SeoulFixtures.write(dir, "trips.csv", """
        o_lat,o_lon,d_lat,d_lon,n
        37.5630,126.9810,37.5130,127.1000,3
        37.5625,126.9805,37.5135,127.1005,2
        37.5130,127.1000,37.5630,126.9810,1
        37.5630,126.9810,,,4
        35.1796,129.0756,37.5630,126.9810,9
        """));
    publish("cell-trips", SeoulFixtures.write(dir, "cell_trips.csv", """
        from_cell,to_cell,trips
        11140,11710,5
        11140,11710,1
        11710,11140,2
        """));
  }

  static void publish(String dataset, Path file) {
    TABLES.put(dataset, SeoulFixtures.publish(engine, IngestRequest.of(dataset, 1, file).withAllowOutsideArea(true)));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static AnalysisResult run(AnalysisKind kind, String parameters) {
    return engine.analyses().run(AnalysisRequest.parse(kind, JsonMapper.shared().readTree(parameters)), TABLES, AnalysisProgress.NONE, () -> false);
  }

  static MadangException refused(AnalysisKind kind, String parameters) {
    return catchThrowableOfType(MadangException.class, () -> run(kind, parameters));
  }

  @Test
  void countsPointsAndSumsTheirWeightsPerDistrict() {
    AnalysisResult r = run(AnalysisKind.AGGREGATE, """
        {"input": "homes", "weight": "인구", "by": "district"}""");
    List<Map<String, Object>> rows = r.rows();
    assertThat(rows).extracting(m -> m.get("district_name")).containsExactly("중구", "송파구");
    assertThat(rows).extracting(m -> m.get("points")).containsExactly(6L, 4L);
    // the 잠실 homes have no 인구: they count as points and add 0
    assertThat(rows).extracting(m -> m.get("weight_sum")).containsExactly(60.0, 0.0);
    assertThat(rows.get(0).get("geometry").toString()).startsWith("POLYGON");
    assertThat(r.summary()).containsEntry("points", 10L).containsEntry("groups", 2).containsEntry("total_weight", 60.0);
  }

  @Test
  void countsPointsPerH3CellWithTheCellsHexagon() {
    AnalysisResult r = run(AnalysisKind.AGGREGATE, """
        {"input": "homes", "h3_resolution": 7}""");
    // the 시청 homes share one cell; the 잠실 homes straddle two
    assertThat(r.rows()).extracting(m -> ((Number) m.get("points")).longValue()).containsExactly(1L, 3L, 6L);
    // without a weight each point weighs 1
    assertThat(r.rows()).extracting(m -> m.get("weight_sum")).containsExactly(1.0, 3.0, 6.0);
    assertThat(r.summary()).containsEntry("total_weight", 10.0).containsEntry("left_out", 0L);
    assertThat(r.rows()).extracting(m -> m.get("h3_address").toString()).isSorted();
    assertThat(r.rows().get(0).get("h3_address").toString()).hasSize(15);
    assertThat(r.rows().get(0).get("geometry").toString()).startsWith("POLYGON ((");
  }

  @Test
  void sumsFlowsBetweenDistrictsAndCountsThoseThatCannotBePlaced() {
    AnalysisResult r = run(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "trips", "from_lat": "o_lat", "from_lon": "o_lon", "to_lat": "d_lat", "to_lon": "d_lon", "trips": "n"},
         "by": "district"}""");
    assertThat(r.rows()).extracting(m -> m.get("origin") + ">" + m.get("destination") + "=" + m.get("trips") + "/" + m.get("flows"))
        .containsExactly("11140>11710=5.0/2", "11710>11140=1.0/1");
    assertThat(r.summary()).containsEntry("flows", 3L).containsEntry("left_out", 2L).containsEntry("total_trips", 6.0);
  }

  @Test
  void sumsFlowsGivenByTheirEndsCodes() {
    AnalysisResult r = run(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "cell-trips", "from": "from_cell", "to": "to_cell", "trips": "trips"}}""");
    assertThat(r.rows()).extracting(m -> m.get("origin") + ">" + m.get("destination") + "=" + m.get("trips"))
        .containsExactly("11140>11710=6.0", "11710>11140=2.0");
    assertThat(r.summary()).containsEntry("by", "codes");
  }

  @Test
  void findsHotCellsOfPointsOverH3Rings() {
    AnalysisResult r = run(AnalysisKind.HOTSPOT, """
        {"input": "homes", "h3_resolution": 10, "rings": 2}""");
    assertThat(r.summary()).containsEntry("weights", "h3-rings:2").containsEntry("points", 10L);
    assertThat(r.rows()).allMatch(m -> m.containsKey("z") && m.containsKey("h3_address"));
  }

  @Test
  void refusesBadAggregateParametersNamingTheField() {
    assertThat(refused(AnalysisKind.AGGREGATE, "{\"input\": \"homes\", \"flows\": {\"dataset\": \"trips\"}}").details()).containsEntry("field", "flows");
    assertThat(refused(AnalysisKind.AGGREGATE, "{\"input\": \"homes\", \"by\": \"dong\"}").details()).containsEntry("field", "by");
    assertThat(refused(AnalysisKind.AGGREGATE, "{\"input\": \"homes\", \"by\": \"district\", \"h3_resolution\": 8}").details())
        .containsEntry("field", "h3_resolution");
    assertThat(refused(AnalysisKind.AGGREGATE, "{\"input\": \"homes\", \"h3_resolution\": 20}").details()).containsEntry("field", "h3_resolution");
    assertThat(refused(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "trips", "from_lat": "o_lat", "from_lon": "o_lon", "to_lat": "d_lat"}}""").details()).containsEntry("field", "flows.to_lon");
    assertThat(refused(AnalysisKind.AGGREGATE, """
        {"flows": {"dataset": "trips", "from_lat": "o_lat", "from_lon": "o_lon", "to_lat": "d_lat", "to_lon": "nope"}}""").details())
        .containsEntry("field", "flows.to_lon");
    assertThat(refused(AnalysisKind.AGGREGATE, "{\"input\": \"homes\", \"weight\": \"이름\"}").details()).containsEntry("field", "weight");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"homes\", \"h3_resolution\": 8, \"weights\": \"queen\"}").details()).containsEntry("field", "weights");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"homes\", \"rings\": 2, \"value\": \"인구\"}").details()).containsEntry("field", "rings");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"homes\", \"h3_resolution\": 9, \"value\": \"인구\"}").details()).containsEntry("field", "value");
  }

  @Test
  void sparkIsRefusedNamingEngineForAnalysesItDoesNotRun() {
    AnalysisRequest hotspots = AnalysisRequest.parse(AnalysisKind.HOTSPOT, JsonMapper.shared().readTree(
        "{\"input\": {\"dataset\": \"homes\", \"filter\": {\"인구\": 10}}, \"value\": \"인구\"}"));
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.analyses().prepareSpark(hotspots, TABLES, dir.resolve("hotspot-job")));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("field", "engine");
    // facility location runs its demand step on Spark only with the cells to merge the demand into
    AnalysisRequest pmedian = AnalysisRequest.parse(AnalysisKind.PMEDIAN, JsonMapper.shared().readTree("{\"demand\": \"homes\", \"p\": 1}"));
    e = catchThrowableOfType(MadangException.class, () -> engine.analyses().prepareSpark(pmedian, TABLES, dir.resolve("pmedian-job")));
    assertThat(e.details()).containsEntry("field", "demand_h3_resolution");
  }

  @Test
  void theSparkExportHoldsExactlyTheFilteredRows() throws Exception {
    AnalysisRequest byName = AnalysisRequest.parse(AnalysisKind.AGGREGATE,
        JsonMapper.shared().readTree("{\"input\": {\"dataset\": \"homes\", \"filter\": {\"이름\": \"시청1\"}}}"));
    assertThat(Files.readString(engine.analyses().prepareSpark(byName, TABLES, dir.resolve("filtered-by-text")).jobFile())).contains("\"rows\" : 1,");
    AnalysisRequest byNumber = AnalysisRequest.parse(AnalysisKind.AGGREGATE,
        JsonMapper.shared().readTree("{\"input\": {\"dataset\": \"homes\", \"filter\": {\"인구\": 10}}}"));
    String job = Files.readString(engine.analyses().prepareSpark(byNumber, TABLES, dir.resolve("filtered-by-number")).jobFile());
    // the four 잠실 homes have no 인구: filtered out, so not left out either
    assertThat(job).contains("\"rows\" : 6,").contains("\"left_out\" : 0");
  }

  @Test
  void aSparkJobWithoutCompleteOutputIsAnErrorNotAHalfResult() throws Exception {
    AnalysisRequest request = AnalysisRequest.parse(AnalysisKind.AGGREGATE, JsonMapper.shared().readTree("{\"input\": \"homes\", \"by\": \"district\"}"));
    SparkJob job = engine.analyses().prepareSpark(request, TABLES, dir.resolve("half-job"));
    assertThat(job.jobFile()).exists();
    assertThat(Files.list(job.workDir().resolve("inputs/input")).map(p -> p.getFileName().toString())).contains("district_code=11140", "district_code=11710");
    String jobJson = Files.readString(job.jobFile());
    assertThat(jobJson).contains("\"by\" : \"district\"").contains("\"rows\" : 10").contains("\"weighted\" : false");
    Files.createDirectories(job.outputDir().resolve("rows"));
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.analyses().readSparkResult(job, request));
    assertThat(e.code()).isEqualTo(ErrorCode.EXTERNAL);
    assertThat(e.getMessage()).contains("no complete result");
  }
}
