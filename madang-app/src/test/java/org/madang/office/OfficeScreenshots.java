package org.madang.office;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Writes the README's screenshots of the dashboard to docs/images (Korean and English at 1920×1080, the wall screen,
 * a phone 390 px wide), from the demo city in headless Chromium. Runs only when asked:
 * {@code mvn -o -pl madang-app test -Dtest=OfficeScreenshots -Dscreenshots=true}.
 */
@DemoCityTest
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
class OfficeScreenshots {

  private static final Path IMAGES = Path.of("..", "docs", "images");

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Test
  void writesTheDashboardScreenshots() throws IOException {
    Files.createDirectories(IMAGES);
    signIn();
    shoot("/office?lang=ko", 1920, 1080, false, "office-ko.png");
    shoot("/office?lang=en", 1920, 1080, false, "office-en.png");
    shoot("/office?wall=1&lang=ko", 1920, 1080, false, "office-wall.png");
    shoot("/public?lang=ko", 390, 844, true, "office-phone.png");
  }

  private void signIn() {
    browser.open("/login");
    browser.find("#username").sendKeys("admin");
    browser.find("#password").sendKeys(DemoCityTest.ADMIN_PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }

  private void shoot(String path, int width, int height, boolean mobile, String file) throws IOException {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    browser.open(path);
    browser.waitUntil(d -> "true".equals(browser.find("#office").getAttribute("data-ready")));
    browser.waitUntil(d -> "open".equals(browser.find("#live-state").getAttribute("data-state")));
    byte[] png = ((TakesScreenshot) chrome).getScreenshotAs(OutputType.BYTES);
    Files.write(IMAGES.resolve(file), png);
  }
}
