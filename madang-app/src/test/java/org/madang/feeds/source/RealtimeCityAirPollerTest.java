package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.madang.feeds.source.SeoulOpenApiReplay.fixture;
import static org.madang.feeds.source.SeoulOpenApiReplay.ok;
import static org.madang.feeds.source.SeoulOpenApiReplay.slow;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.madang.MadangProperties;
import org.madang.feeds.Observation;

/** RealtimeCityAir against a local server replaying its answers (constructed fixtures; see PROVENANCE.md). */
class RealtimeCityAirPollerTest {

  static final String PATH = "/test-key/json/RealtimeCityAir/1/100/";

  private final SeoulOpenApiReplay replay = new SeoulOpenApiReplay();
  private final RecordingIntake intake = new RecordingIntake();

  RealtimeCityAirPollerTest() throws Exception {}

  @AfterEach
  void close() {
    replay.close();
  }

  @Test
  void eachDistrictIsStoredAtItsMeasurementTimeInKoreaStandardTime() {
    replay.on(PATH, fixture("realtime_city_air_CONSTRUCTED.json"));
    poller(Duration.ofSeconds(5)).poll();

    List<Observation> air = intake.observations(RealtimeCityAirPoller.FEED);
    assertThat(air).extracting(Observation::station).containsExactly("중구", "종로구", "강남구", "마포구");
    Observation junggu = air.get(0);
    assertThat(junggu.observedAt()).isEqualTo(OffsetDateTime.parse("2021-05-11T15:00+09:00"));
    assertThat(junggu.values()).isEqualTo(Map.of("pm10", 33.0, "pm25", 19.0, "o3", 0.034, "no2", 0.018, "co", 0.3, "so2", 0.003, "air_index", 66.0));
    assertThat(junggu.labels()).isEqualTo(Map.of("grade", "보통", "main_pollutant", "O3"));
    assertThat(air.get(2).values()).containsEntry("pm10", 28.0).containsEntry("pm25", 77.0);
    // under maintenance: the texts that are no numbers are left out, the rest is kept
    assertThat(air.get(3).values()).isEqualTo(Map.of("o3", 0.033, "co", 0.3, "so2", 0.003));
    assertThat(air.get(3).labels()).isEqualTo(Map.of("grade", "점검중"));
    assertThat(intake.batches()).singleElement().satisfies(b -> assertThat(b.source()).isEqualTo("poller:RealtimeCityAir"));
  }

  @Test
  void noDataServerErrorsTimeoutsAndGarbageAreCountedAndTheNextRoundStillStores() {
    replay.on(PATH,
        fixture("error_INFO-200_CONSTRUCTED.json"),
        fixture("error_ERROR-500_CONSTRUCTED.json"),
        slow(SeoulOpenApiReplay.resource("realtime_city_air_CONSTRUCTED.json"), Duration.ofSeconds(3)),
        ok("<html><body>502 Bad Gateway</body></html>"),
        new SeoulOpenApiReplay.Answer(503, "busy", null),
        ok("{\"RealtimeCityAir\": {\"row\": []}}"),
        fixture("realtime_city_air_CONSTRUCTED.json"));
    RealtimeCityAirPoller poller = poller(Duration.ofMillis(300));

    for (int round = 0; round < 6; round++) {
      poller.poll();
    }
    assertThat(poller.emptyCount()).isEqualTo(1);
    assertThat(poller.failureCount()).isEqualTo(5);
    assertThat(intake.batches()).isEmpty();

    poller.poll();
    assertThat(poller.storedCount()).isEqualTo(4);
    assertThat(poller.requestCount()).isEqualTo(7);
  }

  @Test
  void theScheduledPollerGoesOnAfterAFailedRound() {
    replay.on(PATH, fixture("error_ERROR-500_CONSTRUCTED.json"), fixture("realtime_city_air_CONSTRUCTED.json"));
    SeoulOpenApiPollers pollers = new SeoulOpenApiPollers(settings(Duration.ofSeconds(1), Duration.ofSeconds(5)), intake, Clock.systemUTC());
    pollers.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> intake.observations(RealtimeCityAirPoller.FEED).size() == 4);
      assertThat(pollers.pollers().get(0).failureCount()).isEqualTo(1);
    } finally {
      pollers.stop();
    }
  }

  private RealtimeCityAirPoller poller(Duration timeout) {
    return new RealtimeCityAirPoller(new SeoulOpenApi(replay.baseUrl(), "test-key", timeout), intake, Clock.systemUTC());
  }

  private MadangProperties.Feeds.Pollers settings(Duration interval, Duration timeout) {
    return new MadangProperties.Feeds.Pollers(true, replay.baseUrl(), "test-key", interval, timeout, List.of(), List.of());
  }
}
