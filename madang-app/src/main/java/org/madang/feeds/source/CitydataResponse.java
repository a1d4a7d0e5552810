package org.madang.feeds.source;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.feeds.Observation;
import tools.jackson.databind.JsonNode;

/**
 * One answer of {@code citydata} (서울시 실시간 도시데이터) for one hot spot, read into observations:
 * <ul>
 *   <li>feed {@value #AREA_FEED}, station AREA_NM: label congestion (AREA_CONGEST_LVL 여유/보통/약간 붐빔/붐빔) and
 *       congestion_level 1-4, population_min/max, the next hour's forecast (forecast_congestion,
 *       forecast_congestion_level, forecast_population_min/max) at PPLTN_TIME; road_traffic (ROAD_TRAFFIC_IDX
 *       원활/서행/정체), road_traffic_level 1-3 and road_speed (km/h) at ROAD_TRAFFIC_TIME; temperature, humidity, pm10,
 *       pm25 and grade (AIR_IDX) at WEATHER_TIME when the answer has a WEATHER_STTS;
 *   <li>feed {@value #ROAD_FEED}, station LINK_ID: speed (SPD) and road_traffic (IDX) of each road link around the hot
 *       spot, placed at the middle of the link, at ROAD_TRAFFIC_TIME.
 * </ul>
 * The hot spot itself is placed at the mean of its road links' end points (the service gives no point for it).
 * Times are Korea Standard Time. The service writes some nodes as an object in one answer and as a one-element list
 * in another (LIVE_PPLTN_STTS, AVG_ROAD_DATA, WEATHER_STTS, FCST_PPLTN): both are read.
 */
final class CitydataResponse {

  static final String SERVICE = "citydata";
  static final String AREA_FEED = "citydata";
  static final String ROAD_FEED = "road-speed";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Map<String, Double> CONGESTION = Map.of("여유", 1.0, "보통", 2.0, "약간 붐빔", 3.0, "붐빔", 4.0);
  private static final Map<String, Double> ROAD_TRAFFIC = Map.of("원활", 1.0, "서행", 2.0, "정체", 3.0);

  private CitydataResponse() {}

  /** The observations by feed; a failure for an error envelope or an answer that is not citydata. */
  static Map<String, List<Observation>> read(String body) throws SeoulOpenApi.Failure {
    JsonNode root = SeoulOpenApiPoller.json(body, SERVICE);
    SeoulOpenApiPoller.checkResult(root.path("RESULT"), SERVICE);
    JsonNode city = one(root.get("CITYDATA"), "CITYDATA");
    String area = SeoulOpenApiPoller.text(city, "AREA_NM");
    if (area == null) {
      throw new SeoulOpenApi.Failure("GARBAGE", "citydata answered without CITYDATA.AREA_NM");
    }

    JsonNode roads = one(city.get("ROAD_TRAFFIC_STTS"), "ROAD_TRAFFIC_STTS");
    OffsetDateTime roadTime = time(SeoulOpenApiPoller.text(one(roads == null ? null : roads.get("AVG_ROAD_DATA"), "AVG_ROAD_DATA"), "ROAD_TRAFFIC_TIME"));
    List<Observation> links = new ArrayList<>();
    double lonSum = 0;
    double latSum = 0;
    int points = 0;
    for (JsonNode link : all(roads == null ? null : roads.get("ROAD_TRAFFIC_STTS"))) {
      double[] start = point(SeoulOpenApiPoller.text(link, "START_ND_XY"));
      double[] end = point(SeoulOpenApiPoller.text(link, "END_ND_XY"));
      for (double[] p : new double[][] {start, end}) {
        if (p != null) {
          lonSum += p[0];
          latSum += p[1];
          points++;
        }
      }
      String id = SeoulOpenApiPoller.text(link, "LINK_ID");
      Double speed = SeoulOpenApiPoller.number(link, "SPD");
      if (id == null || roadTime == null || speed == null) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      putLabel(labels, "road_traffic", SeoulOpenApiPoller.text(link, "IDX"));
      Double lat = start != null && end != null ? (start[1] + end[1]) / 2 : null;
      Double lon = start != null && end != null ? (start[0] + end[0]) / 2 : null;
      links.add(new Observation(id, roadTime, lat, lon, Map.of("speed", speed), labels));
    }
    Double areaLat = points == 0 ? null : latSum / points;
    Double areaLon = points == 0 ? null : lonSum / points;

    Map<OffsetDateTime, Readings> byTime = new LinkedHashMap<>();
    JsonNode people = one(city.get("LIVE_PPLTN_STTS"), "LIVE_PPLTN_STTS");
    OffsetDateTime peopleTime = time(SeoulOpenApiPoller.text(people, "PPLTN_TIME"));
    if (peopleTime != null) {
      Readings r = byTime.computeIfAbsent(peopleTime, t -> new Readings());
      String level = SeoulOpenApiPoller.text(people, "AREA_CONGEST_LVL");
      r.label("congestion", level);
      r.value("congestion_level", level == null ? null : CONGESTION.get(level));
      r.value("population_min", SeoulOpenApiPoller.number(people, "AREA_PPLTN_MIN"));
      r.value("population_max", SeoulOpenApiPoller.number(people, "AREA_PPLTN_MAX"));
      JsonNode forecast = one(people.get("FCST_PPLTN"), "FCST_PPLTN");
      if (forecast != null) {
        String next = SeoulOpenApiPoller.text(forecast, "FCST_CONGEST_LVL");
        r.label("forecast_congestion", next);
        r.value("forecast_congestion_level", next == null ? null : CONGESTION.get(next));
        r.value("forecast_population_min", SeoulOpenApiPoller.number(forecast, "FCST_PPLTN_MIN"));
        r.value("forecast_population_max", SeoulOpenApiPoller.number(forecast, "FCST_PPLTN_MAX"));
      }
    }
    JsonNode average = one(roads == null ? null : roads.get("AVG_ROAD_DATA"), "AVG_ROAD_DATA");
    if (roadTime != null) {
      Readings r = byTime.computeIfAbsent(roadTime, t -> new Readings());
      String index = SeoulOpenApiPoller.text(average, "ROAD_TRAFFIC_IDX");
      r.label("road_traffic", index);
      r.value("road_traffic_level", index == null ? null : ROAD_TRAFFIC.get(index));
      r.value("road_speed", SeoulOpenApiPoller.number(average, "ROAD_TRAFFIC_SPD"));
    }
    JsonNode weather = one(city.get("WEATHER_STTS"), "WEATHER_STTS");
    OffsetDateTime weatherTime = time(SeoulOpenApiPoller.text(weather, "WEATHER_TIME"));
    if (weatherTime != null) {
      Readings r = byTime.computeIfAbsent(weatherTime, t -> new Readings());
      r.value("temperature", SeoulOpenApiPoller.number(weather, "TEMP"));
      r.value("humidity", SeoulOpenApiPoller.number(weather, "HUMIDITY"));
      r.value("pm10", SeoulOpenApiPoller.number(weather, "PM10"));
      r.value("pm25", SeoulOpenApiPoller.number(weather, "PM25"));
      r.label("grade", SeoulOpenApiPoller.text(weather, "AIR_IDX"));
    }
    List<Observation> areas = new ArrayList<>();
    byTime.forEach((t, r) -> {
      if (!r.values.isEmpty() || !r.labels.isEmpty()) {
        areas.add(new Observation(area, t, areaLat, areaLon, r.values, r.labels));
      }
    });
    Map<String, List<Observation>> out = new LinkedHashMap<>();
    out.put(AREA_FEED, areas);
    out.put(ROAD_FEED, links);
    return out;
  }

  private static final class Readings {
    final Map<String, Double> values = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();

    void value(String measure, Double v) {
      if (v != null) {
        values.put(measure, v);
      }
    }

    void label(String measure, String v) {
      putLabel(labels, measure, v);
    }
  }

  private static void putLabel(Map<String, String> labels, String measure, String v) {
    if (v != null && !v.isBlank()) {
      labels.put(measure, v.strip());
    }
  }

  /**
   * The one record of a node written either as an object or as a list of one (the first when there are more); a node
   * that wraps a member of its own name ({"X": {"X": [...]}}) is unwrapped. Null when absent or empty.
   */
  static JsonNode one(JsonNode node, String name) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      return node.isEmpty() ? null : one(node.get(0), name);
    }
    if (node.isObject() && node.size() == 1 && node.has(name)) {
      return one(node.get(name), name);
    }
    return node.isObject() ? node : null;
  }

  /** Every record of a node written either as a list or, when there is one, as a bare object. */
  static List<JsonNode> all(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(n -> {
        if (n.isObject()) {
          out.add(n);
        }
      });
    } else if (node.isObject()) {
      out.add(node);
    }
    return out;
  }

  private static OffsetDateTime time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text, TIME).atOffset(RealtimeCityAirPoller.KST);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** "126.9798999832241719_37.5701535606807582" (longitude_latitude) as {lon, lat}. */
  private static double[] point(String xy) {
    if (xy == null) {
      return null;
    }
    int at = xy.indexOf('_');
    if (at < 0) {
      return null;
    }
    try {
      double lon = Double.parseDouble(xy.substring(0, at));
      double lat = Double.parseDouble(xy.substring(at + 1));
      return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 ? new double[] {lon, lat} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
