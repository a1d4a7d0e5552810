package org.madang.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Seoul demo's feeds and alert rules, written once into an empty registry when the demo is on.
 *
 * <p>The air-quality rules follow Korea's official grades for particulate matter (환경부 「대기오염 예보 등급」, as
 * published by AirKorea 에어코리아, since 2018-03-27): PM2.5 좋음 0–15, 보통 16–35, 나쁨 36–75, 매우 나쁨 ≥ 76 µg/m³;
 * PM10 좋음 0–30, 보통 31–80, 나쁨 81–150, 매우 나쁨 ≥ 151 µg/m³. An alert rises at 매우 나쁨 and resolves once the air is
 * back to 보통 or better (PM2.5 < 36, PM10 < 81), so a reading that wavers around the 매우 나쁨 line does not raise and
 * resolve in turn. Congestion uses the four levels of Seoul's real-time city data (서울 실시간 도시데이터, {@code
 * AREA_CONGEST_LVL}: 여유, 보통, 약간 붐빔, 붐빔): raised at 붐빔, resolved at 여유 or 보통.
 */
final class DemoFeeds {

  private static final String GRADES = "환경부 대기오염 예보 등급 (에어코리아, 2018-03-27 시행)";
  private static final String CONGESTION = "서울 실시간 도시데이터 AREA_CONGEST_LVL (여유/보통/약간 붐빔/붐빔)";

  private record Rule(String feed, String measure, String titleKo, String titleEn, Double raiseAt, Double resolveBelow,
      String raiseLabels, String resolveLabels, String source) {}

  private static final List<Feed.Measure> AIR = List.of(
      new Feed.Measure("pm10", "µg/m³", "미세먼지(PM10)", "Particulate matter (PM10)"),
      new Feed.Measure("pm25", "µg/m³", "초미세먼지(PM2.5)", "Fine particulate matter (PM2.5)"),
      new Feed.Measure("o3", "ppm", "오존", "Ozone"),
      new Feed.Measure("no2", "ppm", "이산화질소", "Nitrogen dioxide"),
      new Feed.Measure("co", "ppm", "일산화탄소", "Carbon monoxide"),
      new Feed.Measure("so2", "ppm", "아황산가스", "Sulphur dioxide"),
      new Feed.Measure("grade", null, "통합대기환경등급", "Air quality grade"));

  static final List<Feed> FEEDS = List.of(
      new Feed("air", "자치구별 대기질 (2019년 측정값 재생)", "Air quality by district (2019 measurements replayed)", null, 30, AIR),
      new Feed("realtime-air", "서울시 실시간 자치구별 대기환경 (RealtimeCityAir)", "Seoul real-time air quality by district (RealtimeCityAir)", null, 30, AIR),
      new Feed("citydata", "서울 실시간 도시데이터 (주요 장소 혼잡도)", "Seoul real-time city data (crowding at hot spots)", null, 30, List.of(
          new Feed.Measure("congestion", null, "장소 혼잡도", "Crowding level"),
          new Feed.Measure("population_min", "명", "실시간 인구 (최소)", "Population now (low)"),
          new Feed.Measure("population_max", "명", "실시간 인구 (최대)", "Population now (high)"),
          new Feed.Measure("road_speed", "km/h", "도로 평균 속도", "Average road speed"),
          new Feed.Measure("temperature", "°C", "기온", "Temperature"))),
      new Feed("road-speed", "서울시 도로 소통 속도 (TrafficInfo)", "Seoul road speeds (TrafficInfo)", null, 30, List.of(
          new Feed.Measure("speed", "km/h", "통행 속도", "Speed"))));

  private static final List<Rule> RULES = List.of(
      new Rule("air", "pm25", "초미세먼지 매우 나쁨", "Fine dust very bad", 76.0, 36.0, null, null, GRADES),
      new Rule("air", "pm10", "미세먼지 매우 나쁨", "Dust very bad", 151.0, 81.0, null, null, GRADES),
      new Rule("realtime-air", "pm25", "초미세먼지 매우 나쁨", "Fine dust very bad", 76.0, 36.0, null, null, GRADES),
      new Rule("realtime-air", "pm10", "미세먼지 매우 나쁨", "Dust very bad", 151.0, 81.0, null, null, GRADES),
      new Rule("citydata", "congestion", "혼잡 (붐빔)", "Crowded", null, null, "붐빔", "여유,보통", CONGESTION));

  private DemoFeeds() {}

  /** Writes the demo's feeds and rules when there are no feeds yet (the platform's own `cctv` feed, V9, does not count). */
  static void seedIfEmpty(JdbcClient jdbc) {
    if (jdbc.sql("SELECT count(*) FROM feeds WHERE name <> 'cctv'").query(Long.class).single() > 0) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (Feed f : FEEDS) {
      jdbc.sql("INSERT INTO feeds (name, title_ko, title_en, organization, retention_days, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(f.name(), f.titleKo(), f.titleEn(), f.organization(), f.retentionDays(), now).update();
      for (Feed.Measure m : f.measures()) {
        jdbc.sql("INSERT INTO feed_measures (feed, measure, unit, title_ko, title_en) VALUES (?, ?, ?, ?, ?)")
            .params(f.name(), m.measure(), m.unit(), m.titleKo(), m.titleEn()).update();
      }
    }
    for (Rule r : RULES) {
      jdbc.sql("INSERT INTO alert_rules (feed, measure, title_ko, title_en, severity, raise_at, resolve_below, raise_labels, resolve_labels, source) "
              + "VALUES (?, ?, ?, ?, 'warning', ?, ?, ?, ?, ?)")
          .params(r.feed(), r.measure(), r.titleKo(), r.titleEn(), r.raiseAt(), r.resolveBelow(), r.raiseLabels(), r.resolveLabels(), r.source())
          .update();
    }
  }
}
