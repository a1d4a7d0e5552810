package org.madang.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.catalog.CatalogRepository;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Big Data Campus in a real browser, as the "done when" tells it: a citizen signs up, proposes a project
 * that asks for the restricted nursing-homes dataset, an official approves it on the review page, the citizen asks for
 * access and the welfare department's steward grants it there; in the workspace the citizen completes a table name,
 * sees an error put the cursor on its line, runs a query with Ctrl+Enter, sees the grid (no CSV once the project holds
 * restricted data) and a chart, saves the query, makes a working table, and asks for an output (count and capacity
 * per district) built from a row-level result; the check report marks the suppressed cells, the steward approves it
 * on the review page, and the citizen downloads it and publishes it to the catalog, where its page exists. Visitors
 * are told what the campus is and how to join, and citizens who reviews.
 */
@DemoCityTest
class A09_CampusWorkspaceInBrowserTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String CITIZEN = "a09-citizen";
  static final String CITIZEN_PASSWORD = "nine-homes-in-seoul";

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @BeforeAll
  static void users(@Autowired UserDirectory users, @Autowired CatalogRepository catalog) {
    // the shared platform's other classes make users too: these names are this class's own
    if (users.findByUsername("a09-official").isEmpty()) {
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      users.createUser("a09-official", "a09-official-password", EnumSet.of(Role.OFFICIAL), null, "구공무원");
      users.createUser("a09-steward", "a09-steward-password", EnumSet.of(Role.STEWARD), welfare, "구관리자");
      users.createUser("a09-bystander", "a09-bystander-password", EnumSet.of(Role.CITIZEN), null, "구행인");
    }
  }

  @Test
  void aCitizenProposesAProjectAnalysesGrantedRestrictedDataInTheWorkspaceAndAsksToTakeOutAnAggregate() {
    // ---- a citizen signs up and proposes a project asking for the restricted dataset
    browser.open("/campus");
    browser.clickAndWaitForPage(browser.find("#campus-sign-up"));
    assertThat(browser.currentPath()).isEqualTo("/signup");
    browser.find("#username").sendKeys(CITIZEN);
    browser.find("#display_name").sendKeys("구시민");
    browser.find("#password").sendKeys(CITIZEN_PASSWORD);
    browser.find("#password_confirm").sendKeys(CITIZEN_PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-up"));
    assertThat(browser.currentPath()).startsWith("/login?signed_up");
    signIn(CITIZEN, CITIZEN_PASSWORD);
    browser.clickAndWaitForPage(browser.find("nav.main-nav a[href='/campus']"));
    assertThat(browser.find("#no-projects").isDisplayed()).isTrue();

    browser.find("#project-title").sendKeys("노인 요양시설 접근성");
    browser.find("#project-purpose").sendKeys("자치구마다 요양시설 정원이 어르신 수에 견주어 충분한지 알아봅니다.");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
    browser.script("arguments[0].value = arguments[1]", browser.find("#project-start"), today.toString());
    browser.script("arguments[0].value = arguments[1]", browser.find("#project-end"), today.plusDays(60).toString());
    WebElement bikes = browser.find("#project-datasets input[value='bike-stations']");
    assertThat(browser.findAll("#project-datasets input[value='" + RESTRICTED + "']")).as("restricted data is not listed to citizens").isEmpty();
    bikes.click();
    browser.find("#project-restricted").sendKeys(RESTRICTED);
    browser.clickAndWaitForPage(browser.find("#propose"));
    assertThat(browser.currentPath()).matches("/campus/projects/\\d+");
    long project = Long.parseLong(browser.currentPath().substring("/campus/projects/".length()));
    assertThat(browser.find("#project-status").getAttribute("data-status")).isEqualTo("proposed");
    assertThat(browser.find("#project-datasets").getText()).contains(RESTRICTED).contains("bike-stations");
    assertThat(browser.find("#workspace-closed").isDisplayed()).isTrue();
    assertThat(browser.findAll("#workspace")).isEmpty();
    assertThat(browser.findAll("#outputs-section")).isEmpty();

    // ---- an official approves it on the review page
    signIn("a09-official", "a09-official-password");
    browser.open("/campus/review");
    patiently().until(d -> "ready".equals(browser.find("#review-projects").getAttribute("data-state")));
    decide("#review-projects", "article[data-kind='project'][data-id='" + project + "']", "도시 문제에 맞는 제안입니다.");
    browser.open("/campus/projects/" + project);
    assertThat(browser.find("#project-status").getAttribute("data-status")).isEqualTo("active");

    // ---- the citizen asks for access; the welfare steward grants it on the review page
    signIn(CITIZEN, CITIZEN_PASSWORD);
    browser.open("/campus/projects/" + project);
    waitForSchema();
    assertThat(browser.findAll("#schema-tree details[data-table='senior_nursing_homes_2024']")).as("not granted yet").isEmpty();
    assertThat(browser.findAll("#schema-tree details[data-table='bike_stations']")).hasSize(1);
    // before any grant, a result of public data may be downloaded as it is; Tab leaves the editor for the next control
    setSql("SELECT * FROM bike_stations LIMIT 5");
    editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    patiently().until(d -> "ready".equals(browser.find("#result").getAttribute("data-state")));
    assertThat(browser.find("#result").getAttribute("data-restricted")).isEqualTo("false");
    assertThat(browser.find("#download-csv").isDisplayed()).isTrue();
    assertThat(browser.find("#restricted-note").isDisplayed()).isFalse();
    editor().sendKeys(Keys.TAB);
    assertThat(browser.script("return document.activeElement.id")).isEqualTo("run-sql");

    assertThat(new Select(browser.find("#access-dataset")).getFirstSelectedOption().getAttribute("value")).isEqualTo(RESTRICTED);
    browser.find("#access-reason").sendKeys("자치구별 정원 합계만 봅니다.");
    browser.find("#ask-access").click();
    browser.waitUntil(d -> !browser.findAll("#access-requests li[data-status='pending']").isEmpty());

    signIn("a09-steward", "a09-steward-password");
    browser.open("/campus/review");
    assertThat(browser.findAll("#review-projects")).as("stewards do not decide projects").isEmpty();
    patiently().until(d -> "ready".equals(browser.find("#review-access").getAttribute("data-state")));
    decide("#review-access", "article[data-kind='access'][data-dataset='" + RESTRICTED + "'][data-project='" + project + "']", "집계만 반출하는 조건으로 승인합니다.");

    // ---- the workspace: schema, completion, highlighting, errors, Ctrl+Enter, grid, chart
    signIn(CITIZEN, CITIZEN_PASSWORD);
    browser.open("/campus/projects/" + project);
    browser.waitUntil(d -> browser.findAll("#access-requests li[data-status='approved']").size() == 1);
    assertThat(browser.find("#access-form").isDisplayed()).as("granted data is not asked for again").isFalse();
    waitForSchema();
    WebElement homes = browser.find("#schema-tree details[data-table='senior_nursing_homes_2024']");
    assertThat(homes.getText()).contains("제한");
    homes.findElement(By.tagName("summary")).click();
    assertThat(homes.findElement(By.cssSelector("li[data-column='iyongja_jeongwon']")).getText()).contains("이용자 정원").contains("BIGINT");

    setSql("SELECT * FROM senior_nur");
    editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.SPACE));
    WebElement hint = browser.waitUntil(d -> browser.findAll(".CodeMirror-hints li").stream()
        .filter(li -> li.getText().equals("senior_nursing_homes_2024")).findFirst().orElse(null));
    hint.click();
    assertThat(sql()).isEqualTo("SELECT * FROM senior_nursing_homes_2024");
    assertThat(browser.findAll(".CodeMirror .cm-keyword")).extracting(WebElement::getText).contains("SELECT");

    setSql("SELECT count(*)\nFROM senior_nursing_homes_2024\nWHERE nope > 1");
    editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    patiently().until(d -> "failed".equals(browser.find("#result").getAttribute("data-state")));
    assertThat(browser.find("#result").getAttribute("data-error-line")).isEqualTo("3");
    assertThat(browser.find("#result").getAttribute("data-error-column")).isEqualTo("7");
    assertThat(browser.find("#result-error").getText()).startsWith("3번째 줄 7번째 칸:");
    assertThat(browser.script("var c = window.madangWorkspace.editor.getCursor(); return [c.line, c.ch];")).isEqualTo(List.of(2L, 6L));

    String byDistrict = """
        SELECT gwanhal_jachigu AS district, count(*) AS homes, sum(iyongja_jeongwon) AS capacity
        FROM senior_nursing_homes_2024
        GROUP BY 1
        ORDER BY 1""";
    setSql(byDistrict);
    editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    patiently().until(d -> "ready".equals(browser.find("#result").getAttribute("data-state")));
    int rows = Integer.parseInt(browser.find("#result").getAttribute("data-rows"));
    assertThat(rows).isBetween(25, 27);
    assertThat(browser.findAll("#result-grid tbody tr")).hasSize(rows);
    assertThat(browser.findAll("#result-grid thead th")).extracting(WebElement::getText)
        .containsExactly("district\nVARCHAR", "homes\nBIGINT", "capacity\nHUGEINT");
    assertThat(browser.find("#restricted-note").isDisplayed()).as("restricted rows leave only through an output request").isTrue();
    assertThat(browser.find("#restricted-note").getText()).contains(RESTRICTED);
    assertThat(browser.find("#download-csv").isDisplayed()).isFalse();

    new Select(browser.find("#chart-type")).selectByValue("bar");
    new Select(browser.find("#chart-x")).selectByValue("district");
    new Select(browser.find("#chart-y")).selectByValue("capacity");
    browser.find("#draw-chart").click();
    patiently().until(d -> "ready".equals(browser.find("#chart").getAttribute("data-state")));
    assertThat(browser.find("#chart").getAttribute("data-points")).isEqualTo(String.valueOf(rows));
    assertThat(browser.find("#chart").getAttribute("data-type")).isEqualTo("bar");
    assertThat(browser.findAll("#chart canvas")).isNotEmpty();

    // ---- saved queries and working tables
    browser.find("#query-name").sendKeys("구별 정원");
    browser.find("#save-query").click();
    browser.waitUntil(d -> !browser.findAll("#saved-queries li[data-name='구별 정원']").isEmpty());
    browser.find("#table-name").sendKeys("homes_by_gu");
    browser.find("#create-table").click();
    browser.waitUntil(d -> !browser.findAll("#working-tables li[data-name='homes_by_gu']").isEmpty());
    browser.waitUntil(d -> !browser.findAll("#schema-tree details[data-kind='table'][data-table='homes_by_gu']").isEmpty());
    assertThat(browser.find("#working-tables li[data-name='homes_by_gu']").getText()).contains(rows + "행").contains("3열");

    setSql("SELECT 1");
    browser.find("#saved-queries li[data-name='구별 정원'] button[data-action='open']").click();
    assertThat(sql()).isEqualTo(byDistrict);

    // once the project holds restricted data, even a result of public data leaves only through an output request
    setSql("SELECT * FROM bike_stations LIMIT 5");
    editor().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    patiently().until(d -> "5".equals(browser.find("#result").getAttribute("data-rows")) && "ready".equals(browser.find("#result").getAttribute("data-state")));
    assertThat(browser.find("#download-csv").isDisplayed()).isFalse();
    assertThat(browser.find("#restricted-note").isDisplayed()).isTrue();

    // deleting a saved query and dropping a working table ask first
    browser.find("#saved-queries li[data-name='구별 정원'] button[data-action='delete']").click();
    browser.driver().switchTo().alert().accept();
    browser.waitUntil(d -> browser.findAll("#saved-queries li[data-name='구별 정원']").isEmpty());
    browser.find("#working-tables li[data-name='homes_by_gu'] button[data-action='drop']").click();
    browser.driver().switchTo().alert().accept();
    browser.waitUntil(d -> browser.findAll("#working-tables li[data-name='homes_by_gu']").isEmpty()
        && browser.findAll("#schema-tree details[data-table='homes_by_gu']").isEmpty());

    // ---- an output request is built from a row-level result: count and sum of capacity per district
    setSql("SELECT district_code, iyongja_jeongwon AS capacity\nFROM senior_nursing_homes_2024");
    browser.find("#run-sql").click();
    patiently().until(d -> browser.find("#output-fields").isDisplayed());
    assertThat(browser.find("#output-sql").getText()).startsWith("SELECT district_code, iyongja_jeongwon AS capacity");
    browser.find("#output-title").sendKeys("자치구별 요양시설 수와 정원");
    browser.find("#output-dimensions input[value='district_code']").click();
    assertThat(browser.find("#measure-count").isSelected()).isTrue();
    browser.find("#output-measures input[data-column='capacity'][data-statistic='sum']").click();
    assertThat(browser.findAll("#output-measures tbody tr")).hasSize(1);

    browser.find("#request-output").click();
    WebElement output = patiently().until(d -> browser.findAll("#outputs article.output").stream().findFirst().orElse(null));
    String outputId = output.getAttribute("data-id");
    assertThat(output.getAttribute("data-status")).isEqualTo("pending");
    assertThat(output.findElements(By.cssSelector(".check-table tbody tr"))).hasSizeGreaterThan(20);
    assertThat(output.findElements(By.cssSelector("td.suppressed"))).as("districts with fewer than 10 homes").isNotEmpty();
    assertThat(output.findElement(By.cssSelector("td.suppressed")).getText()).isEqualTo("✖ 억제");
    assertThat(output.findElement(By.cssSelector(".check-suppressed")).getText()).startsWith("억제한 셀: 최소 건수");

    signIn("a09-steward", "a09-steward-password");
    browser.open("/campus/review");
    patiently().until(d -> "ready".equals(browser.find("#review-outputs").getAttribute("data-state")));
    WebElement review = browser.find("#review-outputs article.output[data-id='" + outputId + "']");
    assertThat(review.findElement(By.cssSelector("td.suppressed")).getText()).as("the steward sees what was suppressed").matches("✖ [0-9,]+ 억제");
    decide("#review-outputs", "article.output[data-id='" + outputId + "']", "억제 후 공개해도 됩니다.");

    signIn(CITIZEN, CITIZEN_PASSWORD);
    browser.open("/campus/projects/" + project);
    patiently().until(d -> "ready".equals(browser.find("#outputs").getAttribute("data-state")));
    WebElement approved = browser.find("#outputs article.output[data-id='" + outputId + "']");
    assertThat(approved.getAttribute("data-status")).isEqualTo("approved");
    String csvUrl = approved.findElement(By.cssSelector("a[data-format='csv']")).getAttribute("href");
    String csv = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
        "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed ' + e));", csvUrl);
    assertThat(csv).contains("district_code").contains("11110");
    WebElement publish = approved.findElement(By.cssSelector(".publish-form"));
    publish.findElement(By.name("name")).sendKeys("a09-nursing-homes-by-district");
    publish.findElement(By.cssSelector("button[type='submit']")).click();
    WebElement link = patiently().until(d -> browser.findAll("#outputs article.output[data-id='" + outputId + "'] a.published-link").stream().findFirst().orElse(null));
    browser.clickAndWaitForPage(link);
    assertThat(browser.currentPath()).isEqualTo("/datasets/a09-nursing-homes-by-district");
    assertThat(browser.find("#dataset-title").getText()).isEqualTo("자치구별 요양시설 수와 정원");
  }

  @Test
  void visitorsLearnWhatTheCampusIsAndHowToJoinAndCitizensWhoReviews() {
    browser.open("/campus?lang=en");
    assertThat(browser.find("#campus-intro").getText()).startsWith("The Big Data Campus is where citizens");
    assertThat(browser.find("#campus-sign-up").getAttribute("href")).endsWith("/signup");
    browser.clickAndWaitForPage(browser.find("#campus-sign-in"));
    assertThat(browser.currentPath()).isEqualTo("/login");
    browser.find("#username").sendKeys("a09-steward");
    browser.find("#password").sendKeys("a09-steward-password");
    browser.clickAndWaitForPage(browser.find("#sign-in"));
    assertThat(browser.currentPath()).as("back on the campus after signing in").isEqualTo("/campus");
    assertThat(browser.find("#review-link").getText()).startsWith("Requests to review");
    assertThat(browser.find("#propose-form").isDisplayed()).isTrue();

    browser.forgetVisitor();
    browser.open("/campus/review");
    assertThat(browser.currentPath()).isEqualTo("/login");
    signIn("a09-bystander", "a09-bystander-password");
    browser.open("/campus/review");
    assertThat(browser.find("#review-not-allowed").getText()).contains("데이터 관리자");
    assertThat(browser.findAll("#campus-review")).isEmpty();
  }

  private static void decide(String list, String item, String reason) {
    patiently().until(d -> "ready".equals(browser.find(list).getAttribute("data-state")));
    WebElement article = browser.find(list + " " + item);
    article.findElement(By.tagName("textarea")).sendKeys(reason);
    article.findElement(By.cssSelector("button[data-decision='approve']")).click();
    patiently().until(d -> browser.findAll(list + " " + item).isEmpty() && !browser.findAll(list + " .review-done").isEmpty());
  }

  private static void waitForSchema() {
    patiently().until(d -> "ready".equals(browser.find("#schema-tree").getAttribute("data-state")));
  }

  private static WebElement editor() {
    return browser.find(".CodeMirror-code");
  }

  private static void setSql(String sql) {
    browser.script("var e = window.madangWorkspace.editor; e.setValue(arguments[0]); e.setCursor(e.lineCount(), 0); e.focus();", sql);
  }

  private static String sql() {
    return (String) browser.script("return window.madangWorkspace.editor.getValue()");
  }

  private static WebDriverWait patiently() {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(60), Duration.ofMillis(100));
  }

  private static void signIn(String username, String password) {
    browser.forgetVisitor();
    browser.open("/login");
    browser.find("#username").sendKeys(username);
    browser.find("#password").sendKeys(password);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }
}
