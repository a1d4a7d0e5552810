package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.feeds.FeedService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connectors end to end on the running demo city: through the real {@link FeedService} into the store, read back
 * over HTTP as a screen would.
 */
@DemoCityTest
class ConnectorsThroughTheIntakeTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired FeedService feeds;
  @TempDir Path dir;

  @Test
  void observationsPublishedOverMqttAreStoredAndRefusedPayloadsAreQuarantined() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String feed = "test-mqtt-" + run;
    HttpResponse<String> created = ApiClient.admin(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feeds/" + feed))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"title\": \"MQTT 시험\", \"retention_days\": 7, \"measures\": {\"pm10\": {\"unit\": \"µg/m³\"}}}")));
    assertThat(created.statusCode()).isEqualTo(200);
    String clientId = "madang-e2e-" + run;
    MqttObservationSubscriber subscriber = new MqttObservationSubscriber(
        MqttObservationSubscriberTest.settings(MqttObservationSubscriberTest.BROKER, "madang-e2e/" + run + "/obs/+", clientId),
        dir.resolve("mqtt"), feeds, FeedSourceConfiguration.quarantineOf(feeds));
    subscriber.start();
    MqttClient publisher = new MqttClient(MqttObservationSubscriberTest.BROKER, "pub-" + clientId, new MemoryPersistence());
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.subscriptions() > 0);
      publisher.connect();
      String now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS).toString();
      publish(publisher, "madang-e2e/" + run + "/obs/" + feed, "[{\"station\": \"종로구\", \"observed_at\": \"" + now + "\", \"values\": {\"pm10\": 42}},"
          + " {\"station\": \"e2e-sensor\", \"observed_at\": \"" + now + "\", \"lat\": 37.5665, \"lon\": 126.978, \"values\": {\"pm10\": 17}}]");
      publish(publisher, "madang-e2e/" + run + "/obs/" + feed, "{\"station\": ");

      await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.acknowledged() == 2);
      JsonNode latest = JSON.readTree(ApiClient.anonymous(port).get("/api/feeds/" + feed + "/latest").body());
      List<String> stations = new ArrayList<>();
      latest.path("stations").forEach(s -> stations.add(s.path("station").asString() + "=" + s.path("values").path("pm10").asDouble()));
      assertThat(stations).containsExactlyInAnyOrder("종로구=42.0", "e2e-sensor=17.0");
      assertThat(subscriber.stored()).isEqualTo(2);

      String quarantine = ApiClient.admin(port).get("/api/feeds/" + feed + "/quarantine").body();
      assertThat(quarantine).contains("mqtt").contains("The payload cannot be read");
    } finally {
      subscriber.stop();
      if (publisher.isConnected()) {
        publisher.disconnect();
      }
      publisher.close();
      endSession(clientId);
    }
  }

  @Test
  void aRealtimeCityAirAnswerReachesTheLatestValuesOfItsFeed() throws Exception {
    // the constructed answer, re-dated to this hour: the intake refuses readings older than its horizon
    String hour = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ofPattern("yyyyMMddHHmm"));
    try (SeoulOpenApiReplay replay = new SeoulOpenApiReplay()) {
      replay.on(RealtimeCityAirPollerTest.PATH, SeoulOpenApiReplay.ok(
          SeoulOpenApiReplay.resource("realtime_city_air_CONSTRUCTED.json").replace("202105111500", hour)));
      RealtimeCityAirPoller poller = new RealtimeCityAirPoller(new SeoulOpenApi(replay.baseUrl(), "test-key", Duration.ofSeconds(5)), feeds, Clock.systemUTC());
      poller.poll();
      assertThat(poller.storedCount()).isEqualTo(4);
    }
    JsonNode latest = JSON.readTree(ApiClient.anonymous(port).get("/api/feeds/realtime-air/latest").body());
    JsonNode gangnam = null;
    for (JsonNode s : latest.path("stations")) {
      if (s.path("station").asString().equals("강남구")) {
        gangnam = s;
      }
    }
    assertThat(gangnam).isNotNull();
    assertThat(gangnam.path("values").path("pm25").asDouble()).isEqualTo(77.0);
    assertThat(gangnam.path("labels").path("grade").asString()).isEqualTo("매우나쁨");
  }

  @Test
  void theDemoAirFeedIsAliveWithEveryDistrictReplayed() {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode latest = JSON.readTree(ApiClient.anonymous(port).get("/api/feeds/air/latest").body());
      // other test classes of the shared platform push stations of their own into the air feed: count districts
      java.util.Set<String> districtsWithDust = new java.util.HashSet<>();
      for (JsonNode s : latest.path("stations")) {
        if (s.path("values").has("pm25") && s.path("values").has("pm10")) {
          districtsWithDust.add(s.path("district_code").asString());
        }
      }
      return districtsWithDust.size() == 25;
    });
  }

  private static void publish(MqttClient publisher, String topic, String json) throws Exception {
    publisher.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  private static void endSession(String clientId) throws Exception {
    MqttClient c = new MqttClient(MqttObservationSubscriberTest.BROKER, clientId, new MemoryPersistence());
    MqttConnectOptions clean = new MqttConnectOptions();
    clean.setCleanSession(true);
    c.connect(clean);
    c.disconnect();
    c.close();
  }
}
