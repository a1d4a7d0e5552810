package org.madang.office;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * First render of {@code /office} in headless Chromium: the time from navigation start to every panel filled (the
 * page's {@code office-ready} performance mark, set with {@code data-ready}), with a cold cache (a new browser profile
 * each time) and a warm one (the same browser loading the page again). Prints the runs and their medians. Runs only
 * when asked: {@code mvn -o -pl madang-app test -Dtest=OfficeFirstRenderBenchmark -Dbenchmark=true [-Druns=7]}.
 */
@DemoCityTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class OfficeFirstRenderBenchmark {

  @LocalServerPort int port;

  @Test
  void measuresTimeToAllPanelsFilled() {
    int runs = Integer.getInteger("runs", 7);
    // one unmeasured load warms the server (JIT, caches), so the runs measure the page rather than the first request
    try (HeadlessChromium warmUp = HeadlessChromium.start(port)) {
      readyMs(warmUp, true);
    }
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (HeadlessChromium browser = HeadlessChromium.start(port)) {
        cold.add(readyMs(browser, true));
        warm.add(readyMs(browser, false));
      }
    }
    System.out.printf(Locale.ROOT, "office first render, %d runs: cold cache %s ms (median %.0f), warm cache %s ms (median %.0f)%n",
        runs, cold, median(cold), warm, median(warm));
  }

  private static double readyMs(HeadlessChromium browser, boolean signIn) {
    if (signIn) {
      browser.open("/login");
      browser.find("#username").sendKeys("admin");
      browser.find("#password").sendKeys(DemoCityTest.ADMIN_PASSWORD);
      browser.clickAndWaitForPage(browser.find("#sign-in"));
    }
    browser.open("/office");
    browser.waitUntil(d -> "true".equals(browser.find("#office").getAttribute("data-ready")));
    return Math.round(((Number) browser.script("return performance.getEntriesByName('office-ready')[0].startTime")).doubleValue());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
