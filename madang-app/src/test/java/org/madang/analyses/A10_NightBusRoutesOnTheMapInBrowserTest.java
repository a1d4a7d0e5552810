package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's night-bus design draws as bus routes: one stroke per route in its route's colour, the 6-route design
 * dashed under the 9-route one, with a legend of route numbers, on the dataset page and on the analyses page.
 */
@DemoCityTest
class A10_NightBusRoutesOnTheMapInBrowserTest {

  /** The class, stroke colour, weight and dashes of every feature the result layer drew. */
  private static final String DRAWN_LINES = """
      var drawn = [];
      window[arguments[0]].eachLayer(function (l) {
        if (l.madangClass !== undefined && l.getLatLngs) {
          drawn.push({cls: l.madangClass, colour: l.options.color, weight: l.options.weight, dashed: !!l.options.dashArray,
            points: l.getLatLngs().length});
        }
      });
      return drawn;
      """;

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Test
  @SuppressWarnings("unchecked")
  void theDatasetPageDrawsEachRouteAsALineInItsRoutesColour() {
    browser.open("/datasets/seoul-night-bus-routes");
    String state = browser.waitUntil(d -> browser.find("#dataset-map").getAttribute("data-state"));
    assertThat(state).isEqualTo("ready");
    assertThat(browser.find("#dataset-map").getAttribute("data-drawn")).isEqualTo("15");

    List<Map<String, Object>> lines = (List<Map<String, Object>>) browser.script(DRAWN_LINES, "madangDatasetMap");
    assertThat(lines).hasSize(15);
    assertThat(lines).allSatisfy(l -> {
      assertThat(((Number) l.get("weight")).intValue()).isEqualTo(4);
      assertThat(((Number) l.get("points")).intValue()).isBetween(8, 25);
    });
    // route 1 of both designs in the first colour of the palette, the 6-route design dashed
    assertThat(lines).filteredOn(l -> l.get("cls").equals("1")).hasSize(2).allSatisfy(l -> assertThat(l.get("colour")).isEqualTo("#1b9e77"));
    assertThat(lines).filteredOn(l -> (Boolean) l.get("dashed")).hasSize(6);

    List<WebElement> legend = browser.findAll(".map-legend li");
    assertThat(legend).extracting(li -> li.getAttribute("data-value")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(browser.find(".map-legend").getText()).contains("bus_route").contains("1 (2)").contains("9 (1)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAnalysesPageShowsTheDemosNightBusJobAsRoutes() {
    browser.open("/login");
    browser.find("#username").sendKeys("admin");
    browser.find("#password").sendKeys(DemoCityTest.ADMIN_PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
    browser.open("/analyses");
    WebDriverWait patiently = new WebDriverWait(browser.driver(), Duration.ofSeconds(30), Duration.ofMillis(100));
    WebElement show = patiently.until(d -> browser.findAll("#jobs tbody tr").stream()
        .filter(r -> r.getText().contains("transit") && r.getText().contains("seoul-night-bus-routes"))
        .flatMap(r -> r.findElements(org.openqa.selenium.By.cssSelector("button")).stream()).findFirst().orElse(null));
    show.click();
    String state = patiently.until(d -> {
      String s = browser.find("#analysis-map").getAttribute("data-state");
      return "ready".equals(s) || "failed".equals(s) ? s : null;
    });
    assertThat(state).isEqualTo("ready");
    assertThat(browser.find("#analysis-map").getAttribute("data-drawn")).isEqualTo("15");
    List<Map<String, Object>> lines = (List<Map<String, Object>>) browser.script(DRAWN_LINES, "madangAnalysisMap");
    assertThat(lines).hasSize(15).filteredOn(l -> (Boolean) l.get("dashed")).hasSize(6);
    assertThat(lines).filteredOn(l -> l.get("cls").equals("2")).allSatisfy(l -> assertThat(l.get("colour")).isEqualTo("#d95f02"));
    assertThat(browser.find("#analysis-map .map-legend").getText()).contains("bus_route");
  }
}
