package org.madang.directives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogRepository;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * From the Mayor's Office screen to the department in charge, in real browsers: an official opens Gangnam-gu on the
 * dashboard and issues a directive to the transport department from the district's drill-down; it appears at once on
 * the map and in the counts per department, and live (no reload) on the directives page of the department's member,
 * who sees the contact's call buttons, acknowledges it, starts work and reports it done with a photo; the official's
 * map drops it. A directive past its due time stands out on the map (a ⏰ marker, the word "overdue" in its label and
 * the counts). The citizens' view shows the done directive marked public, and nothing of the others.
 */
@DemoCityTest
class A12_DirectiveToDepartmentInBrowserTest {

  static final String OFFICIAL = "a12-official";
  static final String MEMBER = "a12-member";
  static final String PASSWORD = "a12-password-long";

  static HeadlessChromium official;
  static HeadlessChromium member;

  @LocalServerPort int port;
  @Autowired Directives directives;

  @BeforeAll
  static void usersAndBrowsers(@Autowired UserDirectory users, @Autowired CatalogRepository catalog, @Autowired OrganizationDirectory directory,
      @LocalServerPort int port) {
    if (users.findByUsername(OFFICIAL).isEmpty()) {
      users.createUser(OFFICIAL, PASSWORD, EnumSet.of(Role.OFFICIAL), null, "십이공무원");
      users.createUser(MEMBER, PASSWORD, EnumSet.of(Role.STEWARD), catalog.findOrganization("transportation").orElseThrow().id(), "십이교통");
      directory.addMember(new Viewer("admin", EnumSet.of(Role.ADMIN), null), "transportation", MEMBER);
    }
    official = HeadlessChromium.start(port);
    member = HeadlessChromium.start(port);
  }

  @AfterAll
  static void closeBrowsers() {
    if (official != null) {
      official.close();
    }
    if (member != null) {
      member.close();
    }
  }

  @Test
  void anOfficialIssuesADirectiveFromTheDashboardAndTheDepartmentCompletesItLive() throws IOException {
    signIn(member, MEMBER);
    member.open("/directives");
    member.waitUntil(d -> "ready".equals(member.find("#directives").getAttribute("data-state")));
    member.waitUntil(d -> "open".equals(member.find("#directives-live").getAttribute("data-state")));

    signIn(official, OFFICIAL);
    official.open("/office#district=11680");
    official.waitUntil(d -> "ready".equals(official.find("#directive-panel").getAttribute("data-state")));
    WebElement issue = official.waitUntil(d -> official.findAll("#district-panel .directive-issue[data-kind='district']").stream().findFirst().orElse(null));
    issue.click();
    official.waitUntil(d -> official.find("#issue-dialog").isDisplayed());
    assertThat(official.find("#issue-about").getText()).contains("강남구");
    official.find("#issue-title").sendKeys("강남대로 정체 해소 신호 조정");
    official.find("#issue-body").sendKeys("퇴근 시간 신호 주기 조정 검토");
    new Select(official.find("#issue-department")).selectByValue("transportation");
    new Select(official.find("#issue-priority")).selectByValue("urgent");
    official.find("#issue-public").click();
    official.find("#issue-send").click();
    official.waitUntil(d -> official.findAll("#issue-dialog").isEmpty());
    official.waitUntil(d -> !official.findAll(marker("강남대로 정체 해소 신호 조정")).isEmpty());
    official.waitUntil(d -> !official.findAll("#directive-panel li[data-department='transportation']").isEmpty());

    // the department's screen shows it without a reload
    WebElement item = member.waitUntil(d -> member.findAll(".directive-item").stream()
        .filter(li -> li.getText().contains("강남대로 정체 해소 신호 조정")).findFirst().orElse(null));
    assertThat(item.getAttribute("data-status")).isEqualTo("issued");
    long id = Long.parseLong(item.getAttribute("data-id"));
    item.findElement(org.openqa.selenium.By.cssSelector(".directive-open")).click();
    member.waitUntil(d -> "ready".equals(member.find("#directive-detail").getAttribute("data-state")));
    assertThat(member.find("#directive-detail .contact-phone").getAttribute("href")).isEqualTo("tel:02120");
    assertThat(member.find("#directive-detail .contact-video-call").getAttribute("href")).endsWith("/calls?directive=" + id);
    for (String next : new String[] {"acknowledged", "in_progress"}) {
      member.waitUntil(d -> next.equals(member.find("#directive-next").getAttribute("data-next")));
      member.find("#directive-next").click();
      member.waitUntil(d -> next.equals(member.find("#directive-detail").getAttribute("data-status")));
    }
    Path photo = Files.createTempFile("a12-site-", ".png");
    Files.write(photo, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0});
    member.find("#directive-report").sendKeys("신호 주기 20초 연장, 정체 길이 30% 감소");
    member.find("#directive-file").sendKeys(photo.toString());
    member.find("#directive-next").click();
    member.waitUntil(d -> "done".equals(member.find("#directive-detail").getAttribute("data-status")));
    assertThat(member.find("#directive-files").getText()).contains("a12-site-");
    assertThat(member.find("#directive-history").getText()).contains(MEMBER);
    Files.deleteIfExists(photo);

    // the official's map drops it
    official.waitUntil(d -> official.findAll(marker("강남대로 정체 해소 신호 조정")).isEmpty());

    // a directive past its due time stands out
    ApiClient api = ApiClient.basic(port, OFFICIAL, PASSWORD);
    JsonNode late = ApiClient.json(api.postJson("/api/directives", """
        {"title": "종로 버스정류장 정비", "department": "transportation", "due_at": "%s", "target": {"kind": "point"},
         "geometry": {"type": "Point", "coordinates": [126.9910, 37.5704]}}""".formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))));
    WebElement onTime = official.waitUntil(d -> official.findAll(marker("종로 버스정류장 정비")).stream().findFirst().orElse(null));
    assertThat(onTime.getAttribute("class")).doesNotContain("is-overdue");
    directives.markOverdue(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
    WebElement overdue = official.waitUntil(d -> official.findAll(marker("종로 버스정류장 정비") + ".is-overdue").stream().findFirst().orElse(null));
    assertThat(overdue.getAttribute("title")).contains("종로 버스정류장 정비").contains("기한 초과");
    assertThat(overdue.getText()).contains("⏰");
    official.waitUntil(d -> !"0".equals(official.find("#directive-panel li[data-department='transportation']").getAttribute("data-overdue")));
    assertThat(official.find("#directive-panel li[data-department='transportation']").getText()).contains("기한 초과");
    assertThat(late.path("id").asLong()).isPositive();

    // citizens see the done public matter, nothing of the open one, and no names
    official.forgetVisitor();
    official.open("/public");
    official.waitUntil(d -> "ready".equals(official.find("#directive-panel").getAttribute("data-state")));
    String shown = official.find("#directive-panel").getText();
    assertThat(shown).contains("강남대로 정체 해소 신호 조정").doesNotContain("종로 버스정류장 정비").doesNotContain(OFFICIAL).doesNotContain(MEMBER);
  }

  private static String marker(String title) {
    return ".directive-marker[title^='" + title + " ']";
  }

  private static void signIn(HeadlessChromium browser, String username) {
    browser.forgetVisitor();
    browser.open("/login");
    browser.find("#username").sendKeys(username);
    browser.find("#password").sendKeys(PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }
}
