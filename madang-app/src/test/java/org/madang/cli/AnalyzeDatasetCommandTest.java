package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.FreshDataDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code madang analyze KIND --dataset NAME} on a local data dir holding demo data (the Seoul district boundaries with
 * the 2023 senior pedestrian accidents, the dong representative points): the same numbers, in the same JSON shape, as
 * the same analysis of the same data as a file; bad input ends with one sentence.
 */
class AnalyzeDatasetCommandTest {

  private static final Path DATA = Path.of("target/test-data/cli-analyze");
  private static final Path FILES = DATA.resolveSibling("cli-analyze-files");
  static final Path DISTRICTS = FILES.resolve("district-accidents.geojson");
  static final Path DONGS = FILES.resolve("dongs.csv");

  @BeforeAll
  static void dataDirWithDemoData() throws IOException {
    FreshDataDir.delete(DATA);
    FreshDataDir.delete(FILES);
    Files.createDirectories(FILES);
    writeDistrictAccidents(DISTRICTS);
    try (InputStream in = demo("admdong_centroids_latlon.csv")) {
      Files.copy(in, DONGS);
    }
    for (String[] ingest : List.of(new String[] {DISTRICTS.toString(), "district-accidents"}, new String[] {DONGS.toString(), "dongs"})) {
      CommandLineTest.Run r = CommandLineTest.run("ingest", ingest[0], "--dataset", ingest[1], "--data-dir", DATA.toString());
      assertThat(r.exit()).as(r.err()).isZero();
    }
  }

  /** The demo's district boundaries, each with its 2023 senior pedestrian accidents as the property {@code accidents}. */
  static void writeDistrictAccidents(Path file) throws IOException {
    Map<String, Integer> accidents = new HashMap<>();
    try (InputStream in = demo("elderly_traffic_accidents_by_gu_2023.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        accidents.put(f[0].strip(), Integer.parseInt(f[3].strip()));
      }
    }
    JsonNode districts;
    try (InputStream in = demo("seoul_gu_juso2015_simple.geojson")) {
      districts = JsonMapper.shared().readTree(in);
    }
    for (JsonNode feature : districts.path("features")) {
      String name = feature.path("properties").path("SIG_KOR_NM").asString();
      ((ObjectNode) feature.path("properties")).put("accidents", accidents.get(name));
    }
    Files.writeString(file, JsonMapper.shared().writeValueAsString(districts), StandardCharsets.UTF_8);
  }

  private static InputStream demo(String name) {
    return AnalyzeDatasetCommandTest.class.getResourceAsStream("/demo/seoul/" + name);
  }

  static JsonNode ok(AnalyzeCommandTest.Run r) {
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json();
  }

  @Test
  void readsHotspotInputFromDatasetLikeFromFile() {
    JsonNode file = ok(AnalyzeCommandTest.run("analyze", "hotspot", "--input", DISTRICTS.toString(), "--value", "accidents", "--weights", "queen",
        "--id", "SIG_KOR_NM", "--snap", "0.01"));
    JsonNode dataset = ok(AnalyzeCommandTest.run("analyze", "hotspot", "--dataset", "district-accidents", "--value", "accidents", "--weights", "queen",
        "--id", "SIG_KOR_NM", "--data-dir", DATA.toString()));

    assertThat(dataset.path("n").asInt()).isEqualTo(25);
    assertThat(dataset.path("statistic").asString()).isEqualTo("gistar");
    assertThat(dataset.path("global").propertyNames()).containsExactlyElementsOf(file.path("global").propertyNames());
    assertThat(dataset.path("global").path("moran_i").doubleValue()).isCloseTo(file.path("global").path("moran_i").doubleValue(), within(1e-12));
    JsonNode fileFeatures = file.path("features");
    JsonNode datasetFeatures = dataset.path("features");
    assertThat(datasetFeatures.size()).isEqualTo(25);
    for (int i = 0; i < 25; i++) {
      JsonNode f = fileFeatures.get(i);
      JsonNode d = datasetFeatures.get(i);
      assertThat(d.propertyNames()).containsExactlyElementsOf(f.propertyNames());
      assertThat(d.path("id").asString()).isEqualTo(f.path("id").asString());
      assertThat(d.path("z").doubleValue()).as(d.path("id").asString()).isCloseTo(f.path("z").doubleValue(), within(1e-12));
      assertThat(d.path("class").asString()).isEqualTo(f.path("class").asString());
      assertThat(d.path("neighbours").asInt()).isEqualTo(f.path("neighbours").asInt());
    }
  }

  @Test
  void readsKdeOnH3CellsFromDatasetLikeFromFile() {
    JsonNode file = ok(AnalyzeCommandTest.run("analyze", "kde", "--input", DONGS.toString(), "--h3-resolution", "8", "--bandwidth-m", "1500"));
    JsonNode dataset = ok(AnalyzeCommandTest.run("analyze", "kde", "--dataset", "dongs", "--h3-resolution", "8", "--bandwidth-m", "1500",
        "--data-dir", DATA.toString()));

    assertThat(dataset.propertyNames()).containsExactlyElementsOf(file.propertyNames());
    assertThat(dataset.path("points").asInt()).isEqualTo(file.path("points").asInt()).isEqualTo(424);
    assertThat(dataset.path("h3_resolution").asInt()).isEqualTo(8);
    Map<String, Double> fromFile = cells(file);
    Map<String, Double> fromDataset = cells(dataset);
    assertThat(fromDataset.keySet()).isEqualTo(fromFile.keySet());
    fromDataset.forEach((cell, density) -> assertThat(density).as(cell).isCloseTo(fromFile.get(cell), within(1e-9 * fromFile.get(cell))));
    assertThat(dataset.path("total_weight").doubleValue()).isCloseTo(424, within(424 * 0.02));
  }

  private static Map<String, Double> cells(JsonNode result) {
    Map<String, Double> out = new LinkedHashMap<>();
    result.path("cells").forEach(c -> out.put(c.path("h3").asString(), c.path("density_per_km2").doubleValue()));
    return out;
  }

  @Test
  void clustersAndSitesFromDatasetsInTheFileShape() {
    JsonNode fileClusters = ok(AnalyzeCommandTest.run("analyze", "dbscan", "--input", DONGS.toString(), "--eps-m", "700", "--min-points", "4"));
    JsonNode clusters = ok(AnalyzeCommandTest.run("analyze", "dbscan", "--dataset", "dongs", "--eps-m", "700", "--min-points", "4",
        "--data-dir", DATA.toString()));
    assertThat(clusters.propertyNames()).containsExactlyElementsOf(fileClusters.propertyNames());
    assertThat(clusters.path("points").size()).isEqualTo(424);
    assertThat(clusters.path("clusters").asInt()).isEqualTo(fileClusters.path("clusters").asInt()).isPositive();
    assertThat(clusters.path("noise").asInt()).isEqualTo(fileClusters.path("noise").asInt());

    JsonNode fileSiting = ok(AnalyzeCommandTest.run("analyze", "pmedian", "--demand", DONGS.toString(), "--p", "5", "--time-limit", "3"));
    JsonNode siting = ok(AnalyzeCommandTest.run("analyze", "pmedian", "--dataset", "dongs", "--p", "5", "--time-limit", "3",
        "--data-dir", DATA.toString()));
    assertThat(siting.propertyNames()).containsExactlyElementsOf(fileSiting.propertyNames());
    assertThat(siting.path("facilities").size()).isEqualTo(5);
    assertThat(siting.path("added")).isEqualTo(siting.path("facilities"));
    // metres on the city's projection against the points' own: the same optimum within a thousandth
    assertThat(siting.path("objective").doubleValue()).isCloseTo(fileSiting.path("objective").doubleValue(),
        within(fileSiting.path("objective").doubleValue() * 1e-3));
  }

  @Test
  void theSameCommandOnSparkPrintsTheSameJson() {
    String[] dbscan = {"analyze", "dbscan", "--dataset", "dongs", "--eps-m", "700", "--min-points", "4", "--data-dir", DATA.toString()};
    JsonNode embedded = ok(AnalyzeCommandTest.run(dbscan));
    JsonNode spark = ok(AnalyzeCommandTest.run(concat(dbscan, "--engine", "spark", "--master", "local[2]")));
    assertThat(embedded.path("clusters").asInt()).isPositive();
    assertThat(spark).isEqualTo(embedded);

    String[] hotspot = {"analyze", "hotspot", "--dataset", "dongs", "--h3-resolution", "7", "--data-dir", DATA.toString()};
    JsonNode cells = ok(AnalyzeCommandTest.run(hotspot));
    JsonNode cellsOnSpark = ok(AnalyzeCommandTest.run(concat(hotspot, "--engine", "spark", "--master", "local[2]")));
    assertThat(cells.path("weights").asString()).isEqualTo("h3-rings:1");
    assertThat(cells.path("features").size()).isGreaterThan(30);
    assertThat(cells.path("features").get(0).path("h3").asString()).hasSize(15);
    assertThat(cellsOnSpark.path("features").size()).isEqualTo(cells.path("features").size());
    for (int i = 0; i < cells.path("features").size(); i++) {
      JsonNode a = cells.path("features").get(i);
      JsonNode b = cellsOnSpark.path("features").get(i);
      assertThat(b.path("h3").asString()).isEqualTo(a.path("h3").asString());
      assertThat(b.path("points").asLong()).isEqualTo(a.path("points").asLong());
      assertThat(b.path("z").doubleValue()).isCloseTo(a.path("z").doubleValue(), within(1e-9));
    }

    String[] kde = {"analyze", "kde", "--dataset", "dongs", "--h3-resolution", "8", "--bandwidth-m", "1500", "--data-dir", DATA.toString()};
    JsonNode densities = ok(AnalyzeCommandTest.run(kde));
    JsonNode onSpark = ok(AnalyzeCommandTest.run(concat(kde, "--engine", "spark", "--master", "local[2]")));
    assertThat(onSpark.propertyNames()).containsExactlyElementsOf(densities.propertyNames());
    assertThat(onSpark.path("cells").size()).isEqualTo(densities.path("cells").size()).isPositive();
    // sums in another order: the same densities within 1e-9, cell by cell
    for (int i = 0; i < densities.path("cells").size(); i++) {
      JsonNode a = densities.path("cells").get(i);
      JsonNode b = onSpark.path("cells").get(i);
      assertThat(b.path("h3").asString()).isEqualTo(a.path("h3").asString());
      double d = a.path("density_per_km2").doubleValue();
      assertThat(b.path("density_per_km2").doubleValue()).isCloseTo(d, within(1e-9 * Math.max(1, d)));
    }
  }

  @Test
  void facilityLocationMergesTheDemandIntoCellsOnSparkAndPrintsTheSameJson() {
    String[] pmedian = {"analyze", "pmedian", "--dataset", "dongs", "--p", "4", "--time-limit", "5", "--demand-h3-resolution", "7",
        "--data-dir", DATA.toString()};
    JsonNode embedded = ok(AnalyzeCommandTest.run(pmedian));
    JsonNode spark = ok(AnalyzeCommandTest.run(concat(pmedian, "--engine", "spark", "--master", "local[2]")));
    assertThat(embedded.path("facilities").size()).isEqualTo(4);
    // the same but the solver's clock
    ((ObjectNode) embedded).remove("seconds");
    ((ObjectNode) spark).remove("seconds");
    assertThat(spark).isEqualTo(embedded);
    // the 424 dongs merged into cells are a different problem from the points themselves
    JsonNode points = ok(AnalyzeCommandTest.run("analyze", "pmedian", "--dataset", "dongs", "--p", "4", "--time-limit", "5", "--data-dir", DATA.toString()));
    assertThat(points.path("objective").doubleValue()).isNotEqualTo(embedded.path("objective").doubleValue());

    AnalyzeCommandTest.Run withoutCells = AnalyzeCommandTest.run("analyze", "pmedian", "--dataset", "dongs", "--p", "4", "--engine", "spark",
        "--data-dir", DATA.toString());
    assertThat(withoutCells.exit()).isEqualTo(2);
    assertThat(withoutCells.err()).contains("demand_h3_resolution");
  }

  @Test
  void sparkTakesDatasetsNotFilesAndAMasterOnlyWithIt() {
    AnalyzeCommandTest.Run file = AnalyzeCommandTest.run("analyze", "dbscan", "--input", DONGS.toString(), "--eps-m", "700", "--engine", "spark");
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err().strip()).isEqualTo("--engine spark analyses datasets: ingest the file with `madang ingest` and give --dataset NAME.");
    AnalyzeCommandTest.Run master = AnalyzeCommandTest.run("analyze", "dbscan", "--dataset", "dongs", "--eps-m", "700", "--master", "local[2]",
        "--data-dir", DATA.toString());
    assertThat(master.exit()).isEqualTo(2);
    assertThat(master.err().strip()).isEqualTo("--master goes with --engine spark.");
    AnalyzeCommandTest.Run engine = AnalyzeCommandTest.run("analyze", "dbscan", "--dataset", "dongs", "--eps-m", "700", "--engine", "flink",
        "--data-dir", DATA.toString());
    assertThat(engine.exit()).isEqualTo(2);
    assertThat(engine.err().strip()).isEqualTo("--engine must be embedded or spark.");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void badInputEndsWithOneSentence() {
    List<AnalyzeCommandTest.Run> runs = new ArrayList<>();
    runs.add(AnalyzeCommandTest.run("analyze", "dbscan", "--dataset", "no-such-data", "--eps-m", "500", "--data-dir", DATA.toString()));
    runs.add(AnalyzeCommandTest.run("analyze", "hotspot", "--dataset", "district-accidents", "--value", "없는 열", "--data-dir", DATA.toString()));
    runs.add(AnalyzeCommandTest.run("analyze", "kde", "--dataset", "dongs", "--input", DONGS.toString(), "--data-dir", DATA.toString()));
    runs.add(AnalyzeCommandTest.run("analyze", "kde", "--dataset", "dongs", "--h3-resolution", "16", "--data-dir", DATA.toString()));
    assertThat(runs).allSatisfy(r -> {
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err().strip().lines()).hasSize(1);
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    });
    assertThat(runs.get(0).err().strip()).isEqualTo("There is no dataset named 'no-such-data'.");
    assertThat(runs.get(1).err()).contains("'district-accidents' has no column '없는 열'");
    assertThat(runs.get(2).err().strip()).isEqualTo("Give either --input FILE or --dataset NAME, not both.");
    assertThat(runs.get(3).err()).contains("h3_resolution must be 5 to 12");
  }
}
