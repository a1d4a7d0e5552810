package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.audit.AuditTrail;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The cameras on the Mayor's Office dashboard in real headless Chromium: an official sees a marker for every camera
 * (its status as a glyph and a label, not colour alone); when an alert is raised next to a camera, the nearest cameras
 * pop up beside it with a proxied snapshot that loads, and the view is audited with the alert as its reason; a camera
 * picked on the map joins the camera wall only with a reason, and by keyboard from the panel's list. No stream address
 * reaches the page.
 */
@DemoCityTest
class A11_CctvOnTheDashboardInBrowserTest {

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;

  @BeforeEach
  void people() {
    if (users.findByUsername("a11-official").isEmpty()) {
      users.createUser("a11-official", "official-password", EnumSet.of(Role.OFFICIAL), null, "관제 담당");
    }
  }

  private void openDashboardAsOfficial() {
    browser.open("/login");
    browser.find("#username").sendKeys("a11-official");
    browser.find("#password").sendKeys("official-password");
    browser.clickAndWaitForPage(browser.find("#sign-in"));
    browser.open("/office");
    browser.waitUntil(d -> "ready".equals(browser.find("#office").getAttribute("data-cctv")));
  }

  private static boolean loaded(WebElement img) {
    return "true".equals(img.getAttribute("data-loaded"));
  }

  @Test
  void anOfficialSeesTheCamerasAndTheNearestOnesPopUpWithALoadedSnapshotWhenAnAlertIsRaised() {
    JsonNode all = ApiClient.json(ApiClient.admin(port).get("/api/cctv/cameras")).get("cameras");
    JsonNode pattern = ApiClient.json(ApiClient.admin(port).get("/api/cctv/cameras/demo-11110-001"));
    assertThat(pattern.get("test_pattern").asBoolean()).isTrue();

    openDashboardAsOfficial();
    List<WebElement> markers = browser.findAll("#office-map .cctv-marker");
    assertThat(markers).hasSize(all.size());
    WebElement marker = browser.find("#office-map .cctv-marker[data-camera='demo-11110-001']");
    assertThat(marker.getAttribute("aria-label")).contains("합성").contains("테스트 패턴");
    assertThat(marker.getText()).isNotBlank(); // the status glyph
    browser.waitUntil(d -> "open".equals(browser.find("#live-state").getAttribute("data-state")));

    // a reading far past the fine-dust threshold, a few metres from the test-pattern camera
    String station = "a11-sensor-" + System.nanoTime();
    String now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> pushed = ApiClient.admin(port).postJson("/api/feeds/air/observations", """
        [{"station": "%s", "observed_at": "%s", "lat": %s, "lon": %s, "values": {"pm10": 500, "pm25": 400}}]
        """.formatted(station, now, pattern.get("lat").asDouble() + 0.0001, pattern.get("lon").asDouble()));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);

    browser.waitUntil(d -> !browser.find("#cctv-alert").getAttribute("class").isEmpty() && browser.find("#cctv-alert").isDisplayed());
    WebElement first = browser.waitUntil(d -> browser.findAll("#cctv-alert .cctv-tile").stream().findFirst().orElse(null));
    assertThat(first.getAttribute("data-camera")).isEqualTo("demo-11110-001");
    assertThat(browser.findAll("#cctv-alert .cctv-tile")).hasSize(4);
    WebElement img = browser.waitUntil(d -> browser.findAll("#cctv-alert .cctv-tile[data-camera='demo-11110-001'] img.cctv-snapshot").stream()
        .filter(A11_CctvOnTheDashboardInBrowserTest::loaded).findFirst().orElse(null));
    assertThat(((Number) browser.script("return arguments[0].naturalWidth", img)).intValue()).isEqualTo(TestPattern.WIDTH);
    assertThat(img.getAttribute("src")).contains("/cctv/media/demo-11110-001/snapshot?");
    assertThat(browser.find("#cctv-alert .cctv-alert-title").getText()).contains("미세먼지 매우 나쁨");
    assertThat(audit.listFor("camera", "demo-11110-001", 20)).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("a11-official");
      assertThat(e.action()).isEqualTo("cctv.view");
      assertThat(e.detail()).contains("경보 #");
    });
  }

  @Test
  void fromTheCamerasBesideAnAlertTheOfficialTasksADepartmentAboutTheAlertAndAboutACamera() {
    JsonNode pattern = ApiClient.json(ApiClient.admin(port).get("/api/cctv/cameras/demo-11140-001"));
    openDashboardAsOfficial();
    browser.waitUntil(d -> "ready".equals(browser.find("#office").getAttribute("data-directives")));
    browser.waitUntil(d -> "open".equals(browser.find("#live-state").getAttribute("data-state")));
    String station = "a11-task-" + System.nanoTime();
    String now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS).toString();
    HttpResponse<String> pushed = ApiClient.admin(port).postJson("/api/feeds/air/observations", """
        [{"station": "%s", "observed_at": "%s", "lat": %s, "lon": %s, "values": {"pm10": 500, "pm25": 400}}]
        """.formatted(station, now, pattern.get("lat").asDouble() + 0.0001, pattern.get("lon").asDouble()));
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
    browser.waitUntil(d -> browser.findAll("#cctv-alert .cctv-tile[data-camera='demo-11140-001']").size() == 1);
    String alert = browser.find("#cctv-alert").getAttribute("data-alert");

    // about the alert: the dialog says what it is about, and the directive records the alert
    WebElement aboutAlertButton = browser.waitUntil(d -> browser.findAll("#cctv-alert .cctv-alert-issue").stream().findFirst().orElse(null));
    browser.script("arguments[0].click()", aboutAlertButton);
    browser.waitUntil(d -> browser.find("#issue-dialog").isDisplayed());
    assertThat(browser.find("#issue-about").getText()).contains("#" + alert);
    browser.find("#issue-title").sendKeys("중구 미세먼지 경보 현장 확인");
    new Select(browser.find("#issue-department")).selectByIndex(0);
    browser.find("#issue-send").click();
    browser.waitUntil(d -> browser.findAll("#issue-dialog").isEmpty());

    // about a camera beside it
    browser.script("arguments[0].click()", browser.find("#cctv-alert .cctv-tile[data-camera='demo-11140-001'] .cctv-issue"));
    browser.waitUntil(d -> browser.find("#issue-dialog").isDisplayed());
    browser.find("#issue-title").sendKeys("중구 CCTV 화면 확인");
    new Select(browser.find("#issue-department")).selectByIndex(0);
    browser.find("#issue-send").click();
    browser.waitUntil(d -> browser.findAll("#issue-dialog").isEmpty());

    JsonNode directives = ApiClient.json(ApiClient.admin(port).get("/api/directives?status=open")).path("directives");
    JsonNode aboutAlert = null;
    JsonNode aboutCamera = null;
    for (JsonNode d : directives) {
      if (d.path("title").asString().equals("중구 미세먼지 경보 현장 확인")) {
        aboutAlert = d;
      } else if (d.path("title").asString().equals("중구 CCTV 화면 확인")) {
        aboutCamera = d;
      }
    }
    assertThat(aboutAlert).as(directives.toString()).isNotNull();
    assertThat(aboutAlert.path("target").path("kind").asString()).isEqualTo("alert");
    assertThat(aboutAlert.path("target").path("ref").asString()).isEqualTo(alert);
    assertThat(aboutCamera).as(directives.toString()).isNotNull();
    assertThat(aboutCamera.path("target").path("kind").asString()).isEqualTo("camera");
    assertThat(aboutCamera.path("target").path("ref").asString()).isEqualTo("demo-11140-001");
  }

  @Test
  void aCameraPickedOnTheMapJoinsTheWallOnlyWithAReason() {
    openDashboardAsOfficial();
    WebElement marker = browser.find("#office-map .cctv-marker[data-camera='demo-11680-001']");
    browser.script("arguments[0].click()", marker);
    browser.waitUntil(d -> !browser.find("#cctv-message").getText().isBlank());
    assertThat(browser.findAll("#cctv-wall .cctv-tile")).isEmpty();

    browser.find("#cctv-reason").sendKeys("강남역 주변 확인");
    browser.script("arguments[0].click()", marker);
    WebElement img = browser.waitUntil(d -> browser.findAll("#cctv-wall .cctv-tile[data-camera='demo-11680-001'] img.cctv-snapshot").stream()
        .filter(A11_CctvOnTheDashboardInBrowserTest::loaded).findFirst().orElse(null));
    assertThat(((Number) browser.script("return arguments[0].naturalWidth", img)).intValue()).isPositive();
    assertThat(audit.listFor("camera", "demo-11680-001", 20)).anySatisfy(e -> assertThat(e.detail()).contains("강남역 주변 확인"));
    Object foreign = browser.script("return performance.getEntriesByType('resource').filter(r => new URL(r.name).origin !== location.origin).length");
    assertThat(((Number) foreign).intValue()).isZero();
  }

  @Test
  void byKeyboardTheCameraPanelOpensAndACameraIsPickedFromItsList() {
    openDashboardAsOfficial();
    WebElement toggle = browser.find("#cctv-toggle");
    assertThat(browser.find("#cctv-panel").isDisplayed()).isFalse();
    toggle.sendKeys(Keys.ENTER);
    browser.waitUntil(d -> browser.find("#cctv-panel").isDisplayed());
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");

    browser.find("#cctv-reason").sendKeys("키보드로 확인");
    new Select(browser.find("#cctv-pick")).selectByValue("demo-11440-001");
    browser.find("#cctv-add").sendKeys(Keys.ENTER);
    browser.waitUntil(d -> browser.findAll("#cctv-wall .cctv-tile[data-camera='demo-11440-001'] img.cctv-snapshot").stream()
        .filter(A11_CctvOnTheDashboardInBrowserTest::loaded).findFirst().orElse(null));
    // only cameras with a picture are offered: one test pattern per district in the demo
    assertThat(browser.findAll("#cctv-pick option")).hasSizeGreaterThanOrEqualTo(25);
    browser.find("#cctv-close").sendKeys(Keys.ENTER);
    browser.waitUntil(d -> !browser.find("#cctv-panel").isDisplayed());
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
  }
}
