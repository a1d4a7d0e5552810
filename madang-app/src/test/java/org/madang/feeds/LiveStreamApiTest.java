package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live streams read by a real HTTP client: observations arrive as they are stored, a client that reconnects with
 * Last-Event-ID gets exactly what it missed, and alerts rise, are acknowledged and resolve with hysteresis on the
 * alert stream.
 */
@DemoCityTest
class LiveStreamApiTest {

  @LocalServerPort int port;

  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void feed() {
    ApiClient.admin(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feeds/test-live"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"title\": \"실시간 시험\", \"measures\": {\"pm10\": {\"unit\": \"µg/m³\"}}}")));
  }

  private void push(String feed, String station, int minutesAgo, String values) {
    String body = "{\"station\": \"%s\", \"observed_at\": \"%s\", \"lat\": 37.5665, \"lon\": 126.9780, \"values\": %s}"
        .formatted(station, now.minusMinutes(minutesAgo), values);
    assertThat(ApiClient.admin(port).postJson("/api/feeds/" + feed + "/observations", body).statusCode()).isEqualTo(202);
  }

  private static JsonNode json(SseClient.Event e) {
    return JsonMapper.shared().readTree(e.data());
  }

  private static double pm10(SseClient.Event e) {
    return json(e).get("observations").get(0).get("values").get("pm10").asDouble();
  }

  @Test
  void resumingWithLastEventIdDeliversExactlyWhatWasMissed() {
    String first;
    try (SseClient screen = SseClient.open(port, "/api/feeds/test-live/stream", null)) {
      push("test-live", "city-hall", 10, "{\"pm10\": 1}");
      SseClient.Event e = screen.next();
      assertThat(e.name()).isEqualTo("observations");
      assertThat(pm10(e)).isEqualTo(1.0);
      assertThat(json(e).get("observations").get(0).get("district_code").asString()).isEqualTo("11140");
      first = e.id();
    }
    push("test-live", "city-hall", 9, "{\"pm10\": 2}");
    push("test-live", "city-hall", 8, "{\"pm10\": 3}");

    try (SseClient back = SseClient.open(port, "/api/feeds/test-live/stream", first)) {
      SseClient.Event second = back.next();
      SseClient.Event third = back.next();
      push("test-live", "city-hall", 7, "{\"pm10\": 4}");
      SseClient.Event live = back.next();

      assertThat(pm10(second)).isEqualTo(2.0);
      assertThat(pm10(third)).isEqualTo(3.0);
      assertThat(pm10(live)).isEqualTo(4.0);
      assertThat(Long.parseLong(second.id())).isGreaterThan(Long.parseLong(first));
      assertThat(Long.parseLong(third.id())).isGreaterThan(Long.parseLong(second.id()));
      assertThat(Long.parseLong(live.id())).isGreaterThan(Long.parseLong(third.id()));
    }
  }

  @Test
  void aClientWhoseMissedEventsAreNoLongerKeptIsToldToReload() {
    try (SseClient stale = SseClient.open(port, "/api/feeds/test-live/stream", "1")) {
      SseClient.Event reset = stale.next();
      push("test-live", "city-hall-2", 5, "{\"pm10\": 9}");
      SseClient.Event live = stale.next();

      assertThat(reset.name()).isEqualTo("reset");
      assertThat(reset.id()).isNull();
      assertThat(pm10(live)).isEqualTo(9.0);
    }
  }

  @Test
  void alertsRiseAtTheThresholdAndResolveOnlyBelowTheLowerOne() {
    String station = "alert-sensor-" + System.nanoTime();
    try (SseClient alerts = SseClient.open(port, "/api/alerts/stream", null)) {
      push("air", station, 20, "{\"pm25\": 80}");
      SseClient.Event raised = alerts.next(e -> json(e).get("station").asString().equals(station));
      push("air", station, 19, "{\"pm25\": 90}");
      push("air", station, 18, "{\"pm25\": 50}");
      long id = json(raised).get("id").asLong();
      assertThat(ApiClient.admin(port).postJson("/api/alerts/" + id + "/acknowledge", "").statusCode()).isEqualTo(200);
      SseClient.Event acknowledged = alerts.next(e -> json(e).get("station").asString().equals(station));
      push("air", station, 17, "{\"pm25\": 20}");
      SseClient.Event resolved = alerts.next(e -> json(e).get("station").asString().equals(station));

      assertThat(raised.name()).isEqualTo("raised");
      assertThat(json(raised).get("raised_value").asDouble()).isEqualTo(80.0);
      assertThat(json(raised).get("title").asString()).isEqualTo("초미세먼지 매우 나쁨");
      assertThat(acknowledged.name()).isEqualTo("acknowledged");
      assertThat(resolved.name()).isEqualTo("resolved");
      assertThat(json(resolved).get("id").asLong()).isEqualTo(id);
      assertThat(json(resolved).get("resolved_value").asDouble()).isEqualTo(20.0);
      JsonNode stored = ApiClient.json(ApiClient.anonymous(port).get("/api/alerts/" + id));
      assertThat(stored.get("status").asString()).isEqualTo("resolved");
      assertThat(stored.get("acknowledged_by").asString()).isEqualTo("admin");
      assertThat(ApiClient.admin(port).postJson("/api/alerts/" + id + "/acknowledge", "").statusCode()).isEqualTo(409);
    }
  }

  @Test
  void onlyOfficialsStewardsAndAdminsAcknowledge() {
    assertThat(ApiClient.anonymous(port).postJson("/api/alerts/1/acknowledge", "").statusCode()).isEqualTo(401);
    assertThat(ApiClient.admin(port).postJson("/api/alerts/999999/acknowledge", "").statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(ApiClient.anonymous(port).get("/api/alerts/rules")).get("rules").valueStream()
        .map(r -> r.get("feed").asString() + "/" + r.get("measure").asString())).contains("air/pm25", "air/pm10", "citydata/congestion");
  }
}
