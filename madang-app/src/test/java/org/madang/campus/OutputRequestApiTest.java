package org.madang.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results of restricted data leave a project only as output requests: checked automatically (threshold, secondary
 * suppression, dominance, identifiers), reviewed by a steward of the data's organization who is not in the project,
 * then downloaded or published with their lineage; every step is in the audit log.
 */
@DemoCityTest
class OutputRequestApiTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String PASSWORD = "output-password";
  /** One row per nursing home: the records the table counts. */
  static final String HOMES = "SELECT district_code, seolribgubun AS kind, iyongja_jeongwon AS capacity, gigwanmyeongching AS name FROM senior_nursing_homes_2024";

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired CatalogRepository catalog;
  @Autowired AuditTrail audit;

  @BeforeEach
  void users() {
    if (users.findByUsername("out-citizen").isEmpty()) {
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      users.createUser("out-citizen", PASSWORD, EnumSet.of(Role.CITIZEN), null, "시민");
      users.createUser("out-official", PASSWORD, EnumSet.of(Role.OFFICIAL), null, "공무원");
      users.createUser("out-steward", PASSWORD, EnumSet.of(Role.STEWARD), welfare, "관리자");
      users.createUser("out-steward-member", PASSWORD, EnumSet.of(Role.STEWARD), welfare, "관리자이자 팀원");
      users.createUser("out-outsider", PASSWORD, EnumSet.of(Role.CITIZEN), null, "외부인");
    }
  }

  ApiClient as(String user) {
    return ApiClient.basic(port, user, PASSWORD);
  }

  static JsonNode json(HttpResponse<String> r) {
    return ApiClient.json(r);
  }

  long project(boolean restricted) {
    HttpResponse<String> proposed = as("out-citizen").postJson("/api/campus/projects", """
        {"title": "요양시설 정원", "purpose": "Nursing-home places per district", "start_date": "%s", "end_date": "%s",
         "datasets": ["%s"], "members": ["out-steward-member"]}""".formatted(LocalDate.now().minusDays(1), LocalDate.now().plusDays(30), RESTRICTED));
    long id = json(proposed).path("id").asLong();
    assertThat(as("out-official").postJson("/api/campus/projects/" + id + "/decision", "{\"approve\": true, \"reason\": \"ok\"}").statusCode()).isEqualTo(200);
    if (restricted) {
      HttpResponse<String> asked = as("out-citizen").postJson("/api/campus/projects/" + id + "/access-requests", "{\"dataset\": \"" + RESTRICTED + "\", \"reason\": \"places\"}");
      assertThat(as("out-steward").postJson("/api/campus/access-requests/" + json(asked).path("id").asLong() + "/decision",
          "{\"approve\": true, \"reason\": \"aggregates only\"}").statusCode()).isEqualTo(200);
    }
    return id;
  }

  HttpResponse<String> ask(String user, long project, String title, String sql, List<String> dimensions, List<Map<String, String>> measures) {
    Map<String, Object> body = Map.of("title", title, "sql", sql, "dimensions", dimensions, "measures", measures);
    return as(user).postJson("/api/campus/projects/" + project + "/outputs", JsonMapper.shared().writeValueAsString(body));
  }

  static final List<Map<String, String>> COUNT_AND_CAPACITY = List.of(Map.of("statistic", "count"), Map.of("statistic", "sum", "column", "capacity"));

  @Test
  void anOutputIsCheckedReviewedDownloadedAndPublishedWithItsLineage() {
    long id = project(true);
    HttpResponse<String> asked = ask("out-citizen", id, "자치구별 요양시설 정원", HOMES, List.of("district_code"), COUNT_AND_CAPACITY);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    JsonNode output = json(asked);
    long oid = output.path("id").asLong();
    assertThat(output.path("status").asString()).isEqualTo("pending");
    assertThat(output.path("datasets").toString()).contains(RESTRICTED);
    JsonNode check = output.path("check");
    assertThat(check.path("passed").asBoolean()).isTrue();
    assertThat(check.path("view").asString()).isEqualTo("publishable");
    assertThat(check.path("columns").toString()).isEqualTo("[\"district_code\",\"count\",\"sum(capacity)\"]");
    // districts with fewer than 10 homes are suppressed, and their values are not shown to the analyst
    List<JsonNode> suppressed = new ArrayList<>();
    check.path("rows").forEach(r -> {
      if (r.path("_status").asString().equals("suppressed")) {
        suppressed.add(r);
      }
    });
    assertThat(suppressed).isNotEmpty();
    assertThat(suppressed).allSatisfy(r -> assertThat(r.path("count").isNull()).isTrue());
    assertThat(check.path("suppressed").path("threshold").asInt()).isPositive();
    // the findings tell the analyst how many cells were hidden and why, never the records behind one
    assertThat(check.path("findings").findValuesAsString("rule")).contains("threshold");
    assertThat(check.path("findings").toString()).doesNotContain("record)").doesNotContain("records)").contains("message_ko");

    // the steward sees every value, the records behind it and why a cell is suppressed
    HttpResponse<String> queue = as("out-steward").get("/api/campus/outputs?status=pending");
    assertThat(json(queue).path("outputs").findValuesAsString("title")).contains("자치구별 요양시설 정원");
    JsonNode stewardView = json(as("out-steward").get("/api/campus/outputs/" + oid)).path("check");
    assertThat(stewardView.path("view").asString()).isEqualTo("steward");
    assertThat(stewardView.path("rows").findValuesAsString("_status")).contains("threshold");
    stewardView.path("rows").forEach(r -> assertThat(r.path("count").isNull()).isFalse());
    assertThat(json(as("out-steward").get("/api/campus/outputs/" + oid)).path("check").path("findings").toString()).contains("records)");

    assertThat(as("out-citizen").get("/api/campus/outputs/" + oid + "/download").statusCode()).isEqualTo(409);
    HttpResponse<String> approved = as("out-steward").postJson("/api/campus/outputs/" + oid + "/decision", "{\"approve\": true, \"reason\": \"aggregates pass\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("status").asString()).isEqualTo("approved");

    HttpResponse<byte[]> csv = as("out-citizen").getBytes("/api/campus/outputs/" + oid + "/download?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFdistrict_code,count,sum(capacity),suppressed");
    assertThat(text).contains(",,,true").contains("합계,");
    HttpResponse<byte[]> xlsx = as("out-citizen").getBytes("/api/campus/outputs/" + oid + "/download?format=xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");

    HttpResponse<String> published = as("out-citizen").postJson("/api/campus/outputs/" + oid + "/publication",
        "{\"name\": \"nursing-home-places-by-district\", \"title\": \"자치구별 요양시설 정원 (캠퍼스 반출)\", \"access\": \"public\"}");
    assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    JsonNode dataset = json(ApiClient.anonymous(port).get("/api/datasets/nursing-home-places-by-district"));
    assertThat(dataset.toString()).contains("campus").contains("senior-nursing-homes-2024 v").contains("#" + id).contains("out-steward");
    JsonNode rows = json(ApiClient.anonymous(port).get("/api/datasets/nursing-home-places-by-district/rows?limit=100"));
    assertThat(rows.path("rows").size()).isEqualTo(check.path("rows").size());
    assertThat(json(as("out-citizen").get("/api/campus/outputs/" + oid)).path("status").asString()).isEqualTo("published");
    HttpResponse<String> again = as("out-citizen").postJson("/api/campus/outputs/" + oid + "/publication",
        "{\"name\": \"nursing-home-places-again\", \"title\": \"again\", \"access\": \"public\"}");
    assertThat(again.statusCode()).isEqualTo(409);

    assertThat(audit.listFor("output", String.valueOf(oid), 50)).extracting(AuditTrail.AuditEntry::action)
        .contains("campus.output.request", "campus.output.approve", "campus.output.download", "campus.output.publish");
    assertThat(audit.listFor("dataset", RESTRICTED, 200)).anyMatch(e -> e.actor().equals("out-citizen") && e.detail().contains("output request"));
  }

  @Test
  void aCellOfThreeHiddenInATotalCannotBeWorkedOutFromTheOthers() {
    long id = project(true);
    JsonNode check = json(ask("out-citizen", id, "정원 by kind", HOMES, List.of("kind"), List.of(Map.of("statistic", "count")))).path("check");
    int suppressedInterior = 0;
    boolean totalShown = false;
    for (JsonNode r : check.path("rows")) {
      boolean total = r.path("kind").asString("").equals("합계");
      if (total && r.path("_status").asString().equals("published")) {
        totalShown = true;
      } else if (!total && r.path("_status").asString().equals("suppressed")) {
        suppressedInterior++;
      }
    }
    // a kind of home with fewer than 10 records is hidden; with the total shown, a second cell must be hidden too
    assertThat(suppressedInterior).isNotEqualTo(1);
    if (totalShown) {
      assertThat(suppressedInterior == 0 || suppressedInterior >= 2).isTrue();
    }
    assertThat(check.path("suppressed").path("threshold").asInt()).isPositive();
  }

  @Test
  void aTableOfIdentifiersIsBlockedAndCannotBeApproved() {
    long id = project(true);
    HttpResponse<String> asked = ask("out-citizen", id, "homes by name", HOMES, List.of("name"), COUNT_AND_CAPACITY);
    assertThat(asked.statusCode()).isEqualTo(201);
    JsonNode output = json(asked);
    assertThat(output.path("status").asString()).isEqualTo("blocked");
    assertThat(output.path("check").path("passed").asBoolean()).isFalse();
    assertThat(output.path("check").path("findings").findValuesAsString("rule")).contains("identifier");
    HttpResponse<String> decided = as("out-steward").postJson("/api/campus/outputs/" + output.path("id").asLong() + "/decision", "{\"approve\": true, \"reason\": \"x\"}");
    assertThat(decided.statusCode()).isEqualTo(409);
  }

  @Test
  void nobodyReviewsAnOutputOfTheirOwnProjectAndOutsidersSeeNothing() {
    long id = project(true);
    long oid = json(ask("out-steward-member", id, "mine", HOMES, List.of("district_code"), List.of(Map.of("statistic", "count")))).path("id").asLong();
    HttpResponse<String> own = as("out-steward-member").postJson("/api/campus/outputs/" + oid + "/decision", "{\"approve\": true, \"reason\": \"fine by me\"}");
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(json(as("out-steward-member").get("/api/campus/outputs?status=pending")).path("outputs").findValuesAsString("title")).doesNotContain("mine");
    assertThat(as("out-outsider").get("/api/campus/outputs/" + oid).statusCode()).isEqualTo(404);
    assertThat(ask("out-outsider", id, "x", HOMES, List.of("district_code"), List.of(Map.of("statistic", "count"))).statusCode()).isIn(403, 404);

    HttpResponse<String> rejected = as("out-steward").postJson("/api/campus/outputs/" + oid + "/decision", "{\"approve\": false, \"reason\": \"too fine-grained\"}");
    assertThat(json(rejected).path("status").asString()).isEqualTo("rejected");
    assertThat(as("out-steward-member").get("/api/campus/outputs/" + oid + "/download").statusCode()).isEqualTo(409);
  }

  @Test
  void theSameOutputAskedForTwiceAtOnceIsOneRequest() throws Exception {
    long id = project(true);
    List<CompletableFuture<HttpResponse<String>>> both = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      both.add(CompletableFuture.supplyAsync(() -> ask("out-citizen", id, "twice", HOMES, List.of("district_code"), List.of(Map.of("statistic", "count")))));
    }
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> f : both) {
      statuses.add(f.get().statusCode());
    }
    assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    assertThat(json(as("out-citizen").get("/api/campus/projects/" + id + "/outputs")).path("outputs").findValuesAsString("title")).containsExactly("twice");
  }

  @Test
  void badTableSpecificationsNameTheField() {
    long id = project(true);
    assertProblem(ask("out-citizen", id, "t", HOMES, List.of("nope"), List.of(Map.of("statistic", "count"))), "dimensions[0]");
    assertProblem(ask("out-citizen", id, "t", HOMES, List.of("district_code"), List.of(Map.of("statistic", "median", "column", "capacity"))), "measures[0].statistic");
    assertProblem(ask("out-citizen", id, "t", HOMES, List.of("district_code"), List.of(Map.of("statistic", "sum", "column", "name"))), "measures[0].column");
    assertProblem(ask("out-citizen", id, "t", HOMES, List.of("district_code"), List.of()), "measures");
    HttpResponse<String> attack = ask("out-citizen", id, "t", "SELECT * FROM read_csv('/etc/passwd')", List.of(), List.of(Map.of("statistic", "count")));
    assertThat(attack.statusCode()).isEqualTo(403);
  }

  @Test
  void anOutputOfPublicDataOnlyNeedsNoSteward() {
    long id = project(false);
    HttpResponse<String> asked = ask("out-citizen", id, "stations", "SELECT district_code FROM bike_stations", List.of("district_code"), List.of(Map.of("statistic", "count")));
    assertThat(json(asked).path("status").asString()).as(asked.body()).isEqualTo("approved");
    assertThat(as("out-citizen").getBytes("/api/campus/outputs/" + json(asked).path("id").asLong() + "/download").statusCode()).isEqualTo(200);
  }

  private static void assertProblem(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(json(r).path("field").asString()).as(r.body()).isEqualTo(field);
  }
}
