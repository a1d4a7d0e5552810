package org.madang.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.DemoCityTest;
import org.madang.FreshDataDir;
import org.madang.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The dashboard follows a sensor publishing over MQTT: an observation sent to the machine's real Mosquitto
 * (127.0.0.1:1883) on the platform's topic recolours its district on the map and in the status panel within 2 s,
 * without a reload. A platform of its own (the demo in its own data dir, MQTT on with this test's topic and client id,
 * the demo's analyses off to start faster), closed after the class.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "madang.data-dir=./target/test-data/office-mqtt",
      "madang.admin-password=" + DemoCityTest.ADMIN_PASSWORD,
      "madang.demo=true",
      "madang.analyses.demo=false",
      "madang.feeds.mqtt.url=" + A08_MayorsOfficeLiveOverMqttTest.BROKER,
      "madang.feeds.mqtt.topic=madang-office-a08/obs/+",
      "madang.feeds.mqtt.client-id=madang-office-a08"
    })
@ContextConfiguration(initializers = FreshDataDir.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class A08_MayorsOfficeLiveOverMqttTest {

  static final String BROKER = "tcp://127.0.0.1:1883";

  @RegisterExtension static final HeadlessChromium browser = HeadlessChromium.forEachTestClass();

  @Test
  void anObservationPublishedOverMqttRecoloursItsDistrictWithinTwoSecondsWithoutAReload() throws Exception {
    browser.open("/login");
    browser.find("#username").sendKeys("admin");
    browser.find("#password").sendKeys(DemoCityTest.ADMIN_PASSWORD);
    browser.clickAndWaitForPage(browser.find("#sign-in"));
    browser.open("/office");
    browser.waitUntil(d -> "true".equals(browser.find("#office").getAttribute("data-ready")));
    browser.waitUntil(d -> "open".equals(browser.find("#live-state").getAttribute("data-state")));
    browser.script("window.samePage = 'yes'");

    String now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS).toString();
    String payload = """
        {"station": "a08-mqtt-jongno", "observed_at": "%s", "lat": 37.5735, "lon": 126.9790, "values": {"pm10": 990, "pm25": 700}}
        """.formatted(now);
    MqttClient sensor = new MqttClient(BROKER, "madang-office-a08-sensor", new MemoryPersistence());
    sensor.connect();
    try {
      MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      sensor.publish("madang-office-a08/obs/air", message);
    } finally {
      sensor.disconnect();
      sensor.close();
    }

    // the panel redraws its tiles on every emission of the replay: a tile found may be replaced before it is read
    new WebDriverWait(browser.driver(), Duration.ofSeconds(2), Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement tile = browser.find("#air-list .air-tile[data-code='11110']");
      double pm10 = Double.parseDouble(tile.findElement(By.cssSelector(".air-values")).getText().split("/")[0].strip().replace(",", ""));
      return "4".equals(tile.getAttribute("data-grade")) && pm10 > 450
          && "4".equals(browser.find("#office-map path.district-11110").getAttribute("data-class"));
    });
    assertThat(browser.script("return window.samePage")).isEqualTo("yes");
  }
}
