package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code madang analyze --dataset} while a server holds the data dir: the CLI says so in one sentence and offers
 * {@code --server}; with it the analysis runs as a job on the server and prints the same JSON as locally.
 */
@DemoCityTest
class AnalyzeDatasetAgainstServerTest {

  @LocalServerPort int port;

  @Test
  void onARunningServersDataDirTheCliPointsToTheServer() {
    AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "dbscan", "--dataset", "bike-stations", "--eps-m", "500",
        "--data-dir", "target/test-data/demo-city");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("A Madang server is already running on " + Path.of("target/test-data/demo-city").toAbsolutePath()
        + "; add --server http://127.0.0.1:" + port + " to go through its API instead.");
  }

  @Test
  void hotspotsOfADistrictTableThroughTheServerMatchTheDemoAnalysis() {
    // the demo's senior-accident-hotspots: the same rate on the same district boundaries, from the district polygons
    AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("analyze", "hotspot", "--dataset", "elderly-traffic-accidents-2023",
        "--value", "노인 보행 교통사고", "--per", "65세이상", "--per-from", "population-by-district-2020", "--scale", "1000",
        "--weights", "queen", "--id", "자치구", "--server", "http://127.0.0.1:" + port, "--password", DemoCityTest.ADMIN_PASSWORD);
    JsonNode result = AnalyzeDatasetCommandTest.ok(r);
    assertThat(result.path("n").asInt()).isEqualTo(25);
    assertThat(result.path("weights").asString()).isEqualTo("queen");

    Map<String, Double> demo = new HashMap<>();
    ApiClient.json(ApiClient.admin(port).get("/api/datasets/senior-accident-hotspots/rows?limit=100")).path("rows")
        .forEach(row -> demo.put(row.path("name").asString(), row.path("z").doubleValue()));
    assertThat(demo).hasSize(25);
    for (JsonNode f : result.path("features")) {
      assertThat(f.path("z").doubleValue()).as(f.path("id").asString()).isCloseTo(demo.get(f.path("id").asString()), within(1e-9));
    }
    assertThat(result.path("features")).anySatisfy(f -> assertThat(f.path("class").asString()).startsWith("hot-"));
  }
}
