package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.madang.MadangProperties;
import org.madang.feeds.Observation;

/**
 * The demo replay against the shipped file: values at simulated noons are the file's daily averages (checked against
 * rows read off the file by hand), between noons and across missing days they are interpolated, the year wraps.
 */
class SeoulAirReplayTest {

  private final RecordingIntake intake = new RecordingIntake();

  @Test
  void atEachSimulatedNoonTheDistrictsReportTheFilesDailyAverages() {
    // 2026-03-05 noon in Seoul is day 64 of the year: 2019-03-05, the worst day of that March's dust episode
    SteppedClock clock = new SteppedClock("2026-03-05T12:00:00+09:00");
    SeoulAirReplay replay = replay(clock);

    List<Observation> first = replay.emit();
    assertThat(first).hasSize(25);
    // 20190305,강남구,0.028,0.032,0.9,0.007,187,151
    assertThat(values(first, "강남구")).isEqualTo(Map.of("no2", 0.028, "o3", 0.032, "co", 0.9, "so2", 0.007, "pm10", 187.0, "pm25", 151.0));
    // 20190305,중구,0.037,0.044,0.9,0.005,177,124
    assertThat(values(first, "중구")).containsEntry("pm10", 177.0).containsEntry("pm25", 124.0);
    assertThat(first).allSatisfy(o -> assertThat(o.observedAt()).isEqualTo(OffsetDateTime.parse("2026-03-05T12:00:00+09:00")));

    clock.advance(Duration.ofSeconds(24)); // 24 simulated hours at 3600x
    List<Observation> next = replay.emit();
    // 20190306,강남구,0.041,0.025,0.8,0.008,143,114 and 20190306,종로구,0.05,0.031,0.9,0.006,128,89
    assertThat(values(next, "강남구")).isEqualTo(Map.of("no2", 0.041, "o3", 0.025, "co", 0.8, "so2", 0.008, "pm10", 143.0, "pm25", 114.0));
    assertThat(values(next, "종로구")).containsEntry("pm10", 128.0).containsEntry("pm25", 89.0);
    assertThat(next.get(0).observedAt()).isEqualTo(OffsetDateTime.parse("2026-03-05T12:00:24+09:00"));

    assertThat(intake.batches()).hasSize(2).allSatisfy(b -> {
      assertThat(b.feed()).isEqualTo("air");
      assertThat(b.source()).isEqualTo("simulator");
    });
  }

  @Test
  void betweenNoonsAndAcrossDaysTheFileLacksValuesAreInterpolated() {
    SteppedClock clock = new SteppedClock("2026-03-05T12:00:00+09:00");
    SeoulAirReplay replay = replay(clock);
    clock.advance(Duration.ofSeconds(12)); // midnight between March 5 and 6
    assertThat(values(replay.emit(), "강남구").get("pm25")).isCloseTo((151 + 114) / 2.0, within(1e-9));

    // the file has no 2019-03-09..13: March 11 noon lies half way between March 8 (45, 29) and March 14 (35, 19)
    SteppedClock gap = new SteppedClock("2026-03-08T12:00:00+09:00");
    SeoulAirReplay gapReplay = replay(gap);
    gap.advance(Duration.ofSeconds(72));
    Map<String, Double> march11 = values(gapReplay.emit(), "강남구");
    assertThat(march11.get("pm10")).isCloseTo(40.0, within(1e-9));
    assertThat(march11.get("pm25")).isCloseTo(24.0, within(1e-9));
  }

  @Test
  void theReplayWrapsFromDecember31ToJanuary1() {
    SteppedClock clock = new SteppedClock("2026-12-31T12:00:00+09:00");
    SeoulAirReplay replay = replay(clock);
    // 20191231,강남구,...,22,15 then 20190101,강남구,...,37,31
    assertThat(values(replay.emit(), "강남구")).containsEntry("pm10", 22.0).containsEntry("pm25", 15.0);
    clock.advance(Duration.ofSeconds(24));
    assertThat(values(replay.emit(), "강남구")).containsEntry("pm10", 37.0).containsEntry("pm25", 31.0);
  }

  private SeoulAirReplay replay(Clock clock) {
    return new SeoulAirReplay(new MadangProperties.Feeds.Simulator(true, 3600, Duration.ofSeconds(5)), intake, clock);
  }

  private static Map<String, Double> values(List<Observation> batch, String station) {
    return batch.stream().filter(o -> o.station().equals(station)).findFirst().orElseThrow().values();
  }

  /** A clock that moves only when told. */
  static final class SteppedClock extends Clock {
    private Instant now;

    SteppedClock(String start) {
      this.now = OffsetDateTime.parse(start).toInstant();
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
