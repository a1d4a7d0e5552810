package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A spatial dataset's page draws it on a Leaflet map whose base map is the city's 25 districts from /api/districts:
 * no tile server, nothing fetched from outside the platform.
 */
@DemoCityTest
class A03_DatasetMapInBrowserTest {

  /** What Leaflet holds, counted in the page: district polygons, circle markers, other vector layers, tile layers. */
  private static final String COUNT_LAYERS = """
      var counts = {polygons: 0, circleMarkers: 0, paths: 0, tiles: 0};
      window.madangDatasetMap.eachLayer(function (l) {
        if (l instanceof L.TileLayer) counts.tiles++;
        if (l instanceof L.Polygon) counts.polygons++;
        if (l instanceof L.CircleMarker) counts.circleMarkers++;
        if (l instanceof L.Path) counts.paths++;
      });
      counts.foreignRequests = performance.getEntriesByType('resource')
          .filter(function (r) { return new URL(r.name).origin !== location.origin; }).length;
      return counts;
      """;

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort
  int port;

  @Test
  void bikeStationsAreDrawnAsPointsOverTheDistrictPolygons() {
    JsonNode bikes = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/bike-stations"));
    assertThat(bikes.path("spatial").asString()).isEqualTo("points");
    long located = bikes.path("version").path("spatial").path("located_rows").asLong();

    browser.open("/datasets/bike-stations");
    assertThat(waitForMap()).isEqualTo("ready");
    Map<String, Object> counts = counts();

    assertThat(number(counts, "polygons")).isEqualTo(25);
    assertThat(number(counts, "circleMarkers")).isGreaterThan(1000).isEqualTo(located);
    assertThat(number(counts, "tiles")).isZero();
    assertThat(number(counts, "foreignRequests")).isZero();
    assertThat(browser.find("#map-status").getText()).contains(String.format(Locale.ROOT, "%,d", located));
    assertThat(browser.find("#dataset-map").getAttribute("data-drawn")).isEqualTo(String.valueOf(located));
  }

  @Test
  void geometriesOfAGeoJsonDatasetAreDrawnOverTheDistricts() {
    JsonNode districts = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/seoul-districts"));
    assertThat(districts.path("spatial").asString()).isEqualTo("geometries");

    browser.open("/datasets/seoul-districts");
    assertThat(waitForMap()).isEqualTo("ready");
    Map<String, Object> counts = counts();

    long drawn = Long.parseLong(browser.find("#dataset-map").getAttribute("data-drawn"));
    assertThat(drawn).isEqualTo(districts.path("rows").asLong()).isEqualTo(25);
    assertThat(number(counts, "paths")).isEqualTo(25 + drawn);
    assertThat(number(counts, "tiles")).isZero();
  }

  @Test
  void clickingAPointNamesTheStation() {
    browser.open("/datasets/bike-stations");
    assertThat(waitForMap()).isEqualTo("ready");

    Object label = browser.script("""
        var found = null;
        window.madangDatasetMap.eachLayer(function (l) {
          if (!found && l instanceof L.CircleMarker && l.madangLabel) found = l;
        });
        found.fire('click', {latlng: found.getLatLng()}, true);
        return document.querySelector('.leaflet-popup-content') && document.querySelector('.leaflet-popup-content').textContent;
        """);
    assertThat((String) label).isNotBlank();
  }

  private static String waitForMap() {
    return browser.waitUntil(d -> browser.find("#dataset-map").getAttribute("data-state"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> counts() {
    return (Map<String, Object>) browser.script(COUNT_LAYERS);
  }

  private static long number(Map<String, Object> counts, String key) {
    return ((Number) counts.get(key)).longValue();
  }
}
