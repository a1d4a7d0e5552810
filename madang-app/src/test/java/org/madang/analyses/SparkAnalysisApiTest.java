package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code "engine": "spark"} on {@code POST /api/analyses/{kind}}: the job runs on Spark (local[2], the madang-spark
 * driver the build leaves in madang-spark/target) and its result dataset equals the embedded engine's for the same
 * request, with lineage naming the engine (p-median: the demand cells summed on Spark, the solve here, the same open
 * facilities); a cancelled Spark job kills its driver and leaves nothing in the catalog; a wrong engine is a problem
 * naming {@code engine}, facility location on Spark without {@code demand_h3_resolution} one naming that.
 */
@DemoCityTest
class SparkAnalysisApiTest {

  @LocalServerPort int port;
  @Autowired UserDirectory users;

  @BeforeEach
  void analyst() {
    if (users.findByUsername("analyst-spark").isEmpty()) {
      users.createUser("analyst-spark", "analyst-password", EnumSet.of(Role.ANALYST), null, "박스파크");
    }
  }

  private ApiClient client() {
    return ApiClient.basic(port, "analyst-spark", "analyst-password");
  }

  @Test
  void hotSpotsOverH3CellsOnSparkBecomeTheSameDatasetAsOnTheEmbeddedEngine() throws Exception {
    String parameters = "\"input\": \"bike-stations\", \"h3_resolution\": 8, \"rings\": 1";
    JsonNode embedded = run("hotspot", "{" + parameters + ", \"output\": {\"dataset\": \"bike-hotspots-embedded\"}}");
    JsonNode spark = run("hotspot", "{" + parameters + ", \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-hotspots-spark\"}}");
    assertThat(embedded.path("engine").asString()).isEqualTo("embedded");
    assertThat(spark.path("engine").asString()).isEqualTo("spark");

    Map<String, Double> byCell = column("bike-hotspots-embedded", "z");
    Map<String, Double> onSpark = column("bike-hotspots-spark", "z");
    assertThat(byCell).hasSizeGreaterThan(100);
    assertThat(onSpark.keySet()).isEqualTo(byCell.keySet());
    byCell.forEach((cell, z) -> assertThat(onSpark.get(cell)).as(cell).isCloseTo(z, within(1e-9)));

    // the result's versions say where it was computed
    JsonNode version = ApiClient.json(client().get("/api/datasets/bike-hotspots-spark/versions")).get(0);
    assertThat(version.path("lineage").path("engine").asString()).isEqualTo("spark");
    assertThat(version.path("lineage").path("inputs").get(0).path("dataset").asString()).isEqualTo("bike-stations");
    JsonNode embeddedVersion = ApiClient.json(client().get("/api/datasets/bike-hotspots-embedded/versions")).get(0);
    assertThat(embeddedVersion.path("lineage").path("analysis").asString()).isEqualTo("hotspot");
    assertThat(embeddedVersion.path("lineage").has("engine")).isFalse();
  }

  @Test
  void clustersOnSparkAreTheEmbeddedEnginesClusters() throws Exception {
    String parameters = "\"input\": \"bike-stations\", \"eps_m\": 250, \"min_points\": 5";
    JsonNode embedded = run("dbscan", "{" + parameters + ", \"output\": {\"dataset\": \"bike-clusters-embedded\"}}");
    JsonNode spark = run("dbscan", "{" + parameters + ", \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-clusters-spark\"}}");
    assertThat(spark.path("summary").path("clusters").asInt()).isEqualTo(embedded.path("summary").path("clusters").asInt()).isPositive();
    assertThat(spark.path("summary").path("noise").asInt()).isEqualTo(embedded.path("summary").path("noise").asInt());
    Map<String, String> byPoint = clusters("bike-clusters-embedded");
    assertThat(byPoint).hasSizeGreaterThan(1000);
    // clusters are numbered by their lowest-id core point on both engines, so the labels themselves agree
    assertThat(clusters("bike-clusters-spark")).isEqualTo(byPoint);
  }

  private Map<String, String> clusters(String dataset) {
    JsonNode rows = ApiClient.json(client().get("/api/datasets/" + dataset + "/rows?limit=32000"));
    Map<String, String> out = new HashMap<>();
    rows.path("rows").forEach(r -> out.put(r.path("source_id").asString(), r.path("cluster").asString() + (r.path("core").asBoolean() ? "*" : "")));
    return out;
  }

  @Test
  void pMedianOverDemandCellsSummedOnSparkOpensTheEmbeddedEnginesFacilities() throws Exception {
    String parameters = "\"demand\": \"bike-stations\", \"weight\": \"LCD 거치대수\", \"demand_h3_resolution\": 8, \"p\": 4, \"seed\": 3, "
        + "\"iterations\": 4, \"time_limit_s\": 120";
    JsonNode embedded = run("pmedian", "{" + parameters + ", \"output\": {\"dataset\": \"bike-pmedian-embedded\"}}");
    JsonNode spark = run("pmedian", "{" + parameters + ", \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-pmedian-spark\"}}");
    assertThat(spark.path("engine").asString()).isEqualTo("spark");
    JsonNode e = embedded.path("summary");
    JsonNode s = spark.path("summary");
    assertThat(s.path("demand_cells").asInt()).isEqualTo(e.path("demand_cells").asInt()).isGreaterThan(300);
    assertThat(s.path("demand_points").asLong()).isEqualTo(e.path("demand_points").asLong());
    assertThat(s.path("demand_weight").asDouble()).isEqualTo(e.path("demand_weight").asDouble());
    assertThat(s.path("objective").asDouble()).isCloseTo(e.path("objective").asDouble(), within(1e-9 * e.path("objective").asDouble()));

    Map<String, String> opened = openFacilities("bike-pmedian-embedded");
    assertThat(opened).hasSize(4);
    assertThat(openFacilities("bike-pmedian-spark")).isEqualTo(opened);
    JsonNode version = ApiClient.json(client().get("/api/datasets/bike-pmedian-spark/versions")).get(0);
    assertThat(version.path("lineage").path("engine").asString()).isEqualTo("spark");
    assertThat(version.path("lineage").path("parameters").path("demand_h3_resolution").asInt()).isEqualTo(8);
  }

  /** The added facilities of a location result: site → the demand weight it serves. */
  private Map<String, String> openFacilities(String dataset) {
    JsonNode rows = ApiClient.json(client().get("/api/datasets/" + dataset + "/rows?limit=32000"));
    Map<String, String> out = new HashMap<>();
    rows.path("rows").forEach(r -> {
      if (r.path("facility_role").asString().equals("added")) {
        out.put(r.path("site").asString(), r.path("served_weight").asString());
      }
    });
    return out;
  }

  @Test
  void facilityLocationOnSparkWithoutDemandCellsIsAProblemNamingTheResolution() {
    HttpResponse<String> r = client().postJson("/api/analyses/mclp",
        "{\"demand\": \"bike-stations\", \"p\": 2, \"coverage_m\": 800, \"engine\": \"spark\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.json(r).path("field").asString()).as(r.body()).isEqualTo("demand_h3_resolution");
    assertThat(ApiClient.json(r).path("detail").asString()).contains("demand_h3_resolution");
  }

  @Test
  void aCancelledSparkJobKillsItsDriverAndLeavesNothingInTheCatalog() throws Exception {
    HttpResponse<String> submitted = client().postJson("/api/analyses/aggregate",
        "{\"input\": \"bike-stations\", \"by\": \"h3\", \"h3_resolution\": 9, \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-cells-cancelled\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    awaitDriver(id);
    JsonNode job = ApiClient.json(client().get("/api/analyses/" + id));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("running");

    HttpResponse<String> cancel = client().send(HttpRequest.newBuilder(URI.create(client().base() + "/api/analyses/" + id)).DELETE());
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    job = await(id);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("cancelled");
    assertThat(driverRunning(id)).as("the driver was killed").isFalse();
    assertThat(client().get("/api/datasets/bike-cells-cancelled").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownEngineOrSparkForRouteDesignIsAProblemNamingTheEngine() {
    for (String[] c : new String[][] {
        {"kde", "{\"input\": \"bike-stations\", \"engine\": \"flink\"}"},
        {"kde", "{\"input\": \"bike-stations\", \"engine\": 2}"},
        {"transit", "{\"scenario\": \"seoul-night-bus\", \"routes\": 6, \"engine\": \"spark\"}"}}) {
      HttpResponse<String> r = client().postJson("/api/analyses/" + c[0], c[1]);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(ApiClient.json(r).path("field").asString()).as(r.body()).isEqualTo("engine");
    }
  }

  private JsonNode run(String kind, String body) throws InterruptedException {
    HttpResponse<String> submitted = client().postJson("/api/analyses/" + kind, body);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    JsonNode job = await(ApiClient.json(submitted).path("id").asLong());
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    return job;
  }

  /** A number column of a result with one row per H3 cell, by the cell's address. */
  private Map<String, Double> column(String dataset, String name) {
    JsonNode rows = ApiClient.json(client().get("/api/datasets/" + dataset + "/rows?limit=32000"));
    Map<String, Double> out = new HashMap<>();
    rows.path("rows").forEach(r -> out.put(r.path("h3_address").asString(), r.path(name).doubleValue()));
    return out;
  }

  private static boolean driverRunning(long id) {
    String job = "analysis-" + id;
    return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains(SparkSubmission.MAIN_CLASS) && c.contains(job)).orElse(false));
  }

  /** Waits until the job's driver process runs (it takes seconds to start Spark, so the job is mid-way then). */
  private void awaitDriver(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    do {
      if (driverRunning(id)) {
        return;
      }
      JsonNode job = ApiClient.json(client().get("/api/analyses/" + id));
      assertThat(job.path("status").asString()).as(job.toString()).isIn("queued", "running");
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the driver of analysis " + id + " never started");
  }

  private JsonNode await(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    JsonNode job;
    do {
      job = ApiClient.json(client().get("/api/analyses/" + id));
      if (job.path("status").asString().matches("succeeded|failed|cancelled")) {
        return job;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("analysis " + id + " is still " + job.path("status").asString());
  }
}
