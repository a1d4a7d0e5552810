package org.madang.directives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A video call about a directive between two real Chromium instances on loopback, with fake cameras: the official
 * who issued it calls from the call page, the transport department's member sees it ring on the directives page and
 * answers; the call connects and each side decodes the other's video; the official hangs up and the call ends on
 * both sides; the call (who, whom, how long) is recorded on the directive. A steward of another department opening
 * the same call is refused by the signaling server.
 */
@DemoCityTest
class A13_VideoCallInBrowserTest {

  static final String OFFICIAL = "a13-official";
  static final String MEMBER = "a13-member";
  static final String OUTSIDER = "a13-outsider";
  static final String PASSWORD = "a13-password-long";

  static HeadlessChromium official;
  static HeadlessChromium member;

  @LocalServerPort int port;

  @BeforeAll
  static void usersAndBrowsers(@Autowired UserDirectory users, @Autowired CatalogRepository catalog, @Autowired OrganizationDirectory directory,
      @LocalServerPort int port) {
    if (users.findByUsername(OFFICIAL).isEmpty()) {
      users.createUser(OFFICIAL, PASSWORD, EnumSet.of(Role.OFFICIAL), null, "십삼공무원");
      users.createUser(MEMBER, PASSWORD, EnumSet.of(Role.STEWARD), catalog.findOrganization("transportation").orElseThrow().id(), "십삼교통");
      users.createUser(OUTSIDER, PASSWORD, EnumSet.of(Role.STEWARD), catalog.findOrganization("welfare").orElseThrow().id(), "십삼복지");
      Viewer admin = new Viewer("admin", EnumSet.of(Role.ADMIN), null);
      directory.addMember(admin, "transportation", MEMBER);
      directory.addMember(admin, "welfare", OUTSIDER);
    }
    official = HeadlessChromium.startWithFakeMedia(port);
    member = HeadlessChromium.startWithFakeMedia(port);
  }

  @AfterAll
  static void closeBrowsers() {
    if (official != null) {
      official.close();
    }
    if (member != null) {
      member.close();
    }
  }

  @Test
  void theIssuerAndTheDepartmentTalkByVideoAndTheCallIsRecordedOnTheDirective() {
    ApiClient api = ApiClient.basic(port, OFFICIAL, PASSWORD);
    JsonNode directive = ApiClient.json(api.postJson("/api/directives", """
        {"title": "세종대로 교통 통제 협의", "department": "transportation", "priority": "urgent",
         "target": {"kind": "point"}, "geometry": {"type": "Point", "coordinates": [126.9769, 37.5663]}}"""));
    long id = directive.path("id").asLong();

    signIn(member, MEMBER);
    member.open("/directives");
    member.waitUntil(d -> "ready".equals(member.find("#directives").getAttribute("data-state")));
    member.waitUntil(d -> "open".equals(member.find("#directives-live").getAttribute("data-state")));

    signIn(official, OFFICIAL);
    official.open("/calls?directive=" + id);
    official.waitUntil(d -> "waiting".equals(state(official)));

    // the department's screen rings; its member answers
    member.waitUntil(d -> !member.findAll("#ringing [data-directive='" + id + "'] #answer-call").isEmpty());
    member.clickAndWaitForPage(member.find("#answer-call"));
    assertThat(member.currentPath()).isEqualTo("/calls?directive=" + id);

    official.waitUntil(d -> "connected".equals(state(official)));
    member.waitUntil(d -> "connected".equals(state(member)));
    for (HeadlessChromium side : new HeadlessChromium[] {official, member}) {
      side.waitUntil(d -> ((Number) side.script("return document.getElementById('remote-video').videoWidth")).intValue() > 0);
      side.waitUntil(d -> {
        Object frames = side.script("return window.madangCall.inboundVideo().then(s => s ? s.frames : 0)");
        return frames instanceof Number n && n.intValue() > 0;
      });
    }
    sleep(1500);

    official.find("#hangup").click();
    official.waitUntil(d -> "ended".equals(state(official)));
    member.waitUntil(d -> "ended".equals(state(member)));

    JsonNode recorded = waitForCall(api, id);
    assertThat(recorded.path("caller").asString()).isEqualTo(OFFICIAL);
    assertThat(recorded.path("callee").asString()).isEqualTo(MEMBER);
    assertThat(recorded.path("connected_at").isNull()).isFalse();
    assertThat(recorded.path("duration_s").asInt()).isBetween(1, 60);
    JsonNode history = ApiClient.json(api.get("/api/directives/" + id)).path("history");
    assertThat(history.findValuesAsString("kind")).contains("call");

    // a steward of another department may not talk about this directive: refused at the signaling server
    signIn(member, OUTSIDER);
    member.open("/calls?directive=" + id);
    member.waitUntil(d -> "refused".equals(state(member)));
    assertThat(ApiClient.json(api.get("/api/directives/" + id)).path("calls")).hasSize(1);
  }

  private static JsonNode waitForCall(ApiClient api, long id) {
    long until = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonNode calls = ApiClient.json(api.get("/api/directives/" + id)).path("calls");
      if (calls.size() == 1 && !calls.get(0).path("ended_at").isNull()) {
        return calls.get(0);
      }
      assertThat(System.currentTimeMillis()).as("the call is recorded").isLessThan(until);
      sleep(100);
    }
  }

  private static String state(HeadlessChromium browser) {
    return browser.find("#call").getAttribute("data-state");
  }

  private static void signIn(HeadlessChromium browser, String username) {
    browser.forgetVisitor();
    browser.open("/login");
    browser.find("#username").sendKeys(username);
    browser.find("#password").sendKeys(PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
