package org.madang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.analysis.AnalysisKind;
import org.madang.spark.SparkMatchesEmbeddedEngineTest.Pair;

/**
 * Facility location's demand step on Spark local[2] against the embedded engine on the demo's real bike stations and
 * bus stops: the demand merged into H3 cells by the Spark aggregate job (inputs exported by the engine, weights from
 * the points' own column or joined from another dataset) gives the same cells with weights within 1e-9 relative, and
 * the solve on this node over them opens the same facilities with the same objective.
 */
class SparkFacilityDemandMatchesEmbeddedEngineTest {

  @BeforeAll
  static void open() throws IOException {
    SparkMatchesEmbeddedEngineTest.open();
    SeoulWarehouse seoul = SparkMatchesEmbeddedEngineTest.seoul;
    synchronized (seoul) {
      if (!seoul.tables.containsKey("station-visits")) {
        // a weight for stations 300-699 from a table of its own, joined on the station number
        StringBuilder visits = new StringBuilder("자치구,번호,방문\n");
        for (int n = 300; n < 700; n++) {
          visits.append("종로구,").append(n).append(',').append(n % 11 + 0.25).append('\n');
        }
        Path file = Files.writeString(seoul.dir.resolve("station_visits.csv"), visits);
        StagedVersion v = seoul.engine.stage(IngestRequest.of("station-visits", 1, file), IngestProgress.NONE);
        v.publish();
        seoul.tables.put("station-visits", v.tableName());
      }
    }
  }

  @Test
  void placesTheSameBikeStationsOverTheDocksSparkSummedPerCell() {
    Pair p = SparkMatchesEmbeddedEngineTest.both(AnalysisKind.PMEDIAN, """
        {"demand": "bike-stations", "weight": "LCD 거치대수", "demand_h3_resolution": 8, "p": 6, "seed": 5, "iterations": 6, "time_limit_s": 120}""");
    assertThat(((Number) p.embedded().summary().get("demand_cells")).intValue()).isGreaterThan(300);
    assertThat(((Number) p.embedded().summary().get("demand_without_weight")).intValue()).isPositive();
    assertSameDemandAndFacilities(p, "objective");
  }

  @Test
  void coversTheSameBusStopCellsFromTheSameAddedSites() {
    Pair p = SparkMatchesEmbeddedEngineTest.both(AnalysisKind.MCLP, """
        {"demand": "bus-stops", "candidates": {"dataset": "bike-stations", "filter": {"자치구": "강남구"}},
         "demand_h3_resolution": 9, "p": 4, "coverage_m": 1200, "seed": 2, "iterations": 4, "time_limit_s": 120}""");
    assertThat(((Number) p.embedded().summary().get("demand_points")).intValue()).isGreaterThan(10_000);
    assertSameDemandAndFacilities(p, "covered_weight");
  }

  @Test
  void sumsAWeightJoinedFromAnotherDatasetAsTheEmbeddedEngineDoes() {
    Pair p = SparkMatchesEmbeddedEngineTest.both(AnalysisKind.PMEDIAN, """
        {"demand": "bike-stations", "weight": {"dataset": "station-visits", "column": "방문", "on": {"대여소 번호": "번호"}},
         "demand_h3_resolution": 9, "p": 3, "seed": 1, "iterations": 4, "time_limit_s": 120}""");
    assertThat(((Number) p.embedded().summary().get("demand_points")).intValue()).isBetween(100, 400);
    assertSameDemandAndFacilities(p, "objective");
  }

  /** Same cells in the same order, weights within 1e-9 relative, the same open facilities and objective, the same summary but the clock's. */
  static void assertSameDemandAndFacilities(Pair p, String objective) {
    assertThat(p.spark().lineage().engine()).isEqualTo("spark");
    List<Map<String, Object>> a = p.embedded().rows();
    List<Map<String, Object>> b = p.spark().rows();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      Map<String, Object> x = a.get(i);
      Map<String, Object> y = b.get(i);
      assertThat(y.keySet()).containsExactlyElementsOf(x.keySet());
      for (String column : x.keySet()) {
        if (x.get(column) instanceof Double d && y.get(column) instanceof Number n) {
          assertThat(n.doubleValue()).as("%s of row %d (%s)", column, i, x.get("site")).isCloseTo(d, Offset.offset(1e-9 * Math.max(1, Math.abs(d))));
        } else {
          assertThat(y.get(column)).as("%s of row %d (%s)", column, i, x.get("site")).isEqualTo(x.get(column));
        }
      }
    }
    List<Object> added = a.stream().filter(r -> "added".equals(r.get("facility_role"))).map(r -> r.get("site")).toList();
    assertThat(added).isNotEmpty();
    assertThat(b.stream().filter(r -> "added".equals(r.get("facility_role"))).map(r -> r.get("site")).toList()).isEqualTo(added);
    double expected = ((Number) p.embedded().summary().get(objective)).doubleValue();
    assertThat(((Number) p.spark().summary().get(objective)).doubleValue()).isCloseTo(expected, Offset.offset(1e-9 * Math.abs(expected)));
    Map<String, Object> embedded = new java.util.LinkedHashMap<>(p.embedded().summary());
    Map<String, Object> spark = new java.util.LinkedHashMap<>(p.spark().summary());
    embedded.remove("seconds");
    spark.remove("seconds");
    SparkMatchesEmbeddedEngineTest.assertClose(SparkMatchesEmbeddedEngineTest.JSON.valueToTree(embedded),
        SparkMatchesEmbeddedEngineTest.JSON.valueToTree(spark), 1e-6, "summary");
  }
}
