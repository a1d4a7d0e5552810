package org.madang.office;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.madang.MadangProperties;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.MadangException;
import org.madang.engine.observation.LatestReading;
import org.madang.engine.observation.ObservationStore;
import org.madang.feeds.ObservationsReceived;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The city's state now, as the dashboard shows it: air by station and district with Korean grades, crowding at hot
 * spots, road speeds. Built from the feeds' latest readings and kept until one of those feeds receives observations,
 * so any number of screens costs one read of the store per change. Thread-safe.
 */
@Component
class CityStatus {

  /** Seoul's real-time city data levels (AREA_CONGEST_LVL), least to most crowded. */
  static final List<String> CROWDING_LEVELS = List.of("여유", "보통", "약간 붐빔", "붐빔");

  private final ObservationStore store;
  private final DistrictIndex districts;
  private final MadangProperties.Office settings;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong generation = new AtomicLong();
  private final Object building = new Object();
  private volatile Snapshot snapshot;

  private record Snapshot(long generation, Map<String, Object> body) {}

  CityStatus(DataEngine engine, DistrictIndex districts, MadangProperties properties) {
    this.store = engine.observations();
    this.districts = districts;
    this.settings = properties.office();
  }

  @EventListener
  void on(ObservationsReceived received) {
    if (List.of(settings.airFeed(), settings.crowdingFeed(), settings.trafficFeed()).contains(received.feed())) {
      generation.incrementAndGet();
    }
  }

  /** The status as JSON: {@code air}, {@code crowding}, {@code traffic}, {@code generated_at}. */
  Map<String, Object> current() {
    Snapshot s = snapshot;
    if (s != null && s.generation() == generation.get()) {
      return s.body();
    }
    synchronized (building) {
      long now = generation.get();
      s = snapshot;
      if (s == null || s.generation() != now) {
        // observations arriving while this builds bump the generation, so the next caller builds again
        s = new Snapshot(now, build());
        snapshot = s;
      }
      return s.body();
    }
  }

  /** One district's line of the air status, or an empty map when nothing is known of it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> airOf(String districtCode) {
    Map<String, Object> air = (Map<String, Object>) current().get("air");
    for (Map<String, Object> d : (List<Map<String, Object>>) air.get("districts")) {
      if (districtCode.equals(d.get("code"))) {
        return d;
      }
    }
    return Map.of();
  }

  private Map<String, Object> build() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generated_at", clock.instant().toString());
    body.put("air", air());
    body.put("crowding", crowding());
    body.put("traffic", traffic());
    return Map.copyOf(body);
  }

  private Map<String, Object> air() {
    Map<String, Map<String, Object>> stations = stations(settings.airFeed());
    List<Map<String, Object>> stationRows = new ArrayList<>();
    Map<String, double[]> sums = new TreeMap<>(); // district → pm10 sum, count, pm25 sum, count
    Map<String, String> latestAt = new TreeMap<>();
    for (Map<String, Object> s : stations.values()) {
      Double pm10 = number(s, "pm10");
      Double pm25 = number(s, "pm25");
      if (pm10 == null && pm25 == null) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("station", s.get("station"));
      row.put("district_code", s.get("district_code"));
      row.put("observed_at", s.get("observed_at"));
      row.put("pm10", pm10);
      row.put("pm25", pm25);
      stationRows.add(row);
      String code = (String) s.get("district_code");
      if (code == null) {
        continue;
      }
      double[] sum = sums.computeIfAbsent(code, c -> new double[4]);
      if (pm10 != null) {
        sum[0] += pm10;
        sum[1]++;
      }
      if (pm25 != null) {
        sum[2] += pm25;
        sum[3]++;
      }
      latestAt.merge(code, (String) s.get("observed_at"), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }
    List<Map<String, Object>> districtRows = new ArrayList<>();
    for (District d : districts.listDistricts()) {
      double[] sum = sums.get(d.code());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("code", d.code());
      row.put("name", d.name());
      row.put("name_en", d.nameEn());
      Double pm10 = sum == null || sum[1] == 0 ? null : sum[0] / sum[1];
      Double pm25 = sum == null || sum[3] == 0 ? null : sum[2] / sum[3];
      row.put("pm10", pm10);
      row.put("pm25", pm25);
      AirGrade grade = AirGrade.of(pm10, pm25);
      row.put("grade", grade == null ? null : grade.level());
      row.put("grade_name", grade == null ? null : grade.nameKo());
      row.put("grade_name_en", grade == null ? null : grade.nameEn());
      row.put("observed_at", latestAt.get(d.code()));
      districtRows.add(row);
    }
    Map<String, Object> air = new LinkedHashMap<>();
    air.put("feed", settings.airFeed());
    air.put("scale", AirGrade.scaleJson());
    air.put("stations", stationRows);
    air.put("districts", districtRows);
    return air;
  }

  private Map<String, Object> crowding() {
    List<Map<String, Object>> places = new ArrayList<>();
    for (Map<String, Object> s : stations(settings.crowdingFeed()).values()) {
      Object level = labels(s).get("congestion");
      if (!(level instanceof String l)) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("station", s.get("station"));
      row.put("lat", s.get("lat"));
      row.put("lon", s.get("lon"));
      row.put("district_code", s.get("district_code"));
      row.put("observed_at", s.get("observed_at"));
      row.put("level", l);
      row.put("rank", CROWDING_LEVELS.indexOf(l.strip()) + 1);
      row.put("population_min", number(s, "population_min"));
      row.put("population_max", number(s, "population_max"));
      places.add(row);
    }
    Map<String, Object> crowding = new LinkedHashMap<>();
    crowding.put("feed", settings.crowdingFeed());
    crowding.put("levels", CROWDING_LEVELS);
    crowding.put("places", places);
    return crowding;
  }

  private Map<String, Object> traffic() {
    List<Map<String, Object>> links = new ArrayList<>();
    double sum = 0;
    for (Map<String, Object> s : stations(settings.trafficFeed()).values()) {
      Double speed = number(s, "speed");
      if (speed == null) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("station", s.get("station"));
      row.put("lat", s.get("lat"));
      row.put("lon", s.get("lon"));
      row.put("district_code", s.get("district_code"));
      row.put("observed_at", s.get("observed_at"));
      row.put("speed", speed);
      links.add(row);
      sum += speed;
    }
    Map<String, Object> traffic = new LinkedHashMap<>();
    traffic.put("feed", settings.trafficFeed());
    traffic.put("links", links);
    traffic.put("mean_speed", links.isEmpty() ? null : sum / links.size());
    return traffic;
  }

  /** The latest readings of a feed grouped by station; empty when the feed does not exist (yet). */
  private Map<String, Map<String, Object>> stations(String feed) {
    List<LatestReading> readings;
    try {
      readings = store.listLatest(feed);
    } catch (MadangException unknownFeed) {
      return Map.of();
    }
    Map<String, Map<String, Object>> byStation = new TreeMap<>();
    for (LatestReading r : readings) {
      Map<String, Object> s = byStation.computeIfAbsent(r.station(), id -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", id);
        m.put("observed_at", r.observedAt().toString());
        m.put("lat", r.lat());
        m.put("lon", r.lon());
        m.put("district_code", r.districtCode());
        m.put("values", new TreeMap<String, Double>());
        m.put("labels", new TreeMap<String, String>());
        return m;
      });
      if (Instant.parse((String) s.get("observed_at")).isBefore(r.observedAt())) {
        s.put("observed_at", r.observedAt().toString());
      }
      if (r.value() != null) {
        values(s).put(r.measure(), r.value());
      } else {
        labels(s).put(r.measure(), r.label());
      }
    }
    return byStation;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> values(Map<String, Object> station) {
    return (Map<String, Double>) station.get("values");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Map<String, Object> station) {
    return (Map<String, String>) station.get("labels");
  }

  private static Double number(Map<String, Object> station, String measure) {
    return values(station).get(measure);
  }
}
