package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.engine.DataEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Feeds over real HTTP on the demo city: a publisher pushes observations and reads them back as latest values, history
 * and aggregates; every kind of bad input is refused or quarantined with its reason, counted, and leaves the store as
 * it was; parameters of queries that make no sense are problem+json naming the parameter.
 */
@DemoCityTest
class FeedApiTest {

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired DataEngine engine;
  @Autowired FeedRetention retention;

  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void feedsAndUsers() {
    // the demo city is shared by every test class: each account is made once, under names no other class uses
    if (users.findByUsername("feeds-gateway").isEmpty()) {
      users.createUser("feeds-gateway", "gateway-password", EnumSet.of(Role.PUBLISHER), null, "센서 게이트웨이");
    }
    if (users.findByUsername("feeds-citizen").isEmpty()) {
      users.createUser("feeds-citizen", "citizen-password", EnumSet.of(Role.CITIZEN), null, "김시민");
    }
    for (String feed : new String[] {"test-push", "test-bad"}) {
      HttpResponse<String> saved = ApiClient.admin(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feeds/" + feed))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("""
              {"title": "시험 피드", "title_en": "Test feed", "retention_days": 7,
               "measures": {"pm10": {"unit": "µg/m³", "title": "미세먼지"}, "congestion": {"title": "혼잡도"}}}""")));
      assertThat(saved.statusCode()).isEqualTo(200);
    }
  }

  private ApiClient publisher() {
    return ApiClient.basic(port, "feeds-gateway", "gateway-password");
  }

  private String at(int minutesAgo) {
    return now.minusMinutes(minutesAgo).toString();
  }

  private long rows(String feed) {
    return engine.observations().countRows(feed);
  }

  @Test
  void storesPushedObservationsAndAnswersLatestHistoryAndAggregates() {
    HttpResponse<String> pushed = publisher().postJson("/api/feeds/test-push/observations", """
        [{"station": "종로구", "observed_at": "%s", "values": {"pm10": 40}},
         {"station": "11110", "observed_at": "%s", "values": {"pm10": 60}},
         {"station": "sensor-gangnam-1", "observed_at": "%s", "lat": 37.5172, "lon": 127.0473, "values": {"pm10": 20, "congestion": "붐빔"}}]
        """.formatted(at(2), at(1), at(1)));

    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
    assertThat(ApiClient.json(pushed).get("accepted").asInt()).isEqualTo(3);
    assertThat(rows("test-push")).isEqualTo(4);

    JsonNode latest = ApiClient.json(ApiClient.anonymous(port).get("/api/feeds/test-push/latest"));
    assertThat(latest.get("stations")).hasSize(2);
    JsonNode jongno = station(latest, "종로구");
    assertThat(jongno.get("district_code").asString()).isEqualTo("11110");
    assertThat(jongno.get("values").get("pm10").asDouble()).isEqualTo(60.0);
    assertThat(station(latest, "sensor-gangnam-1").get("labels").get("congestion").asString()).isEqualTo("붐빔");
    assertThat(station(latest, "sensor-gangnam-1").get("district_code").asString()).isEqualTo("11680");

    JsonNode history = ApiClient.json(ApiClient.anonymous(port).get(
        "/api/feeds/test-push/history?station=%EC%A2%85%EB%A1%9C%EA%B5%AC&bucket=1d&measure=pm10"));
    assertThat(history.get("buckets")).hasSize(1);
    assertThat(history.get("buckets").get(0).get("mean").asDouble()).isEqualTo(50.0);
    assertThat(history.get("buckets").get(0).get("count").asInt()).isEqualTo(2);

    JsonNode byDistrict = ApiClient.json(ApiClient.anonymous(port).get("/api/feeds/test-push/aggregates?by=district&window=1h"));
    assertThat(byDistrict.get("areas").valueStream().map(a -> a.get("area").asString() + ":" + a.get("measure").asString() + ":" + a.get("mean").asDouble()))
        .contains("11110:pm10:50.0", "11680:pm10:20.0");
    JsonNode byCell = ApiClient.json(ApiClient.anonymous(port).get("/api/feeds/test-push/aggregates?by=h3&window=5m"));
    assertThat(byCell.get("areas").valueStream().map(a -> a.get("label").asString())).contains("붐빔");

    JsonNode feeds = ApiClient.json(ApiClient.anonymous(port).get("/api/feeds"));
    assertThat(feeds.get("feeds").valueStream().map(f -> f.get("name").asString())).contains("air", "test-push");
  }

  @Test
  void acceptsEachObservationOnceAndCountsRepeatsAsDuplicates() {
    String batch = """
        [{"station": "중구", "observed_at": "%s", "values": {"pm10": 33}},
         {"station": "중구", "observed_at": "%s", "values": {"pm10": 34}}]""".formatted(at(10), at(9));
    assertThat(ApiClient.json(publisher().postJson("/api/feeds/test-bad/observations", batch)).get("accepted").asInt()).isEqualTo(2);
    long before = rows("test-bad");

    JsonNode again = ApiClient.json(publisher().postJson("/api/feeds/test-bad/observations", batch));

    assertThat(again.get("accepted").asInt()).isZero();
    assertThat(again.get("duplicates").asInt()).isEqualTo(2);
    assertThat(rows("test-bad")).isEqualTo(before);
  }

  @Test
  void refusesMalformedJsonWholeAndStoresNothing() {
    long before = rows("test-bad");

    HttpResponse<String> refused = publisher().postJson("/api/feeds/test-bad/observations", "[{\"station\": \"중구\", \"observed_at\": }]");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.json(refused).get("code").asString()).isEqualTo("MALFORMED_FILE");
    assertThat(ApiClient.json(refused).get("line").asInt()).isEqualTo(1);
    assertThat(rows("test-bad")).isEqualTo(before);
    assertThat(quarantineReasons()).anyMatch(r -> r.startsWith("The payload cannot be read at line 1"));
  }

  @Test
  void refusesATenMegabytePayloadWithoutStoringAnything() {
    long before = rows("test-bad");
    StringBuilder big = new StringBuilder("[");
    String record = "{\"station\": \"중구\", \"observed_at\": \"" + at(1) + "\", \"values\": {\"pm10\": 1}, \"padding\": \"" + "x".repeat(10_000) + "\"},";
    while (big.length() < 10 * 1024 * 1024) {
      big.append(record);
    }
    big.setLength(big.length() - 1);
    big.append(']');

    HttpResponse<String> refused = publisher().postJson("/api/feeds/test-bad/observations", big.toString());

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(ApiClient.json(refused).get("code").asString()).isEqualTo("FILE_TOO_LARGE");
    assertThat(rows("test-bad")).isEqualTo(before);
  }

  @Test
  void quarantinesEachBadRecordWithItsReasonAndKeepsTheGoodOnes() {
    long before = rows("test-bad");

    HttpResponse<String> pushed = publisher().postJson("/api/feeds/test-bad/observations", """
        [{"station": "no-such-sensor", "observed_at": "%s", "values": {"pm10": 1}},
         {"station": "중구", "observed_at": "%s", "values": {"pm10": 1}},
         {"station": "중구", "observed_at": "%s", "values": {"pm10": 1}},
         {"station": "중구", "observed_at": "%s", "values": {"pm10": true}},
         {"station": "far-away", "observed_at": "%s", "lat": 35.1796, "lon": 129.0756, "values": {"pm10": 1}},
         {"station": "중구", "observed_at": "2025-05-01T10:00:00", "values": {"pm10": 1}},
         {"station": "중구", "observed_at": "%s", "values": {"pm10": 5}}]
        """.formatted(at(1), now.plusHours(2), now.minusDays(30), at(1), at(1), at(3)));

    assertThat(pushed.statusCode()).isEqualTo(202);
    JsonNode receipt = ApiClient.json(pushed);
    assertThat(receipt.get("accepted").asInt()).isEqualTo(1);
    assertThat(receipt.get("rejected").valueStream().map(r -> r.get("index").asInt())).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(receipt.get("rejected").get(0).get("reason").asString())
        .isEqualTo("Station no-such-sensor is not registered for feed test-bad and the observation has no lat/lon.");
    assertThat(receipt.get("rejected").get(1).get("reason").asString()).contains("in the future");
    assertThat(receipt.get("rejected").get(2).get("reason").asString()).contains("more than 7 days ago");
    assertThat(receipt.get("rejected").get(3).get("reason").asString()).contains("neither a number nor a text");
    assertThat(receipt.get("rejected").get(4).get("reason").asString()).contains("outside the city");
    assertThat(receipt.get("rejected").get(5).get("reason").asString()).contains("no UTC offset");
    assertThat(rows("test-bad")).isEqualTo(before + 1);
    assertThat(quarantineReasons()).contains(receipt.get("rejected").get(0).get("reason").asString(), receipt.get("rejected").get(4).get("reason").asString());
    assertThat(ApiClient.json(ApiClient.admin(port).get("/api/feeds/test-bad")).get("stations").valueStream().map(s -> s.get("station").asString()))
        .doesNotContain("far-away", "no-such-sensor");

    String metrics = ApiClient.anonymous(port).get("/actuator/prometheus").body();
    assertThat(metrics).containsPattern("madang_feeds_observations_total\\{.*feed=\"test-bad\".*outcome=\"rejected\".*reason=\"unknown-station\".*\\} [1-9]");
    assertThat(metrics).containsPattern("madang_feeds_observations_total\\{.*feed=\"test-bad\".*outcome=\"rejected\".*reason=\"format\".*\\} [1-9]");
  }

  @Test
  void letsOnlyPublishersStewardsAndAdminsPushAndOnlyStewardsSeeTheQuarantine() {
    String one = "{\"station\": \"중구\", \"observed_at\": \"" + at(1) + "\", \"values\": {\"pm10\": 1}}";

    assertThat(ApiClient.anonymous(port).postJson("/api/feeds/test-bad/observations", one).statusCode()).isEqualTo(401);
    assertThat(ApiClient.basic(port, "feeds-citizen", "citizen-password").postJson("/api/feeds/test-bad/observations", one).statusCode()).isEqualTo(403);
    assertThat(ApiClient.anonymous(port).get("/api/feeds/test-bad/quarantine").statusCode()).isEqualTo(401);
    assertThat(publisher().get("/api/feeds/test-bad/quarantine").statusCode()).isEqualTo(403);
    assertThat(publisher().postJson("/api/feeds/no-such-feed/observations", one).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesQueryParametersThatMakeNoSenseNamingThem() {
    ApiClient anyone = ApiClient.anonymous(port);
    assertField(anyone.get("/api/feeds/test-push/history?bucket=5x"), "bucket");
    assertField(anyone.get("/api/feeds/test-push/history?bucket=1m&from=2020-01-01T00:00:00%2B09:00"), "bucket");
    assertField(anyone.get("/api/feeds/test-push/history?from=yesterday"), "from");
    assertField(anyone.get("/api/feeds/test-push/history?from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z"), "from");
    assertField(anyone.get("/api/feeds/test-push/aggregates?by=ward"), "by");
    assertField(anyone.get("/api/feeds/test-push/aggregates?window=30d"), "window");
    assertThat(anyone.get("/api/feeds/no-such-feed/latest").statusCode()).isEqualTo(404);
  }

  @Test
  void removesObservationsOlderThanTheFeedsRetention() {
    assertThat(publisher().postJson("/api/feeds/test-bad/observations",
        "{\"station\": \"도봉구\", \"observed_at\": \"%s\", \"values\": {\"pm10\": 7}}".formatted(at(60))).statusCode()).isEqualTo(202);
    long before = rows("test-bad");

    retention.removeBefore(now.toInstant().plus(java.time.Duration.ofDays(7)).minusSeconds(30 * 60));

    assertThat(rows("test-bad")).isLessThan(before);
    assertThat(engine.query("SELECT count(*) AS n FROM observations.readings WHERE feed = 'test-bad' AND station = '도봉구'", 1).rows().get(0).get("n"))
        .isEqualTo(0L);
  }

  private static JsonNode station(JsonNode latest, String station) {
    return latest.get("stations").valueStream().filter(s -> s.get("station").asString().equals(station)).findFirst().orElseThrow();
  }

  private static void assertField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(ApiClient.json(response).get("field").asString()).isEqualTo(field);
  }

  private java.util.List<String> quarantineReasons() {
    JsonNode q = ApiClient.json(ApiClient.admin(port).get("/api/feeds/test-bad/quarantine?limit=1000"));
    return q.get("entries").valueStream().map(e -> e.get("reason").asString()).toList();
  }
}
