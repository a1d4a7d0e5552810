package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;
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
 * Bus route design as an analysis job on the demo's Seoul night-bus scenario: the demo's ready design of 6 and 9
 * routes is in the catalog, one call designs routes and publishes them as LineStrings with their metrics, bad
 * parameters are problems naming the field, and a long design is cancelled.
 */
@DemoCityTest
class NightBusRoutesApiTest {

  @LocalServerPort int port;
  @Autowired UserDirectory users;

  @BeforeEach
  void users() {
    if (users.findByUsername("analyst-owl").isEmpty()) {
      users.createUser("analyst-owl", "analyst-password", EnumSet.of(Role.ANALYST), null, "올빼미분석");
    }
  }

  private ApiClient analyst() {
    return ApiClient.basic(port, "analyst-owl", "analyst-password");
  }

  @Test
  void theDemoComparesSixAndNineNightBusRoutesOnTheMapAndInTheCatalog() {
    JsonNode dataset = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/seoul-night-bus-routes"));
    assertThat(dataset.path("spatial").asString()).isEqualTo("geometries");
    assertThat(dataset.path("rows").asInt()).isEqualTo(6 + 9);
    // designed from synthetic trips, and says so
    assertThat(dataset.path("synthetic").asBoolean()).isTrue();
    assertThat(ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/seoul-night-bus-demand")).path("synthetic").asBoolean()).isTrue();
    assertThat(ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/seoul-night-bus-cells")).path("synthetic").asBoolean()).isFalse();

    JsonNode routes = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/seoul-night-bus-routes/download?format=geojson"));
    List<Integer> designs = new ArrayList<>();
    for (JsonNode f : routes.path("features")) {
      assertThat(f.path("geometry").path("type").asString()).isEqualTo("LineString");
      JsonNode p = f.path("properties");
      assertThat(f.path("geometry").path("coordinates").size()).isEqualTo(p.path("stops").asInt()).isBetween(8, 25);
      assertThat(p.path("minutes").asDouble()).isPositive();
      assertThat(p.path("km").asDouble()).isPositive();
      assertThat(p.path("att").asDouble()).isPositive();
      assertThat(p.path("d0").asDouble() + p.path("d1").asDouble() + p.path("d2").asDouble() + p.path("dun").asDouble()).isCloseTo(100, within());
      assertThat(p.path("name").asString()).contains(" – ");
      designs.add(p.path("routes").asInt());
    }
    assertThat(designs).containsOnly(6, 9).filteredOn(r -> r == 9).hasSize(9);
  }

  @Test
  void oneCallDesignsNightBusRoutesAndPublishesThemWithTheirMetrics() throws Exception {
    HttpResponse<String> submitted = analyst().postJson("/api/analyses/transit", """
        {"scenario": "seoul-night-bus", "routes": 9, "max_stops": 20, "seed": 7, "time_limit_s": 1,
         "output": {"dataset": "owl-routes-9", "title": "올빼미 9개 노선"}}
        """);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    JsonNode done = poll(id, j -> j.path("status").asString().matches("succeeded|failed|cancelled"));
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("inputs")).extracting(i -> i.path("dataset").asString())
        .containsExactly("seoul-night-bus-cells", "seoul-night-bus-links", "seoul-night-bus-demand");
    JsonNode summary = done.path("summary");
    assertThat(summary.path("stops").asInt()).isEqualTo(121);
    assertThat(summary.path("links").asInt()).isEqualTo(322);
    assertThat(summary.path("trips").asDouble()).isEqualTo(20_757);
    JsonNode design = summary.path("designs").get(0);
    assertThat(design.path("routes").asInt()).isEqualTo(9);
    assertThat(design.path("att").asDouble()).isGreaterThanOrEqualTo(design.path("lower_bound").asDouble());
    assertThat(design.path("stop_reason").asString()).isIn("time_limit", "completed");

    JsonNode dataset = ApiClient.json(analyst().get("/api/datasets/owl-routes-9"));
    assertThat(dataset.path("title").asString()).isEqualTo("올빼미 9개 노선");
    assertThat(dataset.path("synthetic").asBoolean()).isTrue();
    JsonNode features = ApiClient.json(analyst().get("/api/datasets/owl-routes-9/download?format=geojson")).path("features");
    assertThat(features).hasSize(9);
    assertThat(features).allSatisfy(f -> {
      assertThat(f.path("geometry").path("type").asString()).isEqualTo("LineString");
      assertThat(f.path("properties").path("att").asDouble()).isEqualTo(design.path("att").asDouble(), within());
      assertThat(f.path("properties").path("stops").asInt()).isLessThanOrEqualTo(20);
    });
  }

  @Test
  void badParametersAreProblemsNamingTheField() {
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": 0}", "routes");
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": [6, 9, 12, 15, 18]}", "routes");
    assertProblem("{\"scenario\": \"busan-night-bus\", \"routes\": 9}", "scenario");
    // 2 routes of at most 10 stops cannot reach 121 cells
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": 2, \"max_stops\": 10}", "max_stops");
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": 9, \"min_stops\": 12, \"max_stops\": 10}", "max_stops");
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": 9, \"min_stops\": 1}", "min_stops");
    assertProblem("{\"scenario\": \"seoul-night-bus\", \"routes\": 9, \"time_limit_s\": 3600}", "time_limit_s");
    assertProblem("{\"nodes\": {\"dataset\": \"seoul-night-bus-cells\", \"id\": \"cell\"}, \"links\": {\"dataset\": \"seoul-night-bus-links\","
        + " \"from\": \"from_cell\", \"to\": \"to_cell\", \"minutes\": \"no_such_column\"}, \"demand\": {\"dataset\": \"seoul-night-bus-demand\","
        + " \"from\": \"origin_cell\", \"to\": \"destination_cell\"}, \"routes\": 9}", "links.minutes");
  }

  private void assertProblem(String body, String field) {
    HttpResponse<String> r = analyst().postJson("/api/analyses/transit", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.json(r).path("field").asString()).as(r.body()).isEqualTo(field);
  }

  @Test
  void aLongDesignIsCancelledAndPublishesNothing() throws Exception {
    HttpResponse<String> submitted = analyst().postJson("/api/analyses/transit", """
        {"scenario": "seoul-night-bus", "routes": [6, 9], "max_stops": 25, "time_limit_s": 300, "output": {"dataset": "cancelled-owl-routes"}}
        """);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    poll(id, j -> j.path("status").asString().equals("running") && j.path("phase").asString().equals("designing"));

    HttpResponse<String> cancel = analyst().send(HttpRequest.newBuilder(URI.create(analyst().base() + "/api/analyses/" + id)).DELETE());
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    long asked = System.nanoTime();
    JsonNode done = poll(id, j -> j.path("status").asString().matches("succeeded|failed|cancelled"));
    assertThat(done.path("status").asString()).isEqualTo("cancelled");
    // far below the 300 s time limit of each design (generous for a loaded machine)
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(30));
    assertThat(analyst().get("/api/datasets/cancelled-owl-routes").statusCode()).isEqualTo(404);
  }

  private JsonNode poll(long id, Predicate<JsonNode> until) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    JsonNode job;
    do {
      job = ApiClient.json(analyst().get("/api/analyses/" + id));
      if (until.test(job)) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("analysis " + id + " is still " + job.path("status").asString());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
