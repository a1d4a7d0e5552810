package org.madang.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.DataEngine;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.SeoulFixtures;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;
import org.madang.engine.TablePage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyses over small tables in a real warehouse: inputs read by SQL (joined on district or on normalised names),
 * results staged as new versions through the upload path, with lineage, and bad parameters refused naming the field.
 */
class AnalysisRunnerTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static final Map<String, String> TABLES = new HashMap<>();

  /** Seniors' accidents per district, invented round numbers: 강남구 and its neighbours high. */
  static final String ACCIDENTS = """
      자치구,사고
      종로구,100
      중구,100
      용산구,100
      성동구,100
      광진구,100
      동대문구,100
      중랑구,100
      성북구,100
      강북구,100
      도봉구,100
      노원구,100
      은평구,100
      서대문구,100
      마포구,100
      양천구,100
      강서구,100
      구로구,100
      금천구,100
      영등포구,100
      동작구,100
      관악구,100
      서초구,900
      강남구,1000
      송파구,900
      강동구,700
      """;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    publish("districts", SeoulFixtures.copy("seoul/seoul_gu_juso2015_simple.geojson", dir));
    publish("population", SeoulFixtures.copy("seoul/population_by_gu_2020.csv", dir));
    publish("accidents", SeoulFixtures.write(dir, "accidents.csv", ACCIDENTS));
    // two neighbourhoods: ten homes around 명동 and ten around 잠실, one existing facility at 명동
    StringBuilder homes = new StringBuilder("이름,동,위도,경도,인구\n");
    for (int i = 0; i < 10; i++) {
      homes.append("시청").append(i).append(",소공동,").append(37.5620 + i * 0.0002).append(',').append(126.9800 + i * 0.0002).append(",10\n");
      homes.append("잠실").append(i).append(",잠실제").append(1 + i % 2).append("동,").append(37.5130 + i * 0.0004).append(',').append(127.1000 + i * 0.0003).append(",10\n");
    }
    publish("homes", SeoulFixtures.write(dir, "homes.csv", homes.toString()));
    publish("centres", SeoulFixtures.write(dir, "centres.csv", "이름,위도,경도\n명동센터,37.5630,126.9810\n"));
    publish("dong-population", SeoulFixtures.write(dir, "dongs.csv", "행정구,행정동,고령인구\n송파구,잠실1동,500\n송파구,잠실2동,700\n중구,소공동,80\n"));
    StringBuilder yearly = new StringBuilder("연도,자치구,사고\n");
    ACCIDENTS.lines().skip(1).forEach(line -> yearly.append("2022,").append(line).append('\n').append("2023,").append(line).append('\n'));
    publish("yearly-accidents", SeoulFixtures.write(dir, "yearly.csv", yearly.toString()));
  }

  static void publish(String dataset, Path file) {
    TABLES.put(dataset, SeoulFixtures.publish(engine, IngestRequest.of(dataset, 1, file)));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }

  static AnalysisResult run(AnalysisKind kind, String parameters) {
    return engine.analyses().run(AnalysisRequest.parse(kind, json(parameters)), TABLES, AnalysisProgress.NONE, () -> false);
  }

  static MadangException refused(AnalysisKind kind, String parameters) {
    return catchThrowableOfType(MadangException.class, () -> {
      AnalysisRequest request = AnalysisRequest.parse(kind, json(parameters));
      engine.analyses().check(request, TABLES);
    });
  }

  @Test
  void hotSpotsOfARateOverDistrictPolygonsBecomeANewVersionWithLineage() {
    AnalysisResult result = run(AnalysisKind.HOTSPOT, """
        {"input": "districts",
         "value": {"dataset": "accidents", "column": "사고"},
         "per": {"dataset": "population", "column": "65세이상"}, "scale": 1000,
         "weights": "queen", "statistic": "gistar"}
        """);
    assertThat(result.rowCount()).isEqualTo(25);
    assertThat(result.summary()).containsKeys("moran_i", "geary_c", "hot", "cold");
    assertThat((Double) result.summary().get("moran_i")).isGreaterThan(0.3);
    assertThat((Integer) result.summary().get("hot")).isGreaterThan(0);

    StagedVersion staged = result.stage("accident-hotspots", 1);
    staged.publish();
    assertThat(staged.spatial().kind()).isEqualTo(SpatialInfo.Kind.GEOMETRIES);
    TablePage page = engine.read(new ReadRequest(staged.tableName(), null, Map.of(), List.of(), null, null, 100, 0));
    Map<String, Object> gangnam = page.rows().stream().filter(r -> "11680".equals(r.get("district_code"))).findFirst().orElseThrow();
    // 강남구: 1000 accidents per thousand of its 72,602 residents aged 65+ (2020)
    assertThat(((Number) gangnam.get("value")).doubleValue()).isCloseTo(1000.0 / 72602 * 1000, org.assertj.core.data.Offset.offset(1e-9));
    assertThat((String) gangnam.get("hotspot_class")).startsWith("hot-");
    assertThat(gangnam.get("name")).isEqualTo("강남구");

    AnalysisLineage lineage = engine.findLineage(staged.tableName()).orElseThrow();
    assertThat(lineage.kind()).isEqualTo(AnalysisKind.HOTSPOT);
    assertThat(lineage.inputs()).extracting(AnalysisLineage.Input::dataset).containsExactly("districts", "accidents", "population");
    assertThat(lineage.inputs()).allSatisfy(i -> assertThat(i.version()).isEqualTo(1));
    assertThat(lineage.parameters().path("weights").asString()).isEqualTo("queen");
  }

  @Test
  void districtRowsAreAnalysedOnTheCityDistrictPolygons() {
    AnalysisResult result = run(AnalysisKind.HOTSPOT, """
        {"input": "accidents", "value": "사고", "statistic": "local-moran"}
        """);
    assertThat(result.rowCount()).isEqualTo(25);
    assertThat(result.summary().get("weights")).isEqualTo("queen");
  }

  @Test
  void pMedianAddsAFacilityWhereTheUnservedDemandIs() {
    AnalysisResult result = run(AnalysisKind.PMEDIAN, """
        {"demand": {"dataset": "homes", "label": "이름"}, "weight": "인구",
         "existing": "centres", "p": 1, "seed": 7}
        """);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> added = (List<Map<String, Object>>) result.summary().get("added");
    assertThat(added).hasSize(1);
    assertThat((String) added.get(0).get("name")).startsWith("잠실");
    @SuppressWarnings("unchecked")
    Map<String, Object> baseline = (Map<String, Object>) result.summary().get("baseline");
    assertThat((Double) result.summary().get("mean_distance_m")).isLessThan(200).isLessThan((Double) baseline.get("mean_distance_m"));
    assertThat(result.rowCount()).isEqualTo(2 + 20);

    StagedVersion staged = result.stage("homes-pmedian", 1);
    staged.publish();
    assertThat(staged.spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);
    TablePage roles = engine.query("SELECT facility_role, COUNT(*) AS n FROM homes_pmedian GROUP BY 1 ORDER BY 1", 10);
    assertThat(roles.rows()).extracting(r -> r.get("facility_role") + "=" + r.get("n")).containsExactly("added=1", "demand=20", "existing=1");
  }

  @Test
  void weightsJoinOnAdministrativeNamesWrittenWithOrWithoutJe() {
    AnalysisResult result = run(AnalysisKind.MCLP, """
        {"demand": {"dataset": "homes", "label": "동"},
         "weight": {"dataset": "dong-population", "column": "고령인구", "on": {"district_code": "district_code", "동": "행정동"}},
         "p": 1, "coverage_m": 500}
        """);
    // 잠실제1동/잠실제2동 homes match 잠실1동/잠실2동 (5 × 500 + 5 × 700), 소공동 homes 10 × 80
    assertThat((Double) result.summary().get("demand_weight")).isEqualTo(5 * 500 + 5 * 700 + 10 * 80.0);
    assertThat((Double) result.summary().get("covered_share")).isEqualTo(6000.0 / 6800);
  }

  @Test
  void dbscanAndKernelDensityWriteLocatedRows() {
    AnalysisResult clusters = run(AnalysisKind.DBSCAN, """
        {"input": "homes", "eps_m": 100, "min_points": 3}
        """);
    assertThat(clusters.summary().get("clusters")).isEqualTo(2);
    assertThat(clusters.summary().get("noise")).isEqualTo(0);
    AnalysisResult density = run(AnalysisKind.KDE, """
        {"input": "homes", "weight": "인구", "bandwidth_m": 300, "cell_m": 50}
        """);
    assertThat((Double) density.summary().get("total_weight")).isCloseTo(200.0, org.assertj.core.data.Offset.offset(1.0));
    StagedVersion staged = density.stage("homes-density", 1);
    staged.discard();
  }

  @Test
  void badParametersAreRefusedNamingTheField() {
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"districts\", \"value\": {\"dataset\": \"accidents\", \"column\": \"nope\"}}").details())
        .containsEntry("field", "value.column");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"no-such-data\", \"value\": \"x\"}").details()).containsEntry("field", "input");
    assertThat(refused(AnalysisKind.PMEDIAN, "{\"demand\": \"homes\", \"existing\": \"centres\", \"p\": 21}").details()).containsEntry("field", "p");
    assertThat(refused(AnalysisKind.DBSCAN, "{\"input\": \"homes\", \"eps_m\": 0}").details()).containsEntry("field", "eps_m");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"homes\", \"value\": \"이름\"}").details()).containsEntry("field", "value");
    assertThat(refused(AnalysisKind.MCLP, "{\"demand\": \"homes\", \"p\": 1}").details()).containsEntry("field", "coverage_m");
    assertThat(refused(AnalysisKind.KDE, "{\"input\": \"homes\", \"bandwith_m\": 10}").details()).containsEntry("field", "bandwith_m");
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"districts\", \"value\": \"esri_pk\", \"weights\": \"bishop\"}").details())
        .containsEntry("field", "weights");
  }

  @Test
  void districtRowsOfSeveralYearsNeedAFilterToBeOneFeatureEach() {
    assertThat(refused(AnalysisKind.HOTSPOT, "{\"input\": \"yearly-accidents\", \"value\": \"사고\"}").details()).containsEntry("field", "input");
    AnalysisResult result = run(AnalysisKind.HOTSPOT, "{\"input\": {\"dataset\": \"yearly-accidents\", \"filter\": {\"연도\": 2023}}, \"value\": \"사고\"}");
    assertThat(result.rowCount()).isEqualTo(25);
  }

  @Test
  void aJoinMatchingSeveralRowsIsRefused() {
    MadangException e = catchThrowableOfType(MadangException.class, () -> run(AnalysisKind.PMEDIAN, """
        {"demand": "homes", "weight": {"dataset": "dong-population", "column": "고령인구", "on": {"district_code": "district_code"}}, "p": 1}
        """));
    assertThat(e.details()).containsEntry("field", "weight.on");
  }

  @Test
  void aCancelledRunStopsWithoutWritingAnything() {
    AnalysisRequest request = AnalysisRequest.parse(AnalysisKind.PMEDIAN, json("{\"demand\": \"homes\", \"p\": 2}"));
    Map<String, Long> before = engine.listRowCounts();
    assertThat(catchThrowableOfType(CancellationException.class, () -> engine.analyses().run(request, TABLES, AnalysisProgress.NONE, () -> true)))
        .isNotNull();
    assertThat(engine.listRowCounts()).isEqualTo(before);
  }
}
