package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A visitor finds the Seoul demo's datasets in a real browser: home page, search in Korean and English, facets. */
@DemoCityTest
class A01_CatalogSearchInBrowserTest {

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort
  int port;

  @Test
  void homePageSaysWhatMadangIsInKoreanAndCountsDatasetsAndOrganizations() {
    browser.open("/");

    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(browser.find("header .brand").getText()).contains("마당").contains("Madang");
    assertThat(browser.find(".hero .lead").getText()).contains("마당");
    int visibleToAnonymous = ApiClient.json(ApiClient.anonymous(port).get("/api/datasets?limit=0")).path("total").asInt();
    assertThat(visibleToAnonymous).isGreaterThanOrEqualTo(6);
    assertThat(browser.find("#dataset-count").getText()).isEqualTo(String.valueOf(visibleToAnonymous));
    int organizations = ApiClient.json(ApiClient.anonymous(port).get("/api/organizations")).size();
    assertThat(organizations).isGreaterThanOrEqualTo(7);
    assertThat(browser.find("#organization-count").getText()).isEqualTo(String.valueOf(organizations));
    assertThat(browser.findAll(".latest .dataset-summary")).isNotEmpty();
    assertThat(browser.find("header .sign-in").getText()).isEqualTo("로그인");
  }

  @Test
  void visitorFindsTheBikeDatasetsByAKoreanWordAndNarrowsThemByOrganization() {
    browser.open("/");
    WebElement box = browser.find("#home-q");
    box.sendKeys("자전거");
    browser.clickAndWaitForPage(browser.find(".hero button[type=submit]"));

    assertThat(browser.currentPath()).startsWith("/datasets?q=");
    assertThat(shownDatasets()).contains("bike-stations", "bicycle-accidents-by-district");
    assertThat(browser.find("#result-count").getText()).contains("자전거");

    WebElement transportation = browser.find(".facet-value[data-facet=organization][data-value=transportation]");
    assertThat(transportation.getText()).contains("도시교통실");
    browser.clickAndWaitForPage(transportation);

    // the night-bus cells count the bike stations in each cell, so they match 자전거 too, after the bike stations
    assertThat(shownDatasets()).containsExactly("bike-stations", "seoul-night-bus-cells");
    assertThat(browser.find(".facet-value[data-facet=organization][data-value=transportation]").getAttribute("aria-current")).isEqualTo("true");
    assertThat(browser.find(".facet-value[data-facet=organization][data-value=transportation] .count").getText()).isEqualTo("2");
    assertThat(browser.find("#q").getAttribute("value")).isEqualTo("자전거");

    browser.clickAndWaitForPage(browser.find(".facet-value[data-facet=organization][data-value=transportation]"));
    assertThat(shownDatasets()).contains("bike-stations", "bicycle-accidents-by-district");
  }

  @Test
  void anEnglishWordFindsTheSameDatasetAndResultsShowTitleOrganizationAccessFormatRowsAndTags() {
    browser.open("/datasets");
    WebElement box = browser.find("#q");
    box.sendKeys("bike", Keys.ENTER);
    browser.waitUntil(d -> browser.currentPath().contains("q=bike"));

    assertThat(shownDatasets()).contains("bike-stations");
    WebElement bikes = browser.find(".dataset-summary[data-dataset=bike-stations]");
    assertThat(bikes.findElement(By.cssSelector(".dataset-title")).getText()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
    assertThat(bikes.findElement(By.cssSelector(".dataset-other-title")).getText()).isEqualTo("Public bike (Ttareungyi) stations");
    assertThat(bikes.findElement(By.cssSelector(".dataset-organization")).getText()).isEqualTo("도시교통실");
    assertThat(bikes.findElement(By.cssSelector(".badge-public")).getText()).isEqualTo("공개");
    assertThat(bikes.findElement(By.cssSelector(".dataset-format")).getText()).isEqualToIgnoringCase("CSV");
    assertThat(bikes.findElement(By.cssSelector(".dataset-rows")).getText()).matches("[0-9,]+행");
    assertThat(bikes.findElements(By.cssSelector(".tags .tag"))).extracting(WebElement::getText).contains("자전거", "bike");
  }

  @Test
  void aTagFacetAndAFormatFacetCombineAndTheCountsMatchTheResults() {
    browser.open("/datasets");
    int all = shownDatasets().size();

    browser.clickAndWaitForPage(browser.find(".facet-value[data-facet=tag][data-value=transport]"));
    List<String> transport = shownDatasets();
    assertThat(transport).contains("bike-stations", "bus-stops").hasSizeLessThan(all);

    WebElement csv = browser.findAll(".facet-value[data-facet=format]").stream()
        .filter(e -> e.getAttribute("data-value").equalsIgnoreCase("csv")).findFirst().orElseThrow();
    int csvCount = Integer.parseInt(csv.findElement(By.cssSelector(".count")).getText());
    browser.clickAndWaitForPage(csv);
    assertThat(shownDatasets()).hasSize(csvCount).contains("bike-stations");

    browser.clickAndWaitForPage(browser.find(".clear-facets"));
    assertThat(shownDatasets()).hasSize(all);
  }

  private static List<String> shownDatasets() {
    return browser.findAll(".results .dataset-summary").stream().map(e -> e.getAttribute("data-dataset")).toList();
  }
}
