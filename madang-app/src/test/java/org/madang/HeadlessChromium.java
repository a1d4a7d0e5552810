package org.madang;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The machine's real Chromium, headless, driven by its own chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code .ci/install-test-deps.sh} installs them). Selenium Manager is never asked to
 * download anything: the binary and the driver are given. Each instance has a fresh profile, removed on close.
 */
public final class HeadlessChromium implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private ChromeDriver driver;
  private Path profile;
  private String base;

  private HeadlessChromium() {}

  /**
   * A browser for one test class of the running platform ({@code @DemoCityTest}), registered with {@code
   * @RegisterExtension}: it starts before the class's tests, forgets the visitor before each test, and quits after.
   */
  public static HeadlessChromium forEachTestClass() {
    return new HeadlessChromium();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    int port = SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    launch(port);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    forgetVisitor();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (driver != null) {
      close();
    }
  }

  /** A browser at 1280×800 whose relative paths go to the platform on {@code port}. */
  public static HeadlessChromium start(int port) {
    HeadlessChromium browser = new HeadlessChromium();
    browser.launch(port);
    return browser;
  }

  /**
   * A browser with fake camera and microphone that grants them without asking ({@code
   * --use-fake-device-for-media-stream --use-fake-ui-for-media-stream}), for video-call tests.
   */
  public static HeadlessChromium startWithFakeMedia(int port) {
    HeadlessChromium browser = new HeadlessChromium();
    browser.launch(port, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    return browser;
  }

  private void launch(int port, String... extraArguments) {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + ": run .ci/install-test-deps.sh (as root).");
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    Path profile;
    try {
      profile = Files.createTempDirectory("madang-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    this.driver = driver;
    this.profile = profile;
    this.base = "http://127.0.0.1:" + port;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens a path of the platform, e.g. {@code /datasets?q=bike}. */
  public void open(String path) {
    driver.get(base + path);
  }

  /** The path and query of the current page, without the host. */
  public String currentPath() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits (polling, up to 15 s) until the condition gives something other than null or false. */
  public <T> T waitUntil(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).until(condition);
  }

  /** Clicks and waits until the browser has loaded another page (the old one's elements are gone). */
  public void clickAndWaitForPage(WebElement link) {
    WebElement html = find("html");
    link.click();
    waitUntil(d -> {
      try {
        html.isDisplayed();
        return false;
      } catch (WebDriverException e) {
        // Chromium sometimes reports the old page's node as an inspector error instead of a stale reference
        boolean gone = e instanceof StaleElementReferenceException || String.valueOf(e.getMessage()).contains("does not belong to the document");
        if (!gone) {
          throw e;
        }
        return "complete".equals(script("return document.readyState"));
      }
    });
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Forgets cookies (session, language) so the next page is seen as a new anonymous visitor's. */
  public void forgetVisitor() {
    open("/favicon.svg");
    driver.manage().deleteAllCookies();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      FreshDataDir.delete(profile);
    }
  }
}
