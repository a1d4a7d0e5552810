package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.madang.feeds.source.SeoulOpenApiReplay.fixture;
import static org.madang.feeds.source.SeoulOpenApiReplay.ok;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.madang.MadangProperties;
import org.madang.engine.MadangException;
import org.madang.feeds.Observation;

/** TrafficInfo (XML) against a local replay server, and the pollers' settings checks. */
class TrafficInfoPollerTest {

  static final String PATH = "/test-key/xml/TrafficInfo/1/5/1220003800/";

  private final SeoulOpenApiReplay replay = new SeoulOpenApiReplay();
  private final RecordingIntake intake = new RecordingIntake();
  private final Clock clock = Clock.fixed(Instant.parse("2026-07-28T03:07:41Z"), ZoneOffset.UTC);

  TrafficInfoPollerTest() throws Exception {}

  @AfterEach
  void close() {
    replay.close();
  }

  @Test
  void theLinkSpeedAndTravelTimeAreStoredAtThePollMinute() {
    replay.on(PATH, fixture("traffic_info_1220003800_CONSTRUCTED.xml"));
    poller().poll();

    assertThat(intake.observations(CitydataResponse.ROAD_FEED)).singleElement().satisfies(o -> {
      assertThat(o.station()).isEqualTo("1220003800");
      assertThat(o.values()).isEqualTo(Map.of("speed", 26.0, "travel_time_s", 121.0));
      assertThat(o.observedAt()).isEqualTo(OffsetDateTime.parse("2026-07-28T12:07+09:00"));
    });
  }

  @Test
  void errorEnvelopesAndGarbageAreCountedNotStored() {
    replay.on(PATH, fixture("error_ERROR-500_CONSTRUCTED.xml"), ok("{\"not\": \"xml\"}"), ok("<TrafficInfo><row><link_id>1"),
        fixture("traffic_info_1220003800_CONSTRUCTED.xml"));
    TrafficInfoPoller poller = poller();
    for (int round = 0; round < 3; round++) {
      poller.poll();
    }
    assertThat(poller.failureCount()).isEqualTo(3);
    assertThat(intake.batches()).isEmpty();
    poller.poll();
    assertThat(poller.storedCount()).isEqualTo(1);
  }

  @Test
  void enabledPollersWithoutAKeyOrWithABadAddressRefuseToStartInOneSentence() {
    assertThatThrownBy(() -> new SeoulOpenApiPollers(settings("http://openapi.seoul.go.kr:8088", ""), intake, clock))
        .isInstanceOf(MadangException.class)
        .hasMessage("The Seoul Open API pollers are enabled but madang.feeds.pollers.key (SEOUL_OPEN_API_KEY) is empty; get a key at data.seoul.go.kr.");
    assertThatThrownBy(() -> new SeoulOpenApiPollers(settings("openapi.seoul.go.kr", "k"), intake, clock))
        .isInstanceOf(MadangException.class)
        .hasMessageStartingWith("madang.feeds.pollers.base-url must be an http(s) address");
  }

  private TrafficInfoPoller poller() {
    return new TrafficInfoPoller(new SeoulOpenApi(replay.baseUrl(), "test-key", Duration.ofSeconds(5)), intake, clock, List.of("1220003800"));
  }

  private static MadangProperties.Feeds.Pollers settings(String baseUrl, String key) {
    return new MadangProperties.Feeds.Pollers(true, baseUrl, key, Duration.ofMinutes(5), Duration.ofSeconds(10), List.of(), List.of());
  }
}
