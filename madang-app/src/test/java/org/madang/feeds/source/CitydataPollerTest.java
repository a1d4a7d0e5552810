package org.madang.feeds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.madang.feeds.source.SeoulOpenApiReplay.fixture;
import static org.madang.feeds.source.SeoulOpenApiReplay.ok;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.madang.feeds.Observation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** citydata against a local server replaying the recorded answer for 광화문·덕수궁, and a variant of it. */
class CitydataPollerTest {

  static final String AREA = "광화문·덕수궁";
  static final String PATH = "/test-key/json/citydata/1/5/" + AREA + "/";
  static final OffsetDateTime PEOPLE_TIME = OffsetDateTime.parse("2026-08-26T05:30+09:00");
  static final OffsetDateTime ROAD_TIME = OffsetDateTime.parse("2026-08-26T05:55+09:00");

  private final SeoulOpenApiReplay replay = new SeoulOpenApiReplay();
  private final RecordingIntake intake = new RecordingIntake();

  CitydataPollerTest() throws Exception {}

  @AfterEach
  void close() {
    replay.close();
  }

  @Test
  void theRecordedAnswerGivesCongestionPopulationForecastAndRoadsOfTheHotSpot() {
    replay.on(PATH, fixture("citydata_POI009_gwanghwamun_excerpt.json"));
    poller().poll();

    List<Observation> area = intake.observations(CitydataResponse.AREA_FEED);
    assertThat(area).hasSize(2).allSatisfy(o -> assertThat(o.station()).isEqualTo(AREA));
    Observation people = area.get(0);
    assertThat(people.observedAt()).isEqualTo(PEOPLE_TIME);
    assertThat(people.labels()).isEqualTo(Map.of("congestion", "여유", "forecast_congestion", "여유"));
    assertThat(people.values()).isEqualTo(Map.of("congestion_level", 1.0, "population_min", 4000.0, "population_max", 4500.0,
        "forecast_congestion_level", 1.0, "forecast_population_min", 5000.0, "forecast_population_max", 5500.0));
    Observation road = area.get(1);
    assertThat(road.observedAt()).isEqualTo(ROAD_TIME);
    assertThat(road.labels()).isEqualTo(Map.of("road_traffic", "서행"));
    assertThat(road.values()).isEqualTo(Map.of("road_traffic_level", 2.0, "road_speed", 24.0));
    // placed among its road links, by 광화문
    assertThat(people.lat()).isCloseTo(37.5702, within(0.001));
    assertThat(people.lon()).isCloseTo(126.977, within(0.005));

    List<Observation> links = intake.observations(CitydataResponse.ROAD_FEED);
    assertThat(links).extracting(Observation::station).containsExactly("1000000301", "1000000401", "1000000703", "1000000802", "1000000803");
    assertThat(links.get(3).values()).isEqualTo(Map.of("speed", 49.3));
    assertThat(links.get(3).labels()).isEqualTo(Map.of("road_traffic", "원활"));
    assertThat(links.get(0).observedAt()).isEqualTo(ROAD_TIME);
    assertThat(links.get(0).lat()).isCloseTo((37.5701535606807582 + 37.5701494116837509) / 2, within(1e-9));
    assertThat(links.get(0).lon()).isCloseTo((126.9798999832241719 + 126.9793805233784241) / 2, within(1e-9));
    assertThat(intake.batches()).allSatisfy(b -> assertThat(b.source()).isEqualTo("poller:citydata"));
  }

  @Test
  void nodesWrittenAsAnObjectInsteadOfAListOrTheOtherWayRoundReadTheSame() {
    // constructed from the recording: LIVE_PPLTN_STTS as a bare object, AVG_ROAD_DATA and FCST_PPLTN as lists of one,
    // road links as a single object, and a WEATHER_STTS list of one (values made up)
    ObjectNode root = (ObjectNode) JsonMapper.builder().build().readTree(SeoulOpenApiReplay.resource("citydata_POI009_gwanghwamun_excerpt.json"));
    ObjectNode city = (ObjectNode) root.get("CITYDATA");
    ObjectNode people = (ObjectNode) city.get("LIVE_PPLTN_STTS").get(0);
    people.set("FCST_PPLTN", people.arrayNode().add(people.get("FCST_PPLTN").get(0)));
    city.set("LIVE_PPLTN_STTS", people);
    ObjectNode roads = (ObjectNode) city.get("ROAD_TRAFFIC_STTS");
    roads.set("AVG_ROAD_DATA", roads.arrayNode().add(roads.get("AVG_ROAD_DATA")));
    roads.set("ROAD_TRAFFIC_STTS", roads.get("ROAD_TRAFFIC_STTS").get(3));
    ArrayNode weather = city.putArray("WEATHER_STTS");
    weather.addObject().put("WEATHER_TIME", "2026-08-26 06:00").put("TEMP", "24.3").put("HUMIDITY", "81")
        .put("PM10", "21").put("PM25", "12").put("AIR_IDX", "좋음");
    replay.on(PATH, ok(root.toString()));
    poller().poll();

    List<Observation> area = intake.observations(CitydataResponse.AREA_FEED);
    assertThat(area).hasSize(3);
    assertThat(area.get(0).values()).containsEntry("population_max", 4500.0).containsEntry("forecast_population_min", 5000.0);
    assertThat(area.get(0).labels()).containsEntry("congestion", "여유");
    assertThat(area.get(1).values()).isEqualTo(Map.of("road_traffic_level", 2.0, "road_speed", 24.0));
    assertThat(area.get(2).observedAt()).isEqualTo(OffsetDateTime.parse("2026-08-26T06:00+09:00"));
    assertThat(area.get(2).values()).isEqualTo(Map.of("temperature", 24.3, "humidity", 81.0, "pm10", 21.0, "pm25", 12.0));
    assertThat(area.get(2).labels()).isEqualTo(Map.of("grade", "좋음"));
    assertThat(intake.observations(CitydataResponse.ROAD_FEED)).singleElement()
        .satisfies(link -> assertThat(link.values()).isEqualTo(Map.of("speed", 49.3)));
  }

  @Test
  void everyConfiguredHotSpotIsAskedForAndOneFailingDoesNotStopTheOthers() {
    replay.on(PATH, fixture("citydata_POI009_gwanghwamun_excerpt.json"));
    replay.on("/test-key/json/citydata/1/5/강남역/", fixture("error_ERROR-500_CONSTRUCTED.json"));
    CitydataPoller poller = new CitydataPoller(new SeoulOpenApi(replay.baseUrl(), "test-key", Duration.ofSeconds(5)), intake,
        Clock.systemUTC(), List.of("강남역", AREA));
    poller.poll();

    assertThat(replay.asked()).containsExactly("/test-key/json/citydata/1/5/강남역/", PATH);
    assertThat(poller.failureCount()).isEqualTo(1);
    assertThat(poller.lastFailure()).startsWith("ERROR-500");
    assertThat(intake.observations(CitydataResponse.AREA_FEED)).hasSize(2);
  }

  private CitydataPoller poller() {
    return new CitydataPoller(new SeoulOpenApi(replay.baseUrl(), "test-key", Duration.ofSeconds(5)), intake, Clock.systemUTC(), List.of(AREA));
  }
}
