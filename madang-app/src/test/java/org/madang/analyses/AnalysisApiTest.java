package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Analyses over real HTTP on the demo city: an analyst submits, polls and reads the result dataset; bad input is
 * problem+json naming the parameter; a long p-median is cancelled; only analysts, officials, stewards and admins may
 * run analyses, and each sees only their own jobs.
 */
@DemoCityTest
class AnalysisApiTest {

  private static final String HOTSPOT = """
      {"input": {"dataset": "seoul-districts", "label": "SIG_KOR_NM"},
       "value": {"dataset": "elderly-traffic-accidents-2023", "column": "노인 보행 교통사고"},
       "per": {"dataset": "population-by-district-2020", "column": "65세이상"}, "scale": 1000,
       "weights": "queen", "statistic": "gistar"%s}
      """;

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;

  @BeforeEach
  void users() {
    if (users.findByUsername("analyst-choi").isEmpty()) {
      users.createUser("analyst-choi", "analyst-password", EnumSet.of(Role.ANALYST), null, "최분석");
      users.createUser("analyst-han", "analyst-password", EnumSet.of(Role.ANALYST), null, "한분석");
      users.createUser("citizen-jung", "citizen-password", EnumSet.of(Role.CITIZEN), null, "정시민");
    }
  }

  private ApiClient analyst() {
    return ApiClient.basic(port, "analyst-choi", "analyst-password");
  }

  private static JsonNode poll(ApiClient client, long id, Predicate<JsonNode> until) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode job;
    do {
      job = ApiClient.json(client.get("/api/analyses/" + id));
      if (until.test(job)) {
        return job;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("analysis " + id + " is still " + job.path("status").asString());
  }

  private static boolean finished(JsonNode job) {
    return job.path("status").asString().matches("succeeded|failed|cancelled");
  }

  @Test
  void anAnalystRunsAHotSpotAnalysisAndReadsTheResultAsADataset() throws Exception {
    HttpResponse<String> submitted = analyst().postJson("/api/analyses/hotspot", HOTSPOT.formatted(""));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    JsonNode job = ApiClient.json(submitted);
    long id = job.path("id").asLong();
    assertThat(submitted.headers().firstValue("Location")).hasValue("/api/analyses/" + id);
    assertThat(job.path("status").asString()).isIn("queued", "running", "succeeded");

    JsonNode done = poll(analyst(), id, AnalysisApiTest::finished);
    assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("progress").doubleValue()).isEqualTo(1.0);
    assertThat(done.path("summary").path("features").asInt()).isEqualTo(25);
    assertThat(done.path("summary").path("hot").asInt()).isPositive();
    assertThat(done.path("inputs")).extracting(i -> i.path("dataset").asString())
        .containsExactly("seoul-districts", "elderly-traffic-accidents-2023", "population-by-district-2020");
    String output = done.path("output").path("dataset").asString();
    assertThat(output).isEqualTo("analysis-" + id + "-hotspot");

    JsonNode dataset = ApiClient.json(analyst().get("/api/datasets/" + output));
    assertThat(dataset.path("organization").asString()).isEqualTo("analyses");
    assertThat(dataset.path("access").asString()).isEqualTo("registered");
    assertThat(dataset.path("spatial").asString()).isEqualTo("geometries");
    assertThat(dataset.path("source").asString()).contains("#" + id).contains("elderly-traffic-accidents-2023 v1");
    HttpResponse<String> rows = analyst().get("/api/datasets/" + output + "/rows?limit=100");
    assertThat(rows.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(rows).path("rows").size()).isEqualTo(25);
    assertThat(ApiClient.anonymous(port).get("/api/datasets/" + output + "/rows").statusCode()).isEqualTo(403);

    assertThat(audit.listFor("analysis", String.valueOf(id), 10)).extracting(AuditTrail.AuditEntry::action)
        .contains("analysis.submit", "analysis.succeed");
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    assertProblem("/api/analyses/hotspot", "{\"input\": \"no-such-dataset\", \"value\": \"x\"}", "input");
    assertProblem("/api/analyses/hotspot", HOTSPOT.formatted("").replace("노인 보행 교통사고", "없는 열"), "value.column");
    assertProblem("/api/analyses/pmedian", "{\"demand\": \"seoul-dong-centroids\", \"existing\": \"senior-leisure-facilities-2022\", \"p\": 425}", "p");
    assertProblem("/api/analyses/dbscan", "{\"input\": \"bike-stations\", \"eps_m\": 0}", "eps_m");
    assertProblem("/api/analyses/dbscan", "{\"input\": \"bike-stations\", \"eps_m\": -5}", "eps_m");
    assertProblem("/api/analyses/mclp", "{\"demand\": \"seoul-dong-centroids\", \"p\": 3}", "coverage_m");
    assertProblem("/api/analyses/kde", "{\"input\": \"bike-stations\", \"cell_size\": 100}", "cell_size");
    assertProblem("/api/analyses/teleport", "{}", "kind");
    // a restricted dataset the analyst cannot see is as unknown as a missing one
    assertProblem("/api/analyses/kde", "{\"input\": \"senior-nursing-homes-2024\"}", "input");
  }

  private void assertProblem(String path, String body, String field) {
    HttpResponse<String> r = analyst().postJson(path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem = ApiClient.json(r);
    assertThat(problem.path("field").asString()).as(r.body()).isEqualTo(field);
    assertThat(problem.path("detail").asString()).isNotBlank();
  }

  @Test
  void aLongPMedianIsCancelledAndPublishesNothing() throws Exception {
    HttpResponse<String> submitted = analyst().postJson("/api/analyses/pmedian", """
        {"demand": "bike-stations", "p": 40, "iterations": 0, "time_limit_s": 120,
         "output": {"dataset": "cancelled-siting"}}
        """);
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    poll(analyst(), id, j -> j.path("status").asString().equals("running") && j.path("phase").asString().equals("solving"));

    HttpResponse<String> cancel = analyst().send(HttpRequest.newBuilder(URI.create(analyst().base() + "/api/analyses/" + id)).DELETE());
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
    long asked = System.nanoTime();
    JsonNode done = poll(analyst(), id, AnalysisApiTest::finished);
    assertThat(done.path("status").asString()).isEqualTo("cancelled");
    // far below the 120 s time limit: the cancellation stopped the solver, not its time limit (generous for loaded CI)
    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(60));
    assertThat(analyst().get("/api/datasets/cancelled-siting").statusCode()).isEqualTo(404);
    HttpResponse<String> again = analyst().send(HttpRequest.newBuilder(URI.create(analyst().base() + "/api/analyses/" + id)).DELETE());
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void onlyAnalystsOfficialsStewardsAndAdminsRunAnalysesAndEachSeesTheirOwn() throws Exception {
    HttpResponse<String> anonymous = ApiClient.anonymous(port).postJson("/api/analyses/hotspot", HOTSPOT.formatted(""));
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.basic(port, "citizen-jung", "citizen-password").postJson("/api/analyses/hotspot", HOTSPOT.formatted("")).statusCode())
        .isEqualTo(403);

    HttpResponse<String> publicRequest = analyst().postJson("/api/analyses/hotspot", HOTSPOT.formatted(", \"output\": {\"access\": \"public\"}"));
    assertThat(publicRequest.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(publicRequest).path("field").asString()).isEqualTo("output.access");

    long id = ApiClient.json(analyst().postJson("/api/analyses/hotspot", HOTSPOT.formatted(""))).path("id").asLong();
    assertThat(ApiClient.basic(port, "analyst-han", "analyst-password").get("/api/analyses/" + id).statusCode()).isEqualTo(404);
    assertThat(ApiClient.anonymous(port).get("/api/analyses/" + id).statusCode()).isEqualTo(404);
    assertThat(ApiClient.admin(port).get("/api/analyses/" + id).statusCode()).isEqualTo(200);
    poll(analyst(), id, AnalysisApiTest::finished);
  }

  @Test
  void theDemoCityComesWithItsTwoAnalysesPublished() {
    JsonNode hotspots = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/senior-accident-hotspots"));
    assertThat(hotspots.path("spatial").asString()).isEqualTo("geometries");
    assertThat(hotspots.path("rows").asInt()).isEqualTo(25);
    JsonNode siting = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/senior-leisure-siting"));
    assertThat(siting.path("spatial").asString()).isEqualTo("points");
    HttpResponse<String> added = ApiClient.anonymous(port).get("/api/datasets/senior-leisure-siting/rows?filter.facility_role=added&limit=100");
    assertThat(ApiClient.json(added).path("rows").size()).as(added.body()).isEqualTo(10);
  }
}
