package org.madang.office.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.HeadlessChromium;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The command bar of the Mayor's Office in real headless Chromium on the demo city: typed Korean and English commands
 * change the map's layer and select the district (legend, title, pressed layer button, drill-down), nonsense gets a
 * "did you mean" reply and changes nothing, a suggestion runs when clicked, / focuses the bar, the citizens' view
 * offers no calls, the microphone says why it is off where the browser has no speech API; on the wall screen a swipe
 * (touch events through Chrome DevTools) changes the layer, a pinch zooms the map and a tap opens a district.
 */
@DemoCityTest
class A14_CommandBarInBrowserTest {

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Autowired UserDirectory users;

  @BeforeEach
  void people() {
    if (users.findByUsername("official-a14").isEmpty()) {
      users.createUser("official-a14", "official-password", EnumSet.of(Role.OFFICIAL), null, "명령 공무원");
    }
  }

  private void signIn() {
    browser.open("/login");
    browser.find("#username").sendKeys("official-a14");
    browser.find("#password").sendKeys("official-password");
    browser.clickAndWaitForPage(browser.find("#sign-in"));
  }

  private void openDashboard(String path) {
    browser.open(path);
    browser.waitUntil(d -> "true".equals(browser.find("#office").getAttribute("data-ready")));
    browser.waitUntil(d -> "true".equals(browser.find("#command-bar").getAttribute("data-ready")));
  }

  /** Types a command, presses Enter, and waits until the bar has its answer. */
  private void command(String text) {
    browser.script("document.getElementById('command-bar').dataset.state = 'typing'");
    WebElement input = browser.find("#command-input");
    input.clear();
    input.sendKeys(text, Keys.ENTER);
    browser.waitUntil(d -> !List.of("typing", "busy").contains(browser.find("#command-bar").getAttribute("data-state")));
  }

  private String layer() {
    return (String) browser.script("return window.madangOffice.state.layer");
  }

  private double zoom() {
    return ((Number) browser.script("return window.madangOffice.map.map.getZoom()")).doubleValue();
  }

  private String selectedDistrict() {
    WebElement panel = browser.find("#district-panel");
    return panel.getAttribute("hidden") == null ? panel.getAttribute("data-code") : null;
  }

  @Test
  void typedCommandsChangeTheLayerAndSelectTheDistrict() {
    signIn();
    openDashboard("/office");
    assertThat(layer()).isEqualTo("air");

    command("강남구 교통 보여줘");
    assertThat(browser.find("#command-bar").getAttribute("data-state")).isEqualTo("done");
    assertThat(layer()).isEqualTo("traffic");
    assertThat(browser.find("#map-title-layer").getText()).isEqualTo("도로 소통");
    assertThat(browser.find("#map-legend .legend-title").getAttribute("textContent")).isEqualTo("도로 소통");
    assertThat(browser.find(".layer-switch [data-layer='traffic']").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(selectedDistrict()).isEqualTo("11680");
    assertThat(browser.find("#office-map path.district-11680").getAttribute("class")).contains("selected");
    browser.waitUntil(d -> browser.find("#district-title").getText().equals("강남구"));
    assertThat(browser.find("#command-reply").getText()).contains("강남구").contains("도로 소통");

    command("show air quality in Jongno-gu");
    assertThat(layer()).isEqualTo("air");
    assertThat(browser.find("#map-title-layer").getText()).isEqualTo("대기질");
    assertThat(selectedDistrict()).isEqualTo("11110");
    assertThat(browser.find("#office-map path.district-11110").getAttribute("class")).contains("selected");

    command("xyzzy plugh");
    assertThat(browser.find("#command-bar").getAttribute("data-state")).isEqualTo("not-understood");
    assertThat(browser.find("#command-reply").getText()).contains("알아듣지 못했습니다");
    assertThat(browser.findAll("#command-reply .command-suggestion")).isNotEmpty();
    assertThat(layer()).isEqualTo("air");
    assertThat(selectedDistrict()).isEqualTo("11110");

    command("강남구 대기짊");
    assertThat(browser.find("#command-reply").getText()).contains("이런 뜻인가요?");
    assertThat(layer()).isEqualTo("air");
    assertThat(selectedDistrict()).isEqualTo("11110");
    WebElement suggestion = browser.find("#command-reply .command-suggestion");
    assertThat(suggestion.getText()).isEqualTo("강남구 대기질");
    suggestion.click();
    browser.waitUntil(d -> "11680".equals(selectedDistrict()));
    assertThat(layer()).isEqualTo("air");

    command("지표 숨쉬는 서울");
    assertThat(browser.script("return document.activeElement.closest('.theme')?.dataset.theme")).isEqualTo("breathing");

    browser.waitUntil(d -> "ready".equals(browser.find("#office").getAttribute("data-directives")));
    command("call the transport department");
    // through the directives' hook: the department's contact card with its phone and the built-in video call
    browser.waitUntil(d -> browser.find("#command-reply").getText().contains("도시교통실"));
    WebElement card = browser.waitUntil(d -> browser.findAll("#contact-dialog .contact-card[data-department='transportation']").stream().findFirst().orElse(null));
    assertThat(card.findElement(org.openqa.selenium.By.cssSelector(".contact-phone")).getAttribute("href")).startsWith("tel:");
    assertThat(card.findElement(org.openqa.selenium.By.cssSelector(".contact-video-call")).getAttribute("href")).endsWith("/calls?department=transportation");
    browser.script("document.getElementById('contact-dialog').close()");
  }

  @Test
  void slashAndControlKFocusTheBar() {
    signIn();
    openDashboard("/office");
    browser.find("body").sendKeys("/");
    assertThat(browser.script("return document.activeElement.id")).isEqualTo("command-input");
    browser.script("document.activeElement.blur()");
    browser.find("body").sendKeys(Keys.chord(Keys.CONTROL, "k"));
    assertThat(browser.script("return document.activeElement.id")).isEqualTo("command-input");
  }

  @Test
  void theCitizensViewReadsCommandsButOffersNoCalls() {
    openDashboard("/public?lang=en");
    command("show traffic in Mapo");
    assertThat(layer()).isEqualTo("traffic");
    assertThat(selectedDistrict()).isEqualTo("11440");

    command("call the police");
    assertThat(browser.find("#command-reply").getText()).contains("not offered on the citizens' view");
  }

  @Test
  void theMicrophoneSaysWhyItIsOffWhereTheBrowserHasNoSpeechApiAndIsNotShownWhereTheCityTurnedVoiceOff() {
    openDashboard("/public");
    assertThat(browser.find("#command-bar").getAttribute("data-voice")).isEqualTo("true"); // madang.office.voice-commands
    browser.script("""
        const off = document.createElement('button');
        off.id = 'microphone-of-a-city-without-voice';
        document.body.append(off);
        return import('/js/office/command-voice.js').then((m) => m.startVoice(off, { enabled: false }));""");
    assertThat(browser.find("#microphone-of-a-city-without-voice").getAttribute("hidden")).isNotNull();
    // this browser's own answer (Chromium 156 offers webkitSpeechRecognition even headless)
    boolean speech = (Boolean) browser.script("return !!(window.SpeechRecognition || window.webkitSpeechRecognition)");
    WebElement mic = browser.find("#command-voice");
    assertThat(mic.getAttribute("data-voice")).isEqualTo(speech ? "ready" : "unsupported");
    assertThat(mic.isEnabled()).isEqualTo(speech);

    // a browser without the API: the microphone is there, disabled, and says why
    browser.script("""
        window.SpeechRecognition = undefined;
        window.webkitSpeechRecognition = undefined;
        const none = document.createElement('button');
        none.id = 'microphone-of-a-browser-without-speech';
        document.body.append(none);
        return import('/js/office/command-voice.js').then((m) => m.startVoice(none, { enabled: true, lang: 'ko-KR' }));""");
    WebElement without = browser.find("#microphone-of-a-browser-without-speech");
    assertThat(without.getAttribute("data-voice")).isEqualTo("unsupported");
    assertThat(without.isEnabled()).isFalse();
    assertThat(without.getAttribute("title")).contains("음성 인식");
    assertThat(browser.find("#command-voice-note").getAttribute("textContent")).contains("입력해 주세요");
  }

  /**
   * What the browser's speech service hears goes through the same parser. The service itself (Google's, in Chrome)
   * is not reachable from a test, so a hand-written stand-in for the Web Speech API hears "종로구 교통 보여줘".
   */
  @Test
  void aSpokenCommandGoesThroughTheSameParser() {
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    Map<String, Object> added = chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        window.SpeechRecognition = class {
          start() {
            window.speechLanguage = this.lang;
            setTimeout(() => {
              const heard = [{ transcript: '종로구 교통 보여줘' }];
              heard.isFinal = true;
              this.onresult({ results: [heard] });
              this.onend();
            }, 50);
          }
          stop() { this.onend(); }
        };"""));
    try {
      openDashboard("/public");
      assertThat(browser.find("#command-voice").getAttribute("data-voice")).isEqualTo("ready");
      browser.find("#command-voice").click();
      browser.waitUntil(d -> "11110".equals(selectedDistrict()));
      assertThat(layer()).isEqualTo("traffic");
      assertThat(browser.find("#command-input").getAttribute("value")).isEqualTo("종로구 교통 보여줘");
      assertThat(browser.script("return window.speechLanguage")).isEqualTo("ko-KR");
    } finally {
      chrome.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
    }
  }

  @Test
  void onTheWallScreenASwipeChangesTheLayerAPinchZoomsAndATapOpensADistrict() {
    signIn();
    openDashboard("/office?wall=1");
    ChromeDriver chrome = (ChromeDriver) browser.driver();
    chrome.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));

    @SuppressWarnings("unchecked")
    List<String> layers = (List<String>) browser.script("return window.madangOffice.wallLayers()");
    assertThat(layers.size()).isGreaterThan(1);
    browser.script("window.touchesSeen = []; for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) "
        + "addEventListener(type, (e) => window.touchesSeen.push(type + ':' + e.touches.length + '@' + (e.target.id || e.target.tagName)), { capture: true })");
    String before = layer();
    String next = layers.get((layers.indexOf(before) + 1) % layers.size());

    // one finger from right to left across the map
    touch(chrome, "touchStart", List.of(point(700, 450)));
    touch(chrome, "touchMove", List.of(point(550, 455)));
    touch(chrome, "touchMove", List.of(point(400, 460)));
    touch(chrome, "touchEnd", List.of());
    settle(() -> next.equals(layer()));
    assertThat(layer()).as("%s", browser.script("return window.touchesSeen")).isEqualTo(next);

    // and back
    touch(chrome, "touchStart", List.of(point(400, 450)));
    touch(chrome, "touchMove", List.of(point(700, 455)));
    touch(chrome, "touchEnd", List.of());
    browser.waitUntil(d -> before.equals(layer()));

    // two fingers apart: the map zooms in and the layer stays
    double zoom = zoom();
    @SuppressWarnings("unchecked")
    Map<String, Number> mapCentre = (Map<String, Number>) browser.script("""
        const r = document.getElementById('office-map').getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };""");
    int x = mapCentre.get("x").intValue();
    int y = mapCentre.get("y").intValue();
    browser.script("window.touchesSeen.length = 0");
    touch(chrome, "touchStart", List.of(point(x - 20, y, 1), point(x + 20, y, 2)));
    for (int step = 1; step <= 6; step++) {
      touch(chrome, "touchMove", List.of(point(x - 20 - 15 * step, y, 1), point(x + 20 + 15 * step, y, 2)));
    }
    touch(chrome, "touchEnd", List.of());
    settle(() -> zoom() > zoom);
    assertThat(zoom()).as("%s", browser.script("return window.touchesSeen")).isGreaterThan(zoom);
    assertThat(layer()).isEqualTo(before);

    // a tap on a district opens its drill-down
    // once the pinch's zoom animation is over, the whole city again, and the middle of 강남구 on the screen
    @SuppressWarnings("unchecked")
    Map<String, Object> centre = (Map<String, Object>) browser.waitUntil(d -> browser.script("""
        const m = window.madangOffice.map;
        if (m.map._animatingZoom) return null;
        m.map.fitBounds(m.bounds, { padding: [6, 6], animate: false });
        // a spot of 강남구's own shape that is on top (not under a camera or directive marker), nearest its box's middle
        const shape = m.container.querySelector('path.district-11680');
        if (!shape) return null;
        const b = shape.getBoundingClientRect();
        const spots = [];
        for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) spots.push([b.left + b.width * i / 12, b.top + b.height * j / 12]);
        spots.sort((a, c) => Math.hypot(a[0] - (b.left + b.width / 2), a[1] - (b.top + b.height / 2))
            - Math.hypot(c[0] - (b.left + b.width / 2), c[1] - (b.top + b.height / 2)));
        for (const [x, y] of spots) {
          const hit = document.elementFromPoint(x, y);
          if (hit === shape) return { x, y, hit: hit.tagName + '.' + hit.getAttribute('class') };
        }
        return null;"""));
    touch(chrome, "touchStart", List.of(point(((Number) centre.get("x")).intValue(), ((Number) centre.get("y")).intValue())));
    touch(chrome, "touchEnd", List.of());
    settle(() -> "11680".equals(selectedDistrict()));
    assertThat(selectedDistrict()).as("tapped %s", centre).isEqualTo("11680");
  }

  /** Waits up to 3 s for the condition, then lets the assertion after it say what was seen. */
  private static void settle(java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 60 && !condition.getAsBoolean(); i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, Object> point(int x, int y) {
    return point(x, y, 1);
  }

  private static Map<String, Object> point(int x, int y, int id) {
    return Map.of("x", x, "y", y, "id", id);
  }

  private static void touch(ChromeDriver chrome, String type, List<Map<String, Object>> points) {
    chrome.executeCdpCommand("Input.dispatchTouchEvent", Map.of("type", type, "touchPoints", points));
  }
}
