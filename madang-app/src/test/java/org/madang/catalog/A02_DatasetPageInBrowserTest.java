package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A visitor opens a dataset and reads what it is: metadata, schema with Korean labels, first rows, versions; downloads it. */
@DemoCityTest
class A02_DatasetPageInBrowserTest {

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort
  int port;

  @Test
  void visitorOpensBikeStationsFromTheResultsAndReadsItsMetadata() {
    browser.open("/datasets?q=따릉이");
    browser.clickAndWaitForPage(browser.find(".dataset-summary[data-dataset=bike-stations] .dataset-title a"));

    assertThat(browser.currentPath()).isEqualTo("/datasets/bike-stations");
    assertThat(browser.find("h1").getText()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
    assertThat(browser.find(".dataset-header .dataset-other-title").getText()).isEqualTo("Public bike (Ttareungyi) stations");
    assertThat(browser.find("#meta-organization").getText()).isEqualTo("도시교통실");
    assertThat(browser.find("#access-badge").getText()).isEqualTo("공개");
    WebElement source = browser.find(".metadata a.external");
    assertThat(source.getAttribute("href")).isEqualTo("https://data.seoul.go.kr/dataList/OA-13252/F/1/datasetView.do");
    assertThat(source.getText()).contains("OA-13252");
    assertThat(browser.find(".metadata").getText()).contains("공공누리").contains("부정기");
    assertThat(browser.findAll(".notice-synthetic")).isEmpty();
  }

  @Test
  void schemaShowsEachColumnWithItsKoreanLabelTypeRoleAndProfile() {
    browser.open("/datasets/bike-stations");

    List<WebElement> rows = browser.findAll("#schema-table tbody tr");
    List<String> labels = rows.stream().map(r -> r.findElement(By.cssSelector(".column-label")).getText()).toList();
    assertThat(labels).contains("대여소 번호", "보관소(대여소)명", "자치구", "위도", "경도", "설치시기");

    JsonNode spatial = dataset("bike-stations").path("version").path("spatial");
    WebElement latitude = browser.find("#schema-table tbody tr[data-column='" + spatial.path("lat_column").asString() + "']");
    List<String> cells = latitude.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    assertThat(cells.get(1)).isEqualTo("위도");
    assertThat(cells.get(2)).isNotBlank();
    assertThat(cells.get(3)).isEqualTo("위도");
    assertThat(cells.get(5)).matches("[0-9,]+");
    assertThat(Double.parseDouble(cells.get(6))).isBetween(37.0, 38.0);
    assertThat(Double.parseDouble(cells.get(7))).isBetween(37.0, 38.0);

    WebElement district = rows.stream().filter(r -> r.findElement(By.cssSelector(".column-label")).getText().equals("자치구")).findFirst().orElseThrow();
    assertThat(district.findElements(By.cssSelector(".top-values li"))).isNotEmpty();
  }

  @Test
  void previewShowsTheFirstTwentyRowsUnderKoreanHeaders() {
    browser.open("/datasets/bike-stations");

    assertThat(browser.findAll("#preview-table tbody tr")).hasSize(20);
    assertThat(browser.findAll("#preview-table thead .column-label")).extracting(WebElement::getText).contains("보관소(대여소)명", "위도", "경도");
    assertThat(browser.find("#preview-table tbody").getText()).contains("경복궁역");
    assertThat(browser.find("#preview-table caption").getText()).contains("20");
  }

  @Test
  void versionHistoryListsTheDemoUploadAsTheCurrentVersion() {
    browser.open("/datasets/bike-stations");

    List<WebElement> versions = browser.findAll("#versions-table tbody tr");
    assertThat(versions).hasSize(1);
    List<String> cells = versions.get(0).findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList();
    assertThat(cells.get(0)).startsWith("v1").contains("현재");
    assertThat(cells.get(1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    assertThat(cells.get(2).replace(",", "")).isEqualTo(String.valueOf(dataset("bike-stations").path("rows").asLong()));
    assertThat(cells.get(3)).isEqualToIgnoringCase("CSV");
    assertThat(cells.get(4)).isNotBlank();
    assertThat(cells.get(5)).isEqualTo("madang-demo");
  }

  @Test
  void publicCsvDownloadHasTheHeaderAndEveryRow() {
    browser.open("/datasets/bike-stations");
    assertThat(browser.findAll("a.download")).extracting(e -> e.getAttribute("data-format")).containsExactly("csv", "geojson", "parquet");
    String href = browser.find("a.download[data-format=csv]").getAttribute("href");

    HttpResponse<byte[]> download = ApiClient.anonymous(port).getBytes(href.substring(href.indexOf("/datasets/")));

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains("bike-stations-v1.csv");
    String csv = new String(download.body(), StandardCharsets.UTF_8).replace("\uFEFF", "");
    JsonNode dataset = dataset("bike-stations");
    String header = csv.substring(0, csv.indexOf('\n'));
    String latitude = dataset.path("version").path("spatial").path("lat_column").asString();
    assertThat(header).containsAnyOf(latitude, "위도");
    assertThat(countCsvRecords(csv) - 1).isEqualTo(dataset.path("rows").asLong());
  }

  @Test
  void aDatasetWithoutLocationsHasNoMapAndNoGeoJsonDownload() {
    // police stations are not districts, so the demo's crime table has no locations
    String name = "crime-by-police-station-2016";
    assertThat(dataset(name).path("spatial").isNull()).as("the demo's %s has no locations", name).isTrue();

    browser.open("/datasets/" + name);

    assertThat(browser.findAll("#dataset-map")).isEmpty();
    assertThat(browser.findAll("a.download")).extracting(e -> e.getAttribute("data-format")).containsExactly("csv", "parquet");
    assertThat(browser.findAll("#preview-table tbody tr")).isNotEmpty();
  }

  private JsonNode dataset(String name) {
    return ApiClient.json(ApiClient.anonymous(port).get("/api/datasets/" + name));
  }

  /** Records in a CSV text, minding quoted fields that hold line breaks. */
  private static long countCsvRecords(String csv) {
    long records = 0;
    boolean quoted = false;
    boolean empty = true;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        if (!empty) {
          records++;
        }
        empty = true;
        continue;
      } else if (c == '\r' && !quoted) {
        continue;
      }
      empty = false;
    }
    return empty ? records : records + 1;
  }
}
