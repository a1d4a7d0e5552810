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
 * request; the job reports Spark's stages and tasks while it runs; a cancelled Spark job kills its driver and leaves
 * nothing in the catalog; a wrong engine is a problem naming {@code engine}.
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
  void kernelDensityOnSparkBecomesTheSameDatasetAsOnTheEmbeddedEngine() throws Exception {
    String parameters = "\"input\": \"bike-stations\", \"h3_resolution\": 8, \"bandwidth_m\": 1000";
    JsonNode embedded = run("kde", "{" + parameters + ", \"output\": {\"dataset\": \"bike-density-embedded\"}}");
    JsonNode spark = run("kde", "{" + parameters + ", \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-density-spark\"}}");
    assertThat(embedded.path("engine").asString()).isEqualTo("embedded");
    assertThat(spark.path("engine").asString()).isEqualTo("spark");
    assertThat(spark.path("summary").path("cells").asInt()).isEqualTo(embedded.path("summary").path("cells").asInt()).isPositive();
    assertThat(spark.path("summary").path("points").asInt()).isEqualTo(embedded.path("summary").path("points").asInt());

    Map<String, Double> byCell = densities("bike-density-embedded");
    Map<String, Double> onSpark = densities("bike-density-spark");
    assertThat(onSpark.keySet()).isEqualTo(byCell.keySet());
    byCell.forEach((cell, density) -> assertThat(onSpark.get(cell)).as(cell).isCloseTo(density, within(1e-9 * Math.max(1, density))));

    // the result's lineage says where it was computed
    JsonNode versions = ApiClient.json(client().get("/api/datasets/bike-density-spark/versions"));
    assertThat(versions.toString()).contains("spark");
  }

  @Test
  void aCancelledSparkJobKillsItsDriverAndLeavesNothingInTheCatalog() throws Exception {
    HttpResponse<String> submitted = client().postJson("/api/analyses/dbscan",
        "{\"input\": \"bike-stations\", \"eps_m\": 300, \"min_points\": 4, \"engine\": \"spark\", \"output\": {\"dataset\": \"bike-clusters-cancelled\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    JsonNode job = awaitPhase(id, "spark");
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("running");
    assertThat(driverRunning(id)).as("the driver runs as its own process").isTrue();

    HttpResponse<String> cancel = client().send(HttpRequest.newBuilder(URI.create(client().base() + "/api/analyses/" + id)).DELETE());
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    job = await(id);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("cancelled");
    assertThat(driverRunning(id)).as("the driver was killed").isFalse();
    assertThat(client().get("/api/datasets/bike-clusters-cancelled").statusCode()).isEqualTo(404);
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

  private Map<String, Double> densities(String dataset) {
    JsonNode rows = ApiClient.json(client().get("/api/datasets/" + dataset + "/rows?limit=32000"));
    Map<String, Double> out = new HashMap<>();
    rows.path("rows").forEach(r -> out.put(r.path("h3_address").asString(), r.path("density_per_km2").doubleValue()));
    return out;
  }

  private static boolean driverRunning(long id) {
    String job = "analysis-" + id;
    return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains(SparkSubmission.MAIN_CLASS) && c.contains(job)).orElse(false));
  }

  private JsonNode awaitPhase(long id, String phase) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode job;
    do {
      job = ApiClient.json(client().get("/api/analyses/" + id));
      if (job.path("phase").asString().startsWith(phase) || job.path("status").asString().matches("succeeded|failed|cancelled")) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("analysis " + id + " never reached " + phase + ": " + job);
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
