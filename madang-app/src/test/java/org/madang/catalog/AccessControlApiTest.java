package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
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

/** Who sees and reads what, through HTTP Basic and personal API tokens; restricted reads leave an audit entry. */
@DemoCityTest
class AccessControlApiTest {

  private static final String RESTRICTED = "senior-nursing-homes-2024";

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired CatalogRepository catalog;
  @Autowired AuditTrail audit;

  @BeforeEach
  void users() {
    if (users.findByUsername("citizen-kim").isEmpty()) {
      users.createUser("citizen-kim", "citizen-password", EnumSet.of(Role.CITIZEN), null, "김시민");
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      users.createUser("steward-lee", "steward-password", EnumSet.of(Role.STEWARD), welfare, "이관리");
      long transport = catalog.findOrganization("transportation").orElseThrow().id();
      users.createUser("steward-park", "steward-password", EnumSet.of(Role.STEWARD), transport, "박관리");
    }
  }

  @Test
  void restrictedDatasetIsInvisibleToAnonymousAndCitizensButVisibleToItsStewardsAndAdmin() {
    assertThat(names(ApiClient.anonymous(port))).contains("bike-stations").doesNotContain(RESTRICTED);
    assertThat(names(ApiClient.basic(port, "citizen-kim", "citizen-password"))).doesNotContain(RESTRICTED);
    assertThat(names(ApiClient.basic(port, "steward-park", "steward-password"))).doesNotContain(RESTRICTED);
    assertThat(names(ApiClient.basic(port, "steward-lee", "steward-password"))).contains(RESTRICTED);
    assertThat(names(ApiClient.admin(port))).contains(RESTRICTED);

    HttpResponse<String> hidden = ApiClient.anonymous(port).get("/api/datasets/" + RESTRICTED);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(ApiClient.anonymous(port).get("/api/datasets/" + RESTRICTED + "/rows").statusCode()).isEqualTo(404);
    assertThat(ApiClient.anonymous(port).get("/api/datasets/" + RESTRICTED + "/download?format=csv").statusCode()).isEqualTo(404);
  }

  @Test
  void everyReadOfRestrictedRowsIsAudited() {
    int before = audit.listFor("dataset", RESTRICTED, 1000).size();
    HttpResponse<String> rows = ApiClient.basic(port, "steward-lee", "steward-password").get("/api/datasets/" + RESTRICTED + "/rows?limit=5");
    assertThat(rows.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(rows).path("rows").size()).isEqualTo(5);
    var entries = audit.listFor("dataset", RESTRICTED, 1000);
    assertThat(entries).hasSize(before + 1);
    assertThat(entries.get(0).actor()).isEqualTo("steward-lee");
    assertThat(entries.get(0).action()).isEqualTo("dataset.rows.read");
  }

  @Test
  void registeredRowsNeedAnAccount() {
    ApiClient admin = ApiClient.admin(port);
    if (admin.get("/api/datasets/registered-check").statusCode() == 404) {
      HttpResponse<String> created = admin.send(Multipart.form().field("name", "registered-check").field("title", "회원 전용").field("organization", "safety")
          .field("access", "registered").file("r.csv", "구,값\n종로구,1\n중구,2\n".getBytes(StandardCharsets.UTF_8)).post(admin.base() + "/api/datasets"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
    assertThat(ApiClient.anonymous(port).get("/api/datasets/registered-check").statusCode()).isEqualTo(200);
    HttpResponse<String> anonymousRows = ApiClient.anonymous(port).get("/api/datasets/registered-check/rows");
    assertThat(anonymousRows.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(anonymousRows).path("detail").asString()).contains("Sign in");
    assertThat(ApiClient.basic(port, "citizen-kim", "citizen-password").get("/api/datasets/registered-check/rows").statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordGetsA401Problem() {
    HttpResponse<String> r = ApiClient.basic(port, "citizen-kim", "wrong-password").get("/api/me");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
  }

  @Test
  void personalApiTokensAuthenticateUntilRevoked() {
    ApiClient citizen = ApiClient.basic(port, "citizen-kim", "citizen-password");
    HttpResponse<String> created = citizen.postJson("/api/tokens", "{\"name\":\"script-" + System.nanoTime() + "\",\"valid_days\":7}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode token = ApiClient.json(created);
    ApiClient byToken = ApiClient.token(port, token.path("token").asString());
    JsonNode me = ApiClient.json(byToken.get("/api/me"));
    assertThat(me.path("username").asString()).isEqualTo("citizen-kim");
    assertThat(me.path("roles").get(0).asString()).isEqualTo("citizen");

    assertThat(citizen.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(citizen.base() + "/api/tokens/" + token.path("name").asString())).DELETE())
        .statusCode()).isEqualTo(204);
    assertThat(byToken.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(ApiClient.token(port, "mdg_not-a-real-token").get("/api/datasets").statusCode()).isEqualTo(401);
  }

  @Test
  void onlyStewardsOfTheOrganizationOrAdminsUploadVersions() {
    HttpResponse<String> r = ApiClient.basic(port, "steward-lee", "steward-password").send(Multipart.form()
        .file("b.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)).post("http://127.0.0.1:" + port + "/api/datasets/bike-stations/versions"));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  void adminQueryEndpointIsForAdminsOnly() {
    assertThat(ApiClient.basic(port, "citizen-kim", "citizen-password").postJson("/api/admin/query", "{\"sql\":\"SELECT 1\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> r = ApiClient.admin(port).postJson("/api/admin/query", "{\"sql\":\"SELECT COUNT(*) AS n FROM bike_stations\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(ApiClient.json(r).path("rows").get(0).path("n").asLong()).isGreaterThan(2000);
  }

  @Test
  void healthAndPrometheusMetricsAreServed() {
    HttpResponse<String> health = ApiClient.anonymous(port).get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(health).path("status").asString()).isEqualTo("UP");
    HttpResponse<String> prometheus = ApiClient.anonymous(port).get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
  }

  private static java.util.List<String> names(ApiClient client) {
    HttpResponse<String> r = client.get("/api/datasets?limit=1000");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiClient.json(r).path("datasets").findValuesAsString("name");
  }
}
