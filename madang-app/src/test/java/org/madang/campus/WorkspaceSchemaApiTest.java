package org.madang.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.catalog.CatalogRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The workspace's schema browser ({@code GET /api/campus/projects/{id}/schema}) lists exactly what the sandbox lets
 * the project read: public and registered datasets with their columns, a restricted dataset only once a steward granted
 * it to this project, and the project's working tables; non-members get 403 as from {@code /api/sql}.
 */
@DemoCityTest
class WorkspaceSchemaApiTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String PASSWORD = "schema-password";

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired CatalogRepository catalog;

  @BeforeEach
  void users() {
    if (users.findByUsername("ws-citizen").isEmpty()) {
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      users.createUser("ws-citizen", PASSWORD, EnumSet.of(Role.CITIZEN), null, "스키마 시민");
      users.createUser("ws-outsider", PASSWORD, EnumSet.of(Role.ANALYST), null, "스키마 외부인");
      users.createUser("ws-official", PASSWORD, EnumSet.of(Role.OFFICIAL), null, "스키마 공무원");
      users.createUser("ws-steward", PASSWORD, EnumSet.of(Role.STEWARD), welfare, "스키마 관리자");
    }
  }

  ApiClient as(String user) {
    return ApiClient.basic(port, user, PASSWORD);
  }

  long activeProject() {
    HttpResponse<String> proposed = as("ws-citizen").postJson("/api/campus/projects", """
        {"title": "스키마", "purpose": "what can the workspace read?", "start_date": "%s", "end_date": "%s", "datasets": ["%s"]}"""
        .formatted(LocalDate.now(), LocalDate.now().plusDays(10), RESTRICTED));
    assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
    long id = ApiClient.json(proposed).path("id").asLong();
    HttpResponse<String> approved = as("ws-official").postJson("/api/campus/projects/" + id + "/decision", "{\"approve\": true, \"reason\": \"ok\"}");
    assertThat(ApiClient.json(approved).path("status").asString()).isEqualTo("active");
    return id;
  }

  JsonNode schema(String user, long project) {
    HttpResponse<String> r = as(user).get("/api/campus/projects/" + project + "/schema");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiClient.json(r);
  }

  static List<String> names(JsonNode list, String field) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.path(field).asString()));
    return out;
  }

  static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode n : list) {
      if (value.equals(n.path(field).asString())) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " = " + value + " in " + list);
  }

  @Test
  void membersSeeWhatTheSandboxLetsThemReadAndARestrictedDatasetOnlyOnceGranted() {
    long id = activeProject();
    JsonNode before = schema("ws-citizen", id);
    List<String> datasets = names(before.path("datasets"), "name");
    assertThat(datasets).contains("bike-stations", "population-by-district-2020").doesNotContain(RESTRICTED);
    JsonNode bikes = find(before.path("datasets"), "name", "bike-stations");
    assertThat(bikes.path("sql_name").asString()).isEqualTo("bike_stations");
    assertThat(bikes.path("access").asString()).isEqualTo("public");
    assertThat(bikes.path("title").asString()).isNotBlank();
    assertThat(bikes.path("columns").size()).isPositive();
    JsonNode first = bikes.path("columns").get(0);
    assertThat(first.path("name").asString()).matches("[a-z_][a-z0-9_]*");
    assertThat(first.path("type").asString()).isNotBlank();
    assertThat(first.path("label").asString()).isNotBlank();
    assertThat(before.path("tables").size()).isZero();

    HttpResponse<String> asked = as("ws-citizen").postJson("/api/campus/projects/" + id + "/access-requests",
        "{\"dataset\": \"" + RESTRICTED + "\", \"reason\": \"capacity by district\"}");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    assertThat(names(schema("ws-citizen", id).path("datasets"), "name")).as("pending is not granted").doesNotContain(RESTRICTED);
    HttpResponse<String> granted = as("ws-steward").postJson("/api/campus/access-requests/" + ApiClient.json(asked).path("id").asLong() + "/decision",
        "{\"approve\": true, \"reason\": \"aggregates only\"}");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    assertThat(as("ws-citizen").postJson("/api/sql", JsonBodies.sql("CREATE TABLE homes AS SELECT 1 AS n, 'x' AS label", id)).statusCode()).isEqualTo(200);

    JsonNode after = schema("ws-citizen", id);
    JsonNode homes = find(after.path("datasets"), "name", RESTRICTED);
    assertThat(homes.path("access").asString()).isEqualTo("restricted");
    assertThat(homes.path("sql_name").asString()).isEqualTo("senior_nursing_homes_2024");
    assertThat(homes.path("columns").size()).isPositive();
    assertThat(names(homes.path("columns"), "label")).anyMatch(label -> label.matches(".*[가-힣].*"));
    JsonNode table = find(after.path("tables"), "name", "homes");
    assertThat(names(table.path("columns"), "name")).containsExactly("n", "label");
    assertThat(names(table.path("columns"), "type")).containsExactly("INTEGER", "VARCHAR");
    assertThat(after.path("workspace").asString()).isEqualTo("project_" + id);

    // a restricted dataset granted to another project is absent here
    long other = activeProject();
    assertThat(names(schema("ws-citizen", other).path("datasets"), "name")).doesNotContain(RESTRICTED).contains("bike-stations");
    assertThat(schema("ws-citizen", other).path("tables").size()).isZero();
  }

  @Test
  void nonMembersAndVisitorsGetNothing() {
    long id = activeProject();
    HttpResponse<String> outsider = as("ws-outsider").get("/api/campus/projects/" + id + "/schema");
    assertThat(outsider.statusCode()).isEqualTo(403);
    assertThat(outsider.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    assertThat(as("ws-official").get("/api/campus/projects/" + id + "/schema").statusCode()).as("deciding is not membership").isEqualTo(403);
    assertThat(as("ws-steward").get("/api/campus/projects/" + id + "/schema").statusCode()).isEqualTo(403);
    assertThat(ApiClient.anonymous(port).get("/api/campus/projects/" + id + "/schema").statusCode()).isEqualTo(401);
    assertThat(ApiClient.anonymous(port).get("/campus/api/projects/" + id + "/schema").statusCode()).as("the session twin, without a session").isEqualTo(403);
    assertThat(as("ws-outsider").get("/api/campus/projects/99999999/schema").statusCode()).isEqualTo(403);
  }
}
