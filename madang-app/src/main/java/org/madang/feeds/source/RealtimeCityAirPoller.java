package org.madang.feeds.source;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import tools.jackson.databind.JsonNode;

/**
 * {@code RealtimeCityAir} (서울시 권역별 실시간 대기환경 현황): the latest hourly measurement of each of the 25 district
 * stations, into the feed {@value #FEED}. Station = MSRSTE_NM (the district, so the intake places it); measured at
 * MSRDT ({@code 202105111500}, Korea Standard Time). Values pm10, pm25 (µg/m³), o3, no2, co, so2 (ppm) and air_index
 * (IDEX_MVL, the integrated air-quality index); labels grade (IDEX_NM: 좋음/보통/나쁨/매우나쁨) and main_pollutant
 * (ARPLT_MAIN). A measure the service reports as text that is no number ("점검중", under maintenance) is left out.
 */
final class RealtimeCityAirPoller extends SeoulOpenApiPoller {

  static final String FEED = "realtime-air";
  static final String SERVICE = "RealtimeCityAir";
  static final ZoneOffset KST = ZoneOffset.ofHours(9);
  private static final DateTimeFormatter MSRDT = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
  private static final Map<String, String> VALUES = Map.of(
      "PM10", "pm10", "PM25", "pm25", "O3", "o3", "NO2", "no2", "CO", "co", "SO2", "so2", "IDEX_MVL", "air_index");

  RealtimeCityAirPoller(SeoulOpenApi api, ObservationIntake intake, Clock clock) {
    super(SERVICE, api, intake, clock);
  }

  @Override
  List<Request> requests() {
    return List.of(new Request("json", 1, 100, List.of()));
  }

  @Override
  Map<String, List<Observation>> read(String body, Request request) throws SeoulOpenApi.Failure {
    return Map.of(FEED, observations(body));
  }

  static List<Observation> observations(String body) throws SeoulOpenApi.Failure {
    JsonNode root = json(body, SERVICE);
    JsonNode service = root.get(SERVICE);
    if (service == null) {
      checkResult(root.path("RESULT"), SERVICE);
      throw new SeoulOpenApi.Failure("GARBAGE", SERVICE + " answered without a " + SERVICE + " node");
    }
    checkResult(service.path("RESULT"), SERVICE);
    List<Observation> out = new ArrayList<>();
    for (JsonNode row : service.path("row")) {
      String station = text(row, "MSRSTE_NM");
      String time = text(row, "MSRDT");
      if (station == null || time == null) {
        continue;
      }
      OffsetDateTime observedAt;
      try {
        observedAt = LocalDateTime.parse(time, MSRDT).atOffset(KST);
      } catch (DateTimeParseException e) {
        continue;
      }
      Map<String, Double> values = new LinkedHashMap<>();
      VALUES.forEach((field, measure) -> {
        Double v = number(row, field);
        if (v != null) {
          values.put(measure, v);
        }
      });
      Map<String, String> labels = new LinkedHashMap<>();
      String grade = text(row, "IDEX_NM");
      if (grade != null) {
        labels.put("grade", grade);
      }
      String main = text(row, "ARPLT_MAIN");
      if (main != null) {
        labels.put("main_pollutant", main);
      }
      if (!values.isEmpty() || !labels.isEmpty()) {
        out.add(new Observation(station, observedAt, null, null, values, labels));
      }
    }
    return out;
  }
}
