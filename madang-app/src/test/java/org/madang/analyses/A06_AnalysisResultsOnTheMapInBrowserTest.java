package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.WebElement;

/**
 * The demo city's ready analyses are datasets whose page draws them on the map: the accident hot spots as the 25
 * district polygons coloured by their hot spot class, the senior-facility siting as existing, added and demand points,
 * each with a legend of the classes drawn.
 */
@DemoCityTest
class A06_AnalysisResultsOnTheMapInBrowserTest {

  /** The class and fill colour of every feature the result layer drew. */
  private static final String DRAWN_CLASSES = """
      var drawn = [];
      window.madangDatasetMap.eachLayer(function (l) {
        if (l.madangClass !== undefined) drawn.push({cls: l.madangClass, fill: l.options.fillColor});
      });
      return drawn;
      """;

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Test
  @SuppressWarnings("unchecked")
  void accidentHotSpotsAreDistrictPolygonsColouredByClassWithALegend() {
    browser.open("/datasets/senior-accident-hotspots");
    assertThat(waitForMap()).isEqualTo("ready");
    assertThat(browser.find("#dataset-map").getAttribute("data-drawn")).isEqualTo("25");

    List<Map<String, Object>> drawn = (List<Map<String, Object>>) browser.script(DRAWN_CLASSES);
    assertThat(drawn).hasSize(25);
    assertThat(drawn).anySatisfy(f -> {
      assertThat((String) f.get("cls")).startsWith("hot-");
      assertThat((String) f.get("fill")).isIn("#b2182b", "#ef8a62", "#fddbc7");
    });
    assertThat(drawn).anySatisfy(f -> assertThat(f.get("cls")).isEqualTo("not-significant"));

    List<WebElement> legend = browser.findAll(".map-legend li");
    assertThat(legend).isNotEmpty();
    assertThat(legend).extracting(li -> li.getAttribute("data-value")).contains("not-significant").anyMatch(v -> v.startsWith("hot-"));
    assertThat(browser.find(".map-legend").getText()).contains("hotspot_class");
  }

  @Test
  void seniorFacilitySitingShowsTheAddedFacilitiesAmongTheExistingOnes() {
    browser.open("/datasets/senior-leisure-siting");
    assertThat(waitForMap()).isEqualTo("ready");
    String legend = browser.find(".map-legend").getText();
    assertThat(legend).contains("added (10)").contains("existing (100)").contains("demand (422)");
  }

  private static String waitForMap() {
    return browser.waitUntil(d -> browser.find("#dataset-map").getAttribute("data-state"));
  }
}
