package org.madang.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.catalog.CatalogRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Citizens sign up on their own (API and form); admins give every other role; stewards and admins read the audit log. */
@DemoCityTest
class AccountsApiTest {

  @LocalServerPort int port;
  @Autowired CatalogRepository catalog;

  @Test
  void aSignedUpCitizenCanSignInAndHasOnlyTheCitizenRole() {
    HttpResponse<String> created = ApiClient.anonymous(port).postJson("/api/accounts",
        "{\"username\": \"acct-citizen-one\", \"display_name\": \"한시민\", \"email\": \"one@example.org\", \"password\": \"a long enough secret\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(ApiClient.json(created).path("roles").toString()).isEqualTo("[\"citizen\"]");

    JsonNode me = ApiClient.json(ApiClient.basic(port, "acct-citizen-one", "a long enough secret").get("/api/me"));
    assertThat(me.path("signed_in").asBoolean()).isTrue();
    assertThat(me.path("roles").toString()).isEqualTo("[\"citizen\"]");
    // a citizen gives itself no roles
    assertThat(ApiClient.basic(port, "acct-citizen-one", "a long enough secret")
        .postJson("/api/admin/users", "{\"username\": \"acct-sneaky\", \"password\": \"a long enough secret\", \"roles\": [\"admin\"]}").statusCode())
        .isEqualTo(403);
  }

  @Test
  void badSignUpsNameTheFieldAndCreateNothing() {
    ApiClient anyone = ApiClient.anonymous(port);
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"acct-short\", \"display_name\": \"x\", \"password\": \"short\"}"), 400, "password");
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"acct-named\", \"display_name\": \"x\", \"password\": \"acct-named-secret\"}"), 400, "password");
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"Bad Name\", \"display_name\": \"x\", \"password\": \"a long enough secret\"}"), 400, "username");
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"acct-mail\", \"display_name\": \"x\", \"email\": \"nope\", \"password\": \"a long enough secret\"}"), 400, "email");
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"acct-noname\", \"password\": \"a long enough secret\"}"), 400, "display_name");
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": 7, \"display_name\": \"x\", \"password\": \"a long enough secret\"}"), 400, "username");
    assertThat(ApiClient.admin(port).get("/api/admin/users").body()).doesNotContain("acct-short", "acct-named", "acct-mail", "acct-noname");

    assertThat(anyone.postJson("/api/accounts", "{\"username\": \"acct-twice\", \"display_name\": \"x\", \"password\": \"a long enough secret\"}").statusCode()).isEqualTo(201);
    assertProblem(anyone.postJson("/api/accounts", "{\"username\": \"acct-twice\", \"display_name\": \"y\", \"password\": \"another long secret\"}"), 409, "username");
  }

  @Test
  void adminsCreateStewardsAndPublishersAndDisablingAnAccountLocksItOut() {
    long welfare = catalog.findOrganization("welfare").orElseThrow().id();
    ApiClient admin = ApiClient.admin(port);
    assertProblem(admin.postJson("/api/admin/users", "{\"username\": \"acct-steward\", \"password\": \"steward secret 1\", \"roles\": [\"steward\"]}"), 400, "organization_id");
    assertProblem(admin.postJson("/api/admin/users", "{\"username\": \"acct-steward\", \"password\": \"steward secret 1\", \"roles\": [\"mayor\"]}"), 400, "roles[0]");
    HttpResponse<String> steward = admin.postJson("/api/admin/users",
        "{\"username\": \"acct-steward\", \"password\": \"steward secret 1\", \"roles\": [\"steward\"], \"organization_id\": " + welfare + ", \"display_name\": \"복지 관리자\"}");
    assertThat(steward.statusCode()).isEqualTo(201);
    assertThat(ApiClient.json(steward).path("organization_id").asLong()).isEqualTo(welfare);
    assertThat(admin.postJson("/api/admin/users", "{\"username\": \"acct-gateway\", \"password\": \"gateway secret 1\", \"roles\": [\"publisher\"]}").statusCode()).isEqualTo(201);

    ApiClient stewardClient = ApiClient.basic(port, "acct-steward", "steward secret 1");
    assertThat(stewardClient.get("/api/me").body()).contains("steward");
    HttpResponse<String> disabled = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/admin/users/acct-steward"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")));
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(stewardClient.get("/api/audit").statusCode()).isEqualTo(401);

    HttpResponse<String> self = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/admin/users/admin"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")));
    assertThat(self.statusCode()).isEqualTo(409);
  }

  @Test
  void theAuditLogIsReadByStewardsAndAdminsOnlyAndFilters() {
    ApiClient admin = ApiClient.admin(port);
    admin.postJson("/api/admin/users", "{\"username\": \"acct-auditor\", \"password\": \"auditor secret 1\", \"roles\": [\"steward\"], \"organization_id\": "
        + catalog.findOrganization("welfare").orElseThrow().id() + "}");
    ApiClient.anonymous(port).postJson("/api/accounts", "{\"username\": \"acct-audited\", \"display_name\": \"x\", \"password\": \"a long enough secret\"}");

    JsonNode page = ApiClient.json(ApiClient.basic(port, "acct-auditor", "auditor secret 1").get("/api/audit?action=account.&target=acct-audited"));
    assertThat(page.path("entries").size()).isEqualTo(1);
    assertThat(page.path("entries").get(0).path("action").asString()).isEqualTo("account.signup");

    JsonNode first = ApiClient.json(admin.get("/api/audit?limit=2"));
    assertThat(first.path("entries").size()).isEqualTo(2);
    long before = first.path("next_before").asLong();
    JsonNode second = ApiClient.json(admin.get("/api/audit?limit=2&before=" + before));
    assertThat(second.path("entries").get(0).path("id").asLong()).isLessThan(before);

    assertThat(ApiClient.anonymous(port).get("/api/audit").statusCode()).isEqualTo(401);
    ApiClient.anonymous(port).postJson("/api/accounts", "{\"username\": \"acct-curious\", \"display_name\": \"x\", \"password\": \"a long enough secret\"}");
    assertThat(ApiClient.basic(port, "acct-curious", "a long enough secret").get("/api/audit").statusCode()).isEqualTo(403);
    assertProblem(admin.get("/api/audit?since=yesterday"), 400, "since");
    assertProblem(admin.get("/api/audit?limit=100000"), 400, "limit");
  }

  @Test
  void theSignUpFormCreatesACitizenAndShowsProblemsNextToTheirFields() throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    String base = "http://localhost:" + port;
    String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/signup")).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
    assertThat(csrf.find()).isTrue();

    HttpResponse<String> mismatch = browser.send(post(base, "_csrf=" + csrf.group(1)
        + "&username=acct-form&display_name=%EA%B9%80&password=a+long+enough+secret&password_confirm=another+secret+entirely"), HttpResponse.BodyHandlers.ofString());
    assertThat(mismatch.statusCode()).isEqualTo(200);
    assertThat(mismatch.body()).contains("id=\"password_confirm-problem\"").contains("value=\"acct-form\"").doesNotContain("a long enough secret");

    HttpResponse<String> ok = browser.send(post(base, "_csrf=" + csrf.group(1)
        + "&username=acct-form&display_name=%EA%B9%80&password=a+long+enough+secret&password_confirm=a+long+enough+secret"), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.headers().firstValue("Location").orElseThrow()).endsWith("/login?signed_up");
    assertThat(ApiClient.basic(port, "acct-form", "a long enough secret").get("/api/me").body()).contains("\"citizen\"");

    HttpResponse<String> again = browser.send(post(base, "_csrf=" + csrf.group(1)
        + "&username=acct-form&display_name=x&password=a+long+enough+secret&password_confirm=a+long+enough+secret"), HttpResponse.BodyHandlers.ofString());
    assertThat(again.body()).contains("id=\"username-problem\"");
  }

  private static HttpRequest post(String base, String form) {
    return HttpRequest.newBuilder(URI.create(base + "/signup")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
  }

  private static void assertProblem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(ApiClient.json(response).path("field").asString()).as(response.body()).isEqualTo(field);
  }
}
