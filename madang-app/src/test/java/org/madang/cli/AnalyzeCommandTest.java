package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code madang analyze} on files, without an application context: published values reproduced, JSON on standard
 * output, one sentence and a non-zero exit for bad input.
 */
class AnalyzeCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return JsonMapper.shared().readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = MadangCommandLine.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  static String resource(String name) {
    try {
      return Path.of(AnalyzeCommandTest.class.getResource("/analyses/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void hotspotOnColumbusReproducesEsdasPublishedGearysCAndMoransI() {
    JsonNode reference = JsonMapper.shared().readTree(Path.of(resource("reference_values_esda_tests.json")).toFile());
    JsonNode geary = null;
    for (JsonNode check : reference.path("checks")) {
      if (check.path("id").asString().equals("columbus_geary_global")) {
        geary = check.path("expected");
      }
    }
    // esda's Geary test builds rook contiguity from the polygons
    Run rook = run("analyze", "hotspot", "--input", resource("columbus.geojson"), "--value", "CRIME", "--weights", "rook", "--statistic", "gistar",
        "--id", "POLYID");
    assertThat(rook.exit()).as(rook.err()).isZero();
    JsonNode global = rook.json().path("global");
    assertThat(global.path("geary_c").doubleValue()).isCloseTo(geary.path("C").doubleValue(), within(1e-9));
    assertThat(global.path("geary_z").doubleValue()).isCloseTo(geary.path("z_rand").doubleValue(), within(1e-7));

    // esda's documented Moran's I of Columbus CRIME under queen contiguity (columbus.gal, row-standardised)
    Run queen = run("analyze", "hotspot", "--input", resource("columbus.geojson"), "--value", "CRIME", "--weights", "queen", "--statistic", "local-moran",
        "--id", "POLYID");
    assertThat(queen.exit()).as(queen.err()).isZero();
    assertThat(queen.json().path("global").path("moran_i").doubleValue()).isCloseTo(0.5001885571828611, within(1e-9));

    JsonNode features = queen.json().path("features");
    assertThat(features.size()).isEqualTo(49);
    List<Long> ids = new ArrayList<>();
    features.forEach(f -> ids.add(f.path("id").asLong()));
    assertThat(ids).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 49).boxed().toList());
    assertThat(features.get(0).has("statistic")).isTrue();
    assertThat(features.get(0).path("quadrant").asString()).isIn("HH", "LH", "LL", "HL");
    assertThat(features.get(0).path("p").doubleValue()).isBetween(0.0, 0.5);
  }

  @Test
  void pmedianSolvesOrLibraryPmed1ToItsOptimum() {
    Run r = run("analyze", "pmedian", "--orlib", resource("pmed1.txt"), "--seed", "3", "--time-limit", "10");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = r.json();
    assertThat(json.path("instance").asString()).isEqualTo("pmed1");
    assertThat(json.path("p").asInt()).isEqualTo(5);
    assertThat(json.path("objective").asLong()).isEqualTo(5819);
    assertThat(json.path("facilities").size()).isEqualTo(5);
    assertThat(json.path("seconds").doubleValue()).isLessThan(10);
  }

  @Test
  void mclpDbscanAndKdeReadCsvPoints() throws Exception {
    StringBuilder csv = new StringBuilder("name,lat,lon,people\n");
    for (int i = 0; i < 10; i++) {
      csv.append("a").append(i).append(',').append(37.5600 + i * 0.0002).append(',').append(126.9800 + i * 0.0002).append(",10\n");
      csv.append("b").append(i).append(',').append(37.5130 + i * 0.0002).append(',').append(127.1000 + i * 0.0002).append(",30\n");
    }
    Path points = Files.writeString(dir.resolve("points.csv"), csv.toString());

    Run mclp = run("analyze", "mclp", "--demand", points.toString(), "--weight", "people", "--p", "1", "--coverage-m", "500", "--id", "name");
    assertThat(mclp.exit()).as(mclp.err()).isZero();
    assertThat(mclp.json().path("covered").doubleValue()).isEqualTo(300.0);
    assertThat(mclp.json().path("added").get(0).asString()).startsWith("b");

    Run dbscan = run("analyze", "dbscan", "--input", points.toString(), "--eps-m", "100", "--min-points", "3");
    assertThat(dbscan.exit()).as(dbscan.err()).isZero();
    assertThat(dbscan.json().path("clusters").asInt()).isEqualTo(2);
    assertThat(dbscan.json().path("points").size()).isEqualTo(20);

    Run kde = run("analyze", "kde", "--input", points.toString(), "--weight", "people", "--bandwidth-m", "300", "--cell-m", "50");
    assertThat(kde.exit()).as(kde.err()).isZero();
    assertThat(kde.json().path("total_weight").doubleValue()).isCloseTo(400.0, within(2.0));
    assertThat(kde.json().path("cells").get(0).has("lat")).isTrue();

    Run hexes = run("analyze", "kde", "--input", points.toString(), "--weight", "people", "--bandwidth-m", "300", "--h3-resolution", "10");
    assertThat(hexes.exit()).as(hexes.err()).isZero();
    assertThat(hexes.json().path("h3_resolution").asInt()).isEqualTo(10);
    assertThat(hexes.json().path("total_weight").doubleValue()).isCloseTo(400.0, within(400.0 * 0.03));
    assertThat(hexes.json().path("cells").get(0).path("h3").asString()).matches("[0-9a-f]{15}");
  }

  @Test
  void badInputEndsWithOneSentenceAndExitCodeTwo() {
    Run missing = run("analyze", "pmedian", "--orlib", "no/such/pmed.txt");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("There is no file at no/such/pmed.txt.");

    Run weights = run("analyze", "hotspot", "--input", resource("columbus.geojson"), "--value", "CRIME", "--weights", "bishop");
    assertThat(weights.exit()).isEqualTo(2);
    assertThat(weights.err().strip().lines()).hasSize(1);
    assertThat(weights.err()).contains("queen, rook, knn:K or distance:METRES");

    Run field = run("analyze", "hotspot", "--input", resource("columbus.geojson"), "--value", "CRIMES");
    assertThat(field.exit()).isEqualTo(2);
    assertThat(field.err().strip().lines()).hasSize(1);
    assertThat(field.err()).contains("CRIMES").doesNotContain("Exception");

    Run eps = run("analyze", "dbscan", "--input", resource("columbus.geojson"), "--eps-m", "0");
    assertThat(eps.exit()).isEqualTo(2);
    assertThat(eps.err()).contains("eps");
  }
}
