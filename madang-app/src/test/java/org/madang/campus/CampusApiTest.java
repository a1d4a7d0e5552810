package org.madang.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The campus over HTTP: a citizen proposes a project, an official approves it, a steward grants a restricted dataset,
 * the citizen analyses it in the sandbox and keeps working tables; the rules hold against the abuse cases.
 */
@DemoCityTest
class CampusApiTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String PASSWORD = "campus-password";

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired CatalogRepository catalog;
  @Autowired AuditTrail audit;
  @Autowired Projects projects;
  @Autowired RunningQueries running;
  @Autowired CampusEventsRecorder recorder;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void users() {
    if (users.findByUsername("camp-citizen").isEmpty()) {
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      users.createUser("camp-citizen", PASSWORD, EnumSet.of(Role.CITIZEN), null, "시민");
      users.createUser("camp-member", PASSWORD, EnumSet.of(Role.ANALYST), null, "분석가");
      users.createUser("camp-outsider", PASSWORD, EnumSet.of(Role.ANALYST), null, "외부인");
      users.createUser("camp-official", PASSWORD, EnumSet.of(Role.OFFICIAL), null, "공무원");
      users.createUser("camp-steward", PASSWORD, EnumSet.of(Role.STEWARD), welfare, "관리자");
      users.createUser("camp-steward2", PASSWORD, EnumSet.of(Role.STEWARD), welfare, "관리자2");
      users.createUser("camp-gone", PASSWORD, EnumSet.of(Role.ANALYST), null, "떠난 사람");
    }
  }

  ApiClient as(String user) {
    return ApiClient.basic(port, user, PASSWORD);
  }

  static JsonNode json(HttpResponse<String> r) {
    return ApiClient.json(r);
  }

  /** A project of camp-citizen with camp-member, approved by the official and granted the restricted dataset. */
  long grantedProject(LocalDate end) {
    HttpResponse<String> proposed = as("camp-citizen").postJson("/api/campus/projects", """
        {"title": "노인 요양시설 접근성", "purpose": "Where do seniors lack nursing homes within reach?",
         "start_date": "%s", "end_date": "%s", "datasets": ["%s", "bike-stations"], "members": ["camp-member"]}"""
        .formatted(LocalDate.now().minusDays(1), end, RESTRICTED));
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    long id = json(proposed).path("id").asLong();
    assertThat(json(proposed).path("status").asString()).isEqualTo("proposed");
    HttpResponse<String> approved = as("camp-official").postJson("/api/campus/projects/" + id + "/decision", "{\"approve\": true, \"reason\": \"a real problem\"}");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json(approved).path("status").asString()).isEqualTo("active");
    HttpResponse<String> asked = as("camp-member").postJson("/api/campus/projects/" + id + "/access-requests",
        "{\"dataset\": \"" + RESTRICTED + "\", \"reason\": \"capacity by district\"}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    HttpResponse<String> granted = as("camp-steward").postJson("/api/campus/access-requests/" + json(asked).path("id").asLong() + "/decision",
        "{\"approve\": true, \"reason\": \"aggregates only\"}");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    return id;
  }

  HttpResponse<String> sql(String user, String sql, Long project) {
    String body = JsonBodies.sql(sql, project);
    return as(user).postJson("/api/sql", body);
  }

  @Test
  void aCitizenAnalysesRestrictedDataOnlyInsideTheApprovedProjectAndEveryReadIsAudited() {
    long id = grantedProject(LocalDate.now().plusDays(30));
    String count = "SELECT count(*) AS n FROM senior_nursing_homes_2024";

    HttpResponse<String> inside = sql("camp-citizen", count, id);
    assertThat(inside.statusCode()).as(inside.body()).isEqualTo(200);
    assertThat(json(inside).path("rows").get(0).path("n").asLong()).isPositive();
    var entries = audit.listFor("dataset", RESTRICTED, 50);
    assertThat(entries.get(0).actor()).isEqualTo("camp-citizen");
    assertThat(entries.get(0).action()).isEqualTo("sql.restricted.read");
    assertThat(entries.get(0).detail()).contains("project " + id).contains("1 rows").contains(count);

    HttpResponse<String> outside = sql("camp-citizen", count, null);
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(outside.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(json(outside).path("refusal").asString()).isEqualTo("relation");
    assertThat(json(outside).path("line").asInt()).isEqualTo(1);
    assertThat(json(outside).path("column").asInt()).isEqualTo(27);

    assertThat(sql("camp-outsider", count, id).statusCode()).isEqualTo(403);
    HttpResponse<String> admin = ApiClient.admin(port).postJson("/api/sql", JsonBodies.sql(count, null));
    assertThat(admin.statusCode()).as("admins get no more than their rights in the sandbox").isEqualTo(403);
    assertThat(sql("camp-citizen", "SELECT count(*) AS n FROM bike_stations", null).statusCode()).isEqualTo(200);
    assertThat(ApiClient.anonymous(port).postJson("/api/sql", JsonBodies.sql("SELECT 1", null)).statusCode()).isEqualTo(401);

    HttpResponse<String> broken = sql("camp-citizen", "SELECT count(*)\nFROM bike_stations\nWHERE nope > 1", null);
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).path("line").asInt()).isEqualTo(3);
    assertThat(json(broken).path("column").asInt()).isEqualTo(7);
  }

  @Test
  void membersKeepWorkingTablesAndSavedQueriesInTheirProjectOnly() {
    long id = grantedProject(LocalDate.now().plusDays(30));
    HttpResponse<String> created = as("camp-member").postJson("/api/campus/projects/" + id + "/tables",
        "{\"name\": \"homes_by_gu\", \"sql\": \"SELECT count(*) AS n FROM senior_nursing_homes_2024\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> viaSql = sql("camp-citizen", "CREATE TABLE stations AS SELECT * FROM bike_stations", id);
    assertThat(viaSql.statusCode()).as(viaSql.body()).isEqualTo(200);
    HttpResponse<String> tables = as("camp-citizen").get("/api/campus/projects/" + id + "/tables");
    assertThat(json(tables).path("tables").findValuesAsString("name")).containsExactly("homes_by_gu", "stations");
    assertThat(sql("camp-citizen", "SELECT * FROM homes_by_gu", id).statusCode()).isEqualTo(200);

    long other = grantedProject(LocalDate.now().plusDays(30));
    HttpResponse<String> across = sql("camp-citizen", "SELECT * FROM project_" + id + ".homes_by_gu", other);
    assertThat(across.statusCode()).isEqualTo(403);
    assertThat(json(across).path("refusal").asString()).isEqualTo("relation");
    assertThat(as("camp-outsider").get("/api/campus/projects/" + id + "/tables").statusCode()).isEqualTo(404);

    HttpResponse<String> badTable = as("camp-member").postJson("/api/campus/projects/" + id + "/tables", "{\"name\": \"t\", \"sql\": \"SELECT 1,\\n nope\"}");
    assertThat(json(badTable).path("line").asInt()).isEqualTo(2);

    assertThat(as("camp-member").postJson("/api/campus/projects/" + id + "/queries", "{\"name\": \"count\", \"sql\": \"SELECT 1\"}").statusCode()).isEqualTo(200);
    assertThat(json(as("camp-citizen").get("/api/campus/projects/" + id + "/queries")).path("queries").findValuesAsString("name")).containsExactly("count");

    HttpResponse<String> dropped = as("camp-member").send(HttpRequest.newBuilder(URI.create(as("camp-member").base() + "/api/campus/projects/" + id + "/tables/stations")).DELETE());
    assertThat(dropped.statusCode()).isEqualTo(200);
    assertThat(audit.listFor("project", String.valueOf(id), 50)).extracting(AuditTrail.AuditEntry::action).contains("campus.table.create", "campus.table.delete");
  }

  @Test
  void anExpiredProjectLosesAccessAndItsWorkingTablesAndIsCounted() {
    long id = grantedProject(LocalDate.now().plusDays(1));
    assertThat(sql("camp-citizen", "CREATE TABLE kept AS SELECT * FROM senior_nursing_homes_2024", id).statusCode()).isEqualTo(200);
    assertThat(recorder.events).anyMatch(e -> e instanceof ProjectOpened o && o.projectId() == id);

    projects.openAndExpireDue(LocalDate.now().plusDays(2));

    assertThat(json(as("camp-citizen").get("/api/campus/projects/" + id)).path("status").asString()).isEqualTo("expired");
    HttpResponse<String> after = sql("camp-citizen", "SELECT count(*) FROM senior_nursing_homes_2024", id);
    assertThat(after.statusCode()).isEqualTo(403);
    assertThat(json(after).path("detail").asString()).contains("expired");
    HttpResponse<String> gone = sql("camp-citizen", "SELECT * FROM project_" + id + ".kept", null);
    assertThat(gone.statusCode()).isEqualTo(403);
    assertThat(audit.listFor("project", String.valueOf(id), 50)).extracting(AuditTrail.AuditEntry::action).contains("campus.table.delete", "campus.project.expire");
    assertThat(recorder.events).anyMatch(e -> e instanceof ProjectCompleted c && c.projectId() == id && c.outcome() == ProjectStatus.EXPIRED);
  }

  @Test
  void nobodyDecidesTheirOwnRequestOrProject() {
    long id = grantedProject(LocalDate.now().plusDays(30));
    HttpResponse<String> own = as("camp-official").postJson("/api/campus/projects", """
        {"title": "내 사업", "purpose": "p", "start_date": "%s", "end_date": "%s"}""".formatted(LocalDate.now(), LocalDate.now().plusDays(3)));
    long ownId = json(own).path("id").asLong();
    assertThat(as("camp-official").postJson("/api/campus/projects/" + ownId + "/decision", "{\"approve\": true, \"reason\": \"mine\"}").statusCode()).isEqualTo(403);
    assertThat(as("camp-citizen").postJson("/api/campus/projects/" + ownId + "/decision", "{\"approve\": true, \"reason\": \"x\"}").statusCode()).isEqualTo(403);

    // a steward who is a member asks for their own organization's data: another steward must decide
    assertThat(as("camp-citizen").postJson("/api/campus/projects/" + id + "/members", "{\"username\": \"camp-steward2\"}").statusCode()).isEqualTo(200);
    assertThat(as("camp-steward").postJson("/api/campus/access-requests/" + lastRequest(id) + "/revocation", "{\"reason\": \"re-ask\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> asked = as("camp-steward2").postJson("/api/campus/projects/" + id + "/access-requests",
        "{\"dataset\": \"" + RESTRICTED + "\", \"reason\": \"I need it\"}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    long request = json(asked).path("id").asLong();
    HttpResponse<String> self = as("camp-steward2").postJson("/api/campus/access-requests/" + request + "/decision", "{\"approve\": true, \"reason\": \"mine\"}");
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(json(self).path("detail").asString()).contains("another steward");
    assertThat(as("camp-outsider").postJson("/api/campus/access-requests/" + request + "/decision", "{\"approve\": true, \"reason\": \"x\"}").statusCode()).isEqualTo(404);
    assertThat(as("camp-steward").postJson("/api/campus/access-requests/" + request + "/decision", "{\"approve\": false, \"reason\": \"not needed\"}").statusCode()).isEqualTo(200);
    assertThat(sql("camp-citizen", "SELECT count(*) FROM senior_nursing_homes_2024", id).statusCode()).isEqualTo(403);
  }

  long lastRequest(long project) {
    JsonNode list = json(as("camp-citizen").get("/api/campus/projects/" + project + "/access-requests")).path("access_requests");
    return list.get(list.size() - 1).path("id").asLong();
  }

  @Test
  void disabledExpiredAndRevokedAccountsGetNothing() {
    long id = grantedProject(LocalDate.now().plusDays(30));
    as("camp-citizen").postJson("/api/campus/projects/" + id + "/members", "{\"username\": \"camp-gone\"}");
    var token = users.createToken("camp-gone", "script", 0);
    assertThat(ApiClient.token(port, token.secret()).postJson("/api/sql", JsonBodies.sql("SELECT 1 AS x", id)).statusCode()).isEqualTo(200);
    users.revokeToken("camp-gone", "script");
    assertThat(ApiClient.token(port, token.secret()).postJson("/api/sql", JsonBodies.sql("SELECT 1 AS x", id)).statusCode()).isEqualTo(401);
    jdbc.sql("UPDATE users SET expires_at = ? WHERE username = 'camp-gone'").param(java.time.OffsetDateTime.now().minusDays(1)).update();
    assertThat(sql("camp-gone", "SELECT 1 AS x", id).statusCode()).isEqualTo(401);
    jdbc.sql("UPDATE users SET expires_at = NULL, enabled = FALSE WHERE username = 'camp-gone'").update();
    assertThat(sql("camp-gone", "SELECT 1 AS x", id).statusCode()).isEqualTo(401);
  }

  @Test
  void aMemberRemovedMidQueryIsStoppedAndOneUserCannotHogTheSandbox() throws Exception {
    long id = grantedProject(LocalDate.now().plusDays(30));
    String runaway = "SELECT count(*) FROM senior_nursing_homes_2024, range(1000000000000)";
    List<CompletableFuture<HttpResponse<String>>> queries = List.of(
        CompletableFuture.supplyAsync(() -> sql("camp-member", runaway, id)), CompletableFuture.supplyAsync(() -> sql("camp-member", runaway, id)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!running.isRunning(id, "camp-member") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(300);
    HttpResponse<String> third = sql("camp-member", "SELECT 1", id);
    assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
    assertThat(json(third).path("code").asString()).isEqualTo("TOO_MANY_QUERIES");

    HttpResponse<String> removed = as("camp-citizen").send(
        HttpRequest.newBuilder(URI.create(as("camp-citizen").base() + "/api/campus/projects/" + id + "/members/camp-member")).DELETE());
    assertThat(removed.statusCode()).isEqualTo(200);
    for (CompletableFuture<HttpResponse<String>> q : queries) {
      HttpResponse<String> r = q.get(30, TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(json(r).path("detail").asString()).contains("removed from project " + id);
    }
    assertThat(sql("camp-member", "SELECT 1", id).statusCode()).isEqualTo(403);
  }

  @Test
  void sqlOverTheSizeLimitOrNotUtf8IsRefusedWithASentence() {
    HttpResponse<String> huge = sql("camp-citizen", "SELECT 1 " + "-".repeat(1024 * 1024), null);
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(json(huge).path("refusal").asString()).isEqualTo("too_large");

    HttpResponse<String> notUtf8 = as("camp-citizen").send(HttpRequest.newBuilder(URI.create(as("camp-citizen").base() + "/api/sql"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(cp949())));
    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(json(notUtf8).path("code").asString()).isEqualTo("UNDECODABLE_TEXT");
  }

  static byte[] cp949() {
    return "{\"sql\": \"SELECT '서울특별시'\"}".getBytes(java.nio.charset.Charset.forName("MS949"));
  }
}
