package org.madang.engine.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;

class ObservationStoreTest {

  private static final Instant T0 = Instant.parse("2025-05-01T05:00:00Z");
  private static final double GANGNAM_LAT = 37.5172;
  private static final double GANGNAM_LON = 127.0473;

  @TempDir Path dir;

  private static StationReading at(String station, Instant t, Map<String, Double> values) {
    return StationReading.of(station, t, values);
  }

  @Test
  void storesOneRowPerMeasureLocatedInItsDistrictAndH3Cell() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      AppendResult result = store.append("air", List.of(
          new StationReading("s-1", T0, GANGNAM_LAT, GANGNAM_LON, null, Map.of("pm10", 35.0, "pm25", 18.0), Map.of("grade", "보통")),
          new StationReading("종로구", T0, null, null, "11110", Map.of("pm10", 80.0), Map.of())));

      assertThat(result.duplicates()).isEmpty();
      assertThat(result.stored()).extracting(StoredReading::districtCode).containsExactly("11680", "11110");
      assertThat(result.stored().get(0).h3Cell()).isEqualTo(H3Binner.atResolution(9).cellOf(GANGNAM_LAT, GANGNAM_LON));
      assertThat(result.stored().get(1).h3Cell()).isNull();
      assertThat(store.countRows("air")).isEqualTo(4);
      assertThat(engine.query("SELECT measure, value, label, district_code FROM observations.readings WHERE station = 's-1' ORDER BY measure", 10).rows())
          .extracting(row -> (List<Object>) new ArrayList<Object>(row.values()))
          .containsExactly(Arrays.<Object>asList("grade", null, "보통", "11680"), Arrays.<Object>asList("pm10", 35.0, null, "11680"), Arrays.<Object>asList("pm25", 18.0, null, "11680"));
    }
  }

  @Test
  void storesEachFeedStationTimeAndMeasureOnce() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      store.append("air", List.of(at("A", T0, Map.of("pm10", 1.0)), at("A", T0.plusSeconds(60), Map.of("pm10", 2.0))));

      AppendResult again = store.append("air", List.of(
          at("A", T0, Map.of("pm10", 99.0)),
          at("A", T0, Map.of("pm10", 1.0, "pm25", 5.0)),
          at("A", T0.plusSeconds(120), Map.of("pm10", 3.0)),
          at("A", T0.plusSeconds(120), Map.of("pm10", 3.0)),
          at("A", T0.minusSeconds(60), Map.of("pm10", 0.5))));

      assertThat(again.duplicates()).containsExactly(0, 3);
      assertThat(again.stored()).extracting(StoredReading::index).containsExactly(1, 2, 4);
      assertThat(again.stored().get(0).values()).containsOnlyKeys("pm25");
      assertThat(store.countRows("air")).isEqualTo(5);
      assertThat(engine.query("SELECT value FROM observations.readings WHERE station = 'A' AND measure = 'pm10' ORDER BY observed_at", 10).rows())
          .extracting(row -> row.get("value"))
          .containsExactly(0.5, 1.0, 2.0, 3.0);
      assertThat(store.append("other-feed", List.of(at("A", T0, Map.of("pm10", 1.0)))).stored()).hasSize(1);
    }
  }

  @Test
  void remembersWhatIsStoredAcrossARestart() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      engine.observations().append("air", List.of(at("A", T0, Map.of("pm10", 1.0)), at("A", T0.plusSeconds(60), Map.of("pm10", 2.0))));
    }
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      assertThat(store.listLatest("air")).containsExactly(
          new LatestReading("A", "pm10", T0.plusSeconds(60), 2.0, null, null, null, null, null));

      AppendResult redelivered = store.append("air", List.of(at("A", T0, Map.of("pm10", 1.0)), at("A", T0.plusSeconds(60), Map.of("pm10", 2.0))));

      assertThat(redelivered.duplicates()).containsExactly(0, 1);
      assertThat(store.countRows("air")).isEqualTo(2);
    }
  }

  @Test
  void keepsTheNewestValuePerStationAndMeasureAsLatest() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      store.append("air", List.of(at("A", T0.plusSeconds(60), Map.of("pm10", 2.0)), at("B", T0, Map.of("pm10", 7.0))));
      store.append("air", List.of(at("A", T0, Map.of("pm10", 1.0))));

      assertThat(store.listLatest("air")).extracting(LatestReading::station, LatestReading::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 2.0), org.assertj.core.groups.Tuple.tuple("B", 7.0));
      assertThat(store.listLatest("none")).isEmpty();
    }
  }

  @Test
  void commitsConcurrentBatchesTogetherWithoutLosingAny() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      List<CompletableFuture<AppendResult>> pending = new ArrayList<>();
      for (int caller = 0; caller < 200; caller++) {
        List<StationReading> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          batch.add(at("station-" + caller, T0.plusSeconds(i), Map.of("pm10", (double) i)));
        }
        pending.add(store.appendAsync("air", batch));
      }
      int stored = 0;
      for (CompletableFuture<AppendResult> p : pending) {
        stored += p.join().stored().size();
      }

      assertThat(stored).isEqualTo(10_000);
      assertThat(store.countRows("air")).isEqualTo(10_000);
    }
  }

  @Test
  void bucketsHistoryOnLocalMidnight() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      Instant localMidnight = Instant.parse("2025-04-30T15:00:00Z"); // 2025-05-01T00:00+09:00
      store.append("air", List.of(
          at("A", localMidnight.minusSeconds(60), Map.of("pm10", 100.0)),
          at("A", localMidnight, Map.of("pm10", 10.0)),
          at("A", localMidnight.plusSeconds(3600), Map.of("pm10", 20.0)),
          new StationReading("A", localMidnight.plusSeconds(7200), null, null, null, Map.of(), Map.of("grade", "좋음")),
          at("B", localMidnight, Map.of("pm10", 50.0))));

      List<HistoryBucket> days = store.history("air", "A", null, localMidnight.minus(Duration.ofDays(1)), localMidnight.plus(Duration.ofDays(1)),
          Duration.ofDays(1), ZoneOffset.ofHours(9));

      assertThat(days).containsExactly(
          new HistoryBucket("A", "grade", localMidnight, 1, null, null, null, "좋음"),
          new HistoryBucket("A", "pm10", localMidnight.minus(Duration.ofDays(1)), 1, 100.0, 100.0, 100.0, null),
          new HistoryBucket("A", "pm10", localMidnight, 2, 15.0, 10.0, 20.0, null));
    }
  }

  @Test
  void refusesHistoryOfAnEmptyRangeOrTooManyBuckets() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      MadangException empty = catchThrowableOfType(MadangException.class,
          () -> store.history("air", null, null, T0, T0, Duration.ofHours(1), ZoneOffset.UTC));
      MadangException tooMany = catchThrowableOfType(MadangException.class,
          () -> store.history("air", null, null, T0, T0.plus(Duration.ofDays(365)), Duration.ofMinutes(1), ZoneOffset.UTC));

      assertThat(empty.details()).containsEntry("field", "from");
      assertThat(tooMany.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(tooMany.details()).containsEntry("field", "bucket");
    }
  }

  @Test
  void aggregatesTheWindowByDistrictAndByH3Cell() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      Instant now = T0.plusSeconds(3600);
      store.append("air", List.of(
          new StationReading("s-1", now.minusSeconds(60), GANGNAM_LAT, GANGNAM_LON, null, Map.of("pm10", 30.0), Map.of()),
          new StationReading("s-2", now.minusSeconds(120), GANGNAM_LAT + 0.0001, GANGNAM_LON, null, Map.of("pm10", 50.0), Map.of()),
          new StationReading("s-1", now.minusSeconds(1800), GANGNAM_LAT, GANGNAM_LON, null, Map.of("pm10", 1000.0), Map.of()),
          new StationReading("s-3", now.minusSeconds(60), 0.0, 0.0, null, Map.of("pm10", 7.0), Map.of())));

      List<AreaAggregate> byDistrict = store.aggregate("air", AreaKind.DISTRICT, Duration.ofMinutes(5), now);
      List<AreaAggregate> byCell = store.aggregate("air", AreaKind.H3, Duration.ofHours(1), now);

      assertThat(byDistrict).containsExactly(new AreaAggregate("11680", "pm10", 2, 2, 40.0, 30.0, 50.0, null));
      assertThat(byCell).extracting(AreaAggregate::area, AreaAggregate::count).containsExactly(
          org.assertj.core.groups.Tuple.tuple(H3Binner.toAddress(H3Binner.atResolution(9).cellOf(GANGNAM_LAT, GANGNAM_LON)), 3L));
    }
  }

  @Test
  void removesReadingsOlderThanTheRetention() {
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      ObservationStore store = engine.observations();
      store.append("air", List.of(at("A", T0, Map.of("pm10", 1.0)), at("B", T0.plusSeconds(60), Map.of("pm10", 2.0, "pm25", 1.0))));
      store.append("traffic", List.of(at("A", T0, Map.of("speed", 30.0))));

      assertThat(store.deleteBefore("air", T0.plusSeconds(30))).isEqualTo(1);
      assertThat(store.countRows("air")).isEqualTo(2);
      assertThat(store.countRows("traffic")).isEqualTo(1);
      assertThat(store.listLatest("air")).extracting(LatestReading::station).containsOnly("B");
    }
  }
}
