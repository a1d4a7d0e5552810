package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An analyst signs in, opens the analyses page from the menu, runs a kernel density of the bike stations on H3
 * hexagons from the form, watches it finish, sees the hexagons on the map coloured by density class with a legend,
 * follows the link to the result's dataset page, and finds the run among the recent jobs; sites facilities on Spark over
 * demand merged into H3 cells (the form's resolution field); a long run is cancelled from the page. Citizens are told
 * they may not run analyses.
 */
@DemoCityTest
class A07_AnalysisFromMapTest {

  /** The density class of every feature the result layer drew. */
  private static final String DRAWN_CLASSES = """
      var drawn = [];
      window.madangAnalysisMap.eachLayer(function (l) { if (l.madangClass !== undefined) drawn.push(l.madangClass); });
      return drawn;
      """;

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort int port;

  @BeforeAll
  static void users(@Autowired UserDirectory users) {
    // other classes of the shared platform create users too: each one only when missing
    if (users.findByUsername("analyst-park").isEmpty()) {
      users.createUser("analyst-park", "analyst-password", EnumSet.of(Role.ANALYST), null, "박분석");
    }
    if (users.findByUsername("citizen-a07").isEmpty()) {
      users.createUser("citizen-a07", "citizen-password", EnumSet.of(Role.CITIZEN), null, "칠시민");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAnalystRunsAKernelDensityOnHexagonsFromTheMapAndOpensTheResult() {
    signIn("analyst-park", "analyst-password");
    browser.clickAndWaitForPage(browser.find("nav.main-nav a[href='/analyses']"));
    assertThat(browser.currentPath()).isEqualTo("/analyses");
    assertThat(browser.find("nav.main-nav a[href='/analyses']").getAttribute("aria-current")).isEqualTo("page");

    new Select(browser.find("#analysis-kind")).selectByValue("kde");
    new Select(browser.find("#input")).selectByValue("bike-stations");
    assertThat(new Select(browser.find("#grid")).getFirstSelectedOption().getAttribute("value")).isEqualTo("h3");
    WebElement resolution = browser.find("#h3-resolution");
    resolution.clear();
    resolution.sendKeys("8");
    browser.find("#output-title").sendKeys("따릉이 대여소 밀도 (H3)");
    long job = runToTheEnd();
    String dataset = browser.find("#analysis-map").getAttribute("data-dataset");
    assertThat(dataset).isEqualTo("analysis-" + job + "-kde");

    JsonNode rows = ApiClient.json(ApiClient.admin(port).get("/api/datasets/" + dataset + "/rows?limit=1&fields=h3_address"));
    int cells = rows.path("total").asInt();
    assertThat(cells).isPositive();
    assertThat(browser.find("#analysis-map").getAttribute("data-drawn")).isEqualTo(String.valueOf(cells));
    List<String> drawn = (List<String>) browser.script(DRAWN_CLASSES);
    assertThat(drawn).hasSize(cells).contains("5").allMatch(c -> c.matches("[1-5]"));
    assertThat(browser.findAll(".map-legend li")).extracting(li -> li.getAttribute("data-value")).contains("5");
    assertThat(browser.find(".map-legend").getText()).contains("density_class");
    assertThat(browser.find("#run-status").getText()).contains(String.format("%,d", cells));

    WebElement row = patiently().until(d -> browser.findAll("#jobs tr[data-id='" + job + "']").stream().findFirst().orElse(null));
    assertThat(row.getText()).contains("kde").contains("succeeded").contains(dataset);

    browser.clickAndWaitForPage(browser.find("#result-link"));
    assertThat(browser.currentPath()).isEqualTo("/datasets/" + dataset);
    assertThat(browser.find("#dataset-title").getText()).isEqualTo("따릉이 대여소 밀도 (H3)");
    String pageMap = browser.waitUntil(d -> browser.find("#dataset-map").getAttribute("data-state"));
    assertThat(pageMap).isEqualTo("ready");
    assertThat(browser.find("#dataset-map").getAttribute("data-drawn")).isEqualTo(String.valueOf(cells));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAnalystDesignsNightBusRoutesFromTheFormAndSeesThemAsLines() {
    signIn("analyst-park", "analyst-password");
    browser.open("/analyses");
    new Select(browser.find("#analysis-kind")).selectByValue("transit");
    assertThat(browser.find("#input").isDisplayed()).as("route design reads a scenario, not one input").isFalse();
    assertThat(new Select(browser.find("#scenario")).getFirstSelectedOption().getAttribute("value")).isEqualTo("seoul-night-bus");
    for (String[] value : new String[][] {{"#routes", "4"}, {"#transit-time-limit", "2"}}) {
      browser.find(value[0]).clear();
      browser.find(value[0]).sendKeys(value[1]);
    }
    long job = runToTheEnd();
    JsonNode recorded = ApiClient.json(ApiClient.admin(port).get("/api/analyses/" + job));
    assertThat(recorded.path("kind").asString()).isEqualTo("transit");
    assertThat(recorded.path("parameters").path("routes").asInt()).isEqualTo(4);
    assertThat(recorded.path("parameters").path("time_limit_s").asDouble()).isEqualTo(2.0);
    List<String> drawn = (List<String>) browser.script(DRAWN_CLASSES);
    // four routes, each drawn as one line classed by its route
    assertThat(drawn).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void anAnalystSitesFacilitiesOverDemandMergedIntoCellsOnSparkFromTheForm() {
    signIn("analyst-park", "analyst-password");
    browser.open("/analyses");
    new Select(browser.find("#analysis-kind")).selectByValue("kde");
    assertThat(browser.find("#demand-cells").isDisplayed()).as("only facility location merges demand").isFalse();
    new Select(browser.find("#analysis-kind")).selectByValue("pmedian");
    new Select(browser.find("#input")).selectByValue("bike-stations");
    assertThat(browser.find("#demand-cells").isDisplayed()).isTrue();
    for (String[] value : new String[][] {{"#p", "3"}, {"#time-limit", "30"}, {"#demand-cells", "8"}}) {
      browser.find(value[0]).clear();
      browser.find(value[0]).sendKeys(value[1]);
    }
    new Select(browser.find("#engine")).selectByValue("spark");
    long job = runToTheEnd();
    JsonNode recorded = ApiClient.json(ApiClient.admin(port).get("/api/analyses/" + job));
    assertThat(recorded.path("engine").asString()).isEqualTo("spark");
    assertThat(recorded.path("parameters").path("demand_h3_resolution").asInt()).isEqualTo(8);
    int cells = recorded.path("summary").path("demand_cells").asInt();
    assertThat(cells).isPositive().isLessThan(recorded.path("summary").path("demand_points").asInt());
    // one row per cell, then the three added stations
    assertThat(browser.find("#analysis-map").getAttribute("data-drawn")).isEqualTo(String.valueOf(cells + 3));
  }

  @Test
  void aLongRunIsCancelledFromThePage() {
    signIn("analyst-park", "analyst-password");
    browser.open("/analyses");
    new Select(browser.find("#analysis-kind")).selectByValue("pmedian");
    new Select(browser.find("#input")).selectByValue("bike-stations");
    for (String[] value : new String[][] {{"#p", "40"}, {"#time-limit", "120"}}) {
      browser.find(value[0]).clear();
      browser.find(value[0]).sendKeys(value[1]);
    }
    browser.find("#run").click();
    patiently().until(d -> browser.find("#cancel").isDisplayed() && browser.find("#analysis-form").getAttribute("data-job") != null);
    browser.find("#cancel").click();
    String status = patiently().withMessage(() -> "status: " + browser.find("#run-status").getText() + ", phase: " + browser.find("#run-phase").getText())
        .until(d -> browser.find("#cancel").isDisplayed() ? null : browser.find("#run-status").getText());
    assertThat(status).isEqualTo("분석을 취소했습니다.");
    long job = Long.parseLong(browser.find("#analysis-form").getAttribute("data-job"));
    JsonNode recorded = ApiClient.json(ApiClient.admin(port).get("/api/analyses/" + job));
    assertThat(recorded.path("status").asString()).isEqualTo("cancelled");
    assertThat(ApiClient.admin(port).get("/api/datasets/" + recorded.path("output").path("dataset").asString()).statusCode()).isEqualTo(404);
  }

  @Test
  void citizensAreToldWhoMayAnalyse() {
    signIn("citizen-a07", "citizen-password");
    assertThat(browser.findAll("nav.main-nav a[href='/analyses']")).isEmpty();
    browser.open("/analyses");
    assertThat(browser.find("#analyses-not-allowed").getText()).contains("분석가");
    assertThat(browser.findAll("#analysis-form")).isEmpty();
  }

  private static WebDriverWait patiently() {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(120), Duration.ofMillis(100));
  }

  private static void signIn(String username, String password) {
    browser.open("/login");
    browser.find("#username").sendKeys(username);
    browser.find("#password").sendKeys(password);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }

  /** Runs the form's analysis and waits for the map to draw its result; the job's id. */
  private long runToTheEnd() {
    browser.find("#run").click();
    String state = patiently().until(d -> {
      String s = browser.find("#analysis-map").getAttribute("data-state");
      return "ready".equals(s) || "failed".equals(s) ? s : null;
    });
    assertThat(state).as(browser.find("#run-status").getText()).isEqualTo("ready");
    return Long.parseLong(browser.find("#analysis-form").getAttribute("data-job"));
  }
}
