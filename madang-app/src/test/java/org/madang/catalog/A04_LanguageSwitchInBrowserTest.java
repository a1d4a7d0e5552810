package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages are Korean by default, whatever the browser's language (headless Chromium asks for en-US), and switch to
 * English with the header's language links; the choice is remembered across pages.
 */
@DemoCityTest
class A04_LanguageSwitchInBrowserTest {

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Test
  void switchingToEnglishShowsEnglishTitlesAndTheChoiceStaysOnTheNextPages() {
    browser.open("/datasets?q=bike");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(browser.find(".main-nav a").getText()).isEqualTo("데이터 목록");

    browser.clickAndWaitForPage(browser.find(".language-switch a[data-lang=en]"));

    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(browser.currentPath()).contains("q=bike").contains("lang=en");
    assertThat(browser.find(".main-nav a").getText()).isEqualTo("Datasets");
    assertThat(browser.find(".language-switch a[data-lang=en]").getAttribute("aria-current")).isEqualTo("true");
    assertThat(titles()).contains("Public bike (Ttareungyi) stations");
    WebElement bikes = browser.find(".dataset-summary[data-dataset=bike-stations]");
    assertThat(bikes.findElement(By.cssSelector(".dataset-other-title")).getText()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
    assertThat(bikes.findElement(By.cssSelector(".dataset-organization")).getText()).isEqualTo("Urban Transportation Office");
    assertThat(bikes.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Public");

    browser.clickAndWaitForPage(bikes.findElement(By.cssSelector(".dataset-title a")));
    assertThat(browser.currentPath()).isEqualTo("/datasets/bike-stations");
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    assertThat(browser.find("h1").getText()).isEqualTo("Public bike (Ttareungyi) stations");
    assertThat(browser.find(".dataset-description").getText()).startsWith("Ttareungyi stations");
    assertThat(browser.find("#schema-title").getText()).isEqualTo("Schema and profile");
    assertThat(browser.findAll("#schema-table .column-label")).extracting(WebElement::getText).contains("위도", "경도");

    browser.clickAndWaitForPage(browser.find(".language-switch a[data-lang=ko]"));
    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(browser.find("h1").getText()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
  }

  @Test
  void homePageInEnglishSaysWhatMadangIs() {
    browser.open("/?lang=en");

    assertThat(browser.find(".hero .lead").getText()).startsWith("Madang is the city's open data platform");
    assertThat(browser.find("#home-q").getAttribute("placeholder")).startsWith("e.g.");
    assertThat(browser.find("header .sign-in").getText()).isEqualTo("Sign in");
  }

  @Test
  void anUnknownLanguageLeavesThePageInKorean() {
    browser.open("/datasets?lang=fr");

    assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ko");
    assertThat(browser.find("h1").getText()).isEqualTo("데이터 목록");
  }

  private static List<String> titles() {
    return browser.findAll(".dataset-summary .dataset-title").stream().map(WebElement::getText).toList();
  }
}
