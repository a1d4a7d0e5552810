package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.openqa.selenium.WebElement;

/**
 * A restricted dataset ({@value #RESTRICTED}) does not exist for an anonymous visitor: not in results, not in the
 * access facet, and its page is the same 404 as a missing one. The admin sees it after signing in with the form.
 */
@DemoCityTest
class A05_RestrictedDatasetInBrowserTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @LocalServerPort
  int port;

  @Test
  void anonymousVisitorNeitherFindsNorOpensTheRestrictedDataset() {
    browser.open("/datasets?organization=welfare");
    assertThat(shownDatasets()).isNotEmpty().doesNotContain(RESTRICTED);
    browser.open("/datasets");
    assertThat(browser.findAll(".facet-value[data-facet=access]")).extracting(e -> e.getAttribute("data-value")).doesNotContain("restricted");

    browser.open("/datasets?q=요양");
    assertThat(shownDatasets()).isEmpty();
    assertThat(browser.find(".empty-state").getText()).contains("조건에 맞는 데이터가 없습니다");

    browser.open("/datasets/" + RESTRICTED);
    assertThat(browser.find("h1").getText()).isEqualTo("페이지를 찾을 수 없습니다");
    assertThat(browser.find(".error-card .other-language").getText()).startsWith("Page not found");
    assertThat(browser.driver().getPageSource()).doesNotContain("노인요양시설");

    HttpResponse<String> restricted = getPage("/datasets/" + RESTRICTED);
    HttpResponse<String> missing = getPage("/datasets/no-such-dataset");
    assertThat(restricted.statusCode()).isEqualTo(404);
    assertThat(restricted.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body().replace("no-such-dataset", "NAME")).isEqualTo(restricted.body().replace(RESTRICTED, "NAME"));
  }

  @Test
  void errorPageForAnUnknownAddressIsInTheLayoutInEnglishToo() {
    browser.open("/no/such/page?lang=en");

    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(browser.find("h1").getText()).isEqualTo("Page not found");
    assertThat(browser.find(".error-card .other-language").getText()).startsWith("페이지를 찾을 수 없습니다");
    assertThat(browser.find("header .brand").getText()).contains("Madang");
  }

  @Test
  void adminSeesTheRestrictedDatasetAfterSigningInThroughTheLoginForm() {
    browser.open("/datasets");
    browser.clickAndWaitForPage(browser.find("header .sign-in"));
    assertThat(browser.currentPath()).isEqualTo("/login");

    signIn("admin", "not-the-password");
    assertThat(browser.currentPath()).isEqualTo("/login?error");
    assertThat(browser.find("#login-error").getText()).isEqualTo("아이디 또는 비밀번호가 올바르지 않습니다.");

    signIn("admin", DemoCityTest.ADMIN_PASSWORD);
    assertThat(browser.currentPath()).startsWith("/datasets");
    assertThat(browser.find("header .user-name").getText()).isEqualTo("admin");
    assertThat(browser.findAll(".facet-value[data-facet=access]")).extracting(e -> e.getAttribute("data-value")).contains("restricted");

    browser.open("/datasets?q=요양");
    assertThat(shownDatasets()).containsExactly(RESTRICTED);
    browser.clickAndWaitForPage(browser.find(".dataset-summary .dataset-title a"));
    assertThat(browser.find("h1").getText()).isEqualTo("노인요양시설 운영 현황 (2024)");
    assertThat(browser.find("#access-badge").getText()).isEqualTo("제한");
    assertThat(browser.findAll("#preview-table tbody tr")).isNotEmpty();
    assertThat(browser.findAll("a.download[data-format=csv]")).hasSize(1);

    browser.clickAndWaitForPage(browser.find("header .sign-out button"));
    assertThat(browser.findAll("header .user-name")).isEmpty();
    browser.open("/datasets/" + RESTRICTED);
    assertThat(browser.find("h1").getText()).isEqualTo("페이지를 찾을 수 없습니다");
  }

  private HttpResponse<String> getPage(String path) {
    ApiClient client = ApiClient.anonymous(port);
    return client.send(HttpRequest.newBuilder(URI.create(client.base() + path)).header("Accept", "text/html"));
  }

  private static void signIn(String username, String password) {
    WebElement user = browser.find("#username");
    user.clear();
    user.sendKeys(username);
    browser.find("#password").sendKeys(password);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }

  private static List<String> shownDatasets() {
    return browser.findAll(".results .dataset-summary").stream().map(e -> e.getAttribute("data-dataset")).toList();
  }
}
