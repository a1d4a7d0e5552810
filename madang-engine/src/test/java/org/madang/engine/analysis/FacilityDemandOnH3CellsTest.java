package org.madang.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.DataEngine;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Facility location with {@code demand_h3_resolution}: the shipped bike stations' LCD docks summed per H3 cell (checked
 * against the warehouse's own {@code h3_cell} column, computed at ingest by another code path), each cell's demand at
 * its centre, stations without docks left out and counted; a bad resolution refused naming the field; and the Spark
 * hand-over: without the resolution refused naming it, with it the aggregate job's input holds the weighted points.
 */
class FacilityDemandOnH3CellsTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static final Map<String, String> TABLES = new HashMap<>();

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    publish("bike-stations", SeoulFixtures.copy("seoul/bike_station_info_cp949.csv", dir));
    // a weight of their own for stations 300-399 (종로구's), joined on the station number
    StringBuilder visits = new StringBuilder("자치구,번호,방문\n");
    for (int n = 300; n < 400; n++) {
      visits.append("종로구,").append(n).append(',').append(n % 7).append('\n');
    }
    publish("station-visits", SeoulFixtures.write(dir, "visits.csv", visits.toString()));
  }

  static void publish(String dataset, Path file) {
    TABLES.put(dataset, SeoulFixtures.publish(engine, IngestRequest.of(dataset, 1, file)));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static AnalysisRequest request(AnalysisKind kind, String parameters) {
    return AnalysisRequest.parse(kind, JsonMapper.shared().readTree(parameters));
  }

  static AnalysisResult run(AnalysisKind kind, String parameters) {
    return engine.analyses().run(request(kind, parameters), TABLES, AnalysisProgress.NONE, () -> false);
  }

  /** cell address → {points, weight} from the warehouse's h3_cell column (resolution 9). */
  static Map<String, double[]> cellsBySql(String where, String weight) {
    Map<String, double[]> out = new TreeMap<>();
    engine.query("SELECT h3_cell, COUNT(*) AS n, SUM(" + weight + ") AS w FROM bike_stations WHERE district_code IS NOT NULL AND " + where
        + " GROUP BY 1", 10_000).rows().forEach(r -> {
          Object cell = r.get("h3_cell");
          String address = cell instanceof Number n ? H3Binner.toAddress(n.longValue()) : (String) cell;
          out.put(address, new double[] {((Number) r.get("n")).doubleValue(), ((Number) r.get("w")).doubleValue()});
        });
    return out;
  }

  @Test
  void sumsEachCellsDocksAndPlacesTheCellsDemandAtItsCentre() {
    AnalysisResult result = run(AnalysisKind.PMEDIAN, """
        {"demand": "bike-stations", "weight": "LCD 거치대수", "demand_h3_resolution": 9, "p": 5, "seed": 3, "iterations": 4, "time_limit_s": 5}
        """);
    Map<String, double[]> expected = cellsBySql("lcd_geochidaesu IS NOT NULL", "lcd_geochidaesu");
    assertThat(expected).hasSizeGreaterThan(1000);
    Map<String, Object> s = result.summary();
    List<Map<String, Object>> demand = result.rows().stream().filter(r -> "demand".equals(r.get("facility_role"))).toList();
    assertThat(demand).hasSize(expected.size());
    assertThat(s.get("demand_cells")).isEqualTo(expected.size());
    assertThat(s.get("demand_h3_resolution")).isEqualTo(9);
    assertThat(((Number) s.get("demand_points")).longValue()).isEqualTo((long) expected.values().stream().mapToDouble(c -> c[0]).sum());
    long withoutDocks = (Long) engine.query("SELECT COUNT(*) AS n FROM bike_stations WHERE district_code IS NOT NULL AND lcd_geochidaesu IS NULL", 1)
        .rows().get(0).get("n");
    assertThat(withoutDocks).isPositive();
    assertThat(((Number) s.get("demand_without_weight")).longValue()).isEqualTo(withoutDocks);
    for (Map<String, Object> row : demand) {
      String cell = (String) row.get("source_id");
      assertThat(expected).as(cell).containsKey(cell);
      assertThat(((Number) row.get("weight")).doubleValue()).as(cell).isEqualTo(expected.get(cell)[1]);
      assertThat(((Number) row.get("demand_points")).doubleValue()).as(cell).isEqualTo(expected.get(cell)[0]);
      double[] centre = H3Binner.centreOf(H3Binner.parseAddress(cell));
      assertThat((Double) row.get("lon")).isEqualTo(centre[0]);
      assertThat((Double) row.get("lat")).isEqualTo(centre[1]);
    }
    // rows in address order, facilities after them serving all the docks
    assertThat(demand).extracting(r -> (String) r.get("source_id")).isSorted();
    double total = expected.values().stream().mapToDouble(c -> c[1]).sum();
    assertThat((Double) s.get("demand_weight")).isEqualTo(total);
    List<Map<String, Object>> open = result.rows().stream().filter(r -> "added".equals(r.get("facility_role"))).toList();
    assertThat(open).hasSize(5);
    assertThat(open.stream().mapToDouble(r -> ((Number) r.get("served_weight")).doubleValue()).sum()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(open.stream().mapToLong(r -> ((Number) r.get("served_points")).longValue()).sum()).isEqualTo(((Number) s.get("demand_points")).longValue());
  }

  @Test
  void countsOnePerPointWithoutAWeightColumn() {
    AnalysisResult raw = run(AnalysisKind.MCLP, """
        {"demand": "bike-stations", "p": 3, "coverage_m": 1500, "seed": 1, "iterations": 2}""");
    AnalysisResult cells = run(AnalysisKind.MCLP, """
        {"demand": "bike-stations", "p": 3, "coverage_m": 1500, "seed": 1, "iterations": 2, "demand_h3_resolution": 7}""");
    Map<String, double[]> bySql = cellsBySql("TRUE", "1");
    assertThat(raw.summary().get("demand_points")).isEqualTo(cells.summary().get("demand_points"));
    assertThat(raw.summary()).doesNotContainKey("demand_cells");
    assertThat(((Number) cells.summary().get("demand_cells")).intValue()).isLessThan(bySql.size()).isGreaterThan(20);
    double sum = cells.rows().stream().filter(r -> "demand".equals(r.get("facility_role"))).mapToDouble(r -> ((Number) r.get("weight")).doubleValue()).sum();
    assertThat(sum).isEqualTo(((Number) raw.summary().get("demand_points")).doubleValue()).isEqualTo((Double) raw.summary().get("demand_weight"));
    assertThat(raw.rowCount()).isGreaterThan(2000);
    assertThat(cells.rowCount()).isLessThan(200);
  }

  @Test
  void sumsAWeightJoinedFromAnotherDatasetAndLeavesOutThePointsWithoutOne() {
    AnalysisResult result = run(AnalysisKind.PMEDIAN, """
        {"demand": "bike-stations", "weight": {"dataset": "station-visits", "column": "방문", "on": {"대여소 번호": "번호"}},
         "demand_h3_resolution": 8, "p": 2, "seed": 1, "iterations": 2}""");
    long joined = (Long) engine.query("SELECT COUNT(*) AS n FROM bike_stations b JOIN station_visits v ON CAST(b.daeyeoso_beonho AS VARCHAR) = "
        + "CAST(v.beonho AS VARCHAR) WHERE b.district_code IS NOT NULL", 1).rows().get(0).get("n");
    double visits = ((Number) engine.query("SELECT SUM(v.bangmun) AS w FROM bike_stations b JOIN station_visits v ON CAST(b.daeyeoso_beonho AS VARCHAR) = "
        + "CAST(v.beonho AS VARCHAR) WHERE b.district_code IS NOT NULL", 1).rows().get(0).get("w")).doubleValue();
    assertThat(joined).isBetween(50L, 100L);
    assertThat(((Number) result.summary().get("demand_points")).longValue()).isEqualTo(joined);
    assertThat((Double) result.summary().get("demand_weight")).isEqualTo(visits);
    assertThat(((Number) result.summary().get("demand_without_weight")).longValue()).isGreaterThan(2000);
  }

  @Test
  void aResolutionOutsideH3sIsRefusedNamingTheField() {
    for (String bad : List.of("16", "-1", "8.5", "\"9\"")) {
      MadangException e = catchThrowableOfType(MadangException.class,
          () -> request(AnalysisKind.PMEDIAN, "{\"demand\": \"bike-stations\", \"p\": 1, \"demand_h3_resolution\": " + bad + "}"));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.details()).as(bad).containsEntry("field", "demand_h3_resolution");
    }
    assertThat(request(AnalysisKind.SETCOVER, "{\"demand\": \"bike-stations\", \"coverage_m\": 900, \"demand_h3_resolution\": 0}").spec())
        .isInstanceOf(AnalysisSpec.Facility.class);
  }

  @Test
  void sparkNeedsTheResolutionAndGetsTheWeightedPointsForTheAggregateJob() throws Exception {
    AnalysisRequest withoutCells = request(AnalysisKind.PMEDIAN, "{\"demand\": \"bike-stations\", \"p\": 1}");
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.analyses().checkSpark(withoutCells, TABLES));
    assertThat(e.details()).containsEntry("field", "demand_h3_resolution");
    assertThat(e.getMessage()).contains("demand_h3_resolution");
    e = catchThrowableOfType(MadangException.class, () -> engine.analyses().prepareSpark(withoutCells, TABLES, dir.resolve("no-cells")));
    assertThat(e.details()).containsEntry("field", "demand_h3_resolution");

    AnalysisRequest joined = request(AnalysisKind.PMEDIAN, """
        {"demand": "bike-stations", "weight": {"dataset": "station-visits", "column": "방문", "on": {"대여소 번호": "번호"}},
         "demand_h3_resolution": 8, "p": 2}""");
    AnalysisResult embedded = engine.analyses().run(joined, TABLES, AnalysisProgress.NONE, () -> false);
    SparkJob job = engine.analyses().prepareSpark(joined, TABLES, dir.resolve("joined"));
    JsonNode json = JsonMapper.shared().readTree(Files.readString(job.jobFile()));
    assertThat(json.path("kind").asString()).isEqualTo("aggregate");
    assertThat(json.path("for").asString()).isEqualTo("pmedian");
    assertThat(json.path("parameters").path("h3_resolution").asInt()).isEqualTo(8);
    assertThat(json.path("parameters").path("weighted").asBoolean()).isTrue();
    JsonNode input = json.path("inputs").path("input");
    assertThat(input.path("rows").asLong()).isEqualTo(((Number) embedded.summary().get("demand_points")).longValue());
    assertThat(input.path("without_value").asLong()).isEqualTo(((Number) embedded.summary().get("demand_without_weight")).longValue());
    assertThat(input.path("left_out").asLong()).isEqualTo(((Number) embedded.summary().get("demand_left_out")).longValue());
    String glob = job.workDir().resolve("inputs/input").toAbsolutePath() + "/*/*.parquet";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet r = st.executeQuery("SELECT COUNT(*), SUM(value), COUNT(value) FROM read_parquet('" + glob + "')")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(input.path("rows").asLong()).isEqualTo(r.getLong(3));
      assertThat(r.getDouble(2)).isEqualTo((Double) embedded.summary().get("demand_weight"));
    }
  }
}
