package org.madang.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.DataEngine;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bus routes designed over stops, links and trips given as datasets: one LineString per route through its stops with
 * the design's metrics, designs compared in one result, and tables or parameters that cannot make a design refused
 * naming the parameter.
 */
class TransitRunTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static final Map<String, String> TABLES = new HashMap<>();

  /** Stops 1-2-3-4-5 along a line east of City Hall, 6 off stop 3; a seventh stop 7 that no link reaches. */
  static final String STOPS = """
      stop,name,lat,lon
      1,시청,37.5663,126.9779
      2,을지로,37.5660,126.9900
      3,동대문,37.5660,127.0020
      4,신설동,37.5700,127.0140
      5,청량리,37.5800,127.0250
      6,성신여대,37.5920,127.0030
      """;

  static final String LINKS = """
      a,b,min,km
      1,2,4,1.2
      2,3,4,1.1
      3,4,4,1.2
      4,5,5,1.4
      3,6,6,2.9
      """;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    publish("stops", SeoulFixtures.write(dir, "stops.csv", STOPS));
    publish("isolated-stops", SeoulFixtures.write(dir, "isolated.csv", STOPS + "7,먼곳,37.6500,127.0600\n"));
    publish("links", SeoulFixtures.write(dir, "links.csv", LINKS));
    publish("links-to-nowhere", SeoulFixtures.write(dir, "nowhere.csv", LINKS + "5,9,3,1\n"));
    StringBuilder trips = new StringBuilder("o,d,n\n");
    for (int i = 1; i <= 6; i++) {
      for (int j = 1; j <= 6; j++) {
        trips.append(i).append(',').append(j).append(',').append(i == j ? 7 : 10).append('\n');
      }
    }
    publish("trips", SeoulFixtures.write(dir, "trips.csv", trips.toString()));
  }

  static void publish(String dataset, Path file) {
    TABLES.put(dataset, SeoulFixtures.publish(engine, IngestRequest.of(dataset, 1, file)));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static String parameters(String stops, String links, String more) {
    return "{\"nodes\": {\"dataset\": \"" + stops + "\", \"id\": \"stop\", \"label\": \"name\"},"
        + " \"links\": {\"dataset\": \"" + links + "\", \"from\": \"a\", \"to\": \"b\", \"minutes\": \"min\", \"km\": \"km\"},"
        + " \"demand\": {\"dataset\": \"trips\", \"from\": \"o\", \"to\": \"d\", \"trips\": \"n\"}" + (more.isEmpty() ? "" : ", " + more) + "}";
  }

  static AnalysisRequest request(String json) {
    return AnalysisRequest.parse(AnalysisKind.TRANSIT, JsonMapper.shared().readTree(json));
  }

  static MadangException refused(String json) {
    return catchThrowableOfType(MadangException.class, () -> engine.analyses().check(request(json), TABLES));
  }

  @Test
  void designsAreLineStringsThroughTheStopsWithTheirDesignsMetricsAndLineage() {
    AnalysisRequest request = request(parameters("stops", "links", "\"routes\": [2, 3], \"max_stops\": 5, \"seed\": 3, \"time_limit_s\": 5"));
    assertThat(request.datasets()).extracting(DatasetReference::dataset).containsExactly("stops", "links", "trips");
    AnalysisResult result = engine.analyses().run(request, TABLES, AnalysisProgress.NONE, () -> false);

    List<Map<String, Object>> rows = result.rows();
    assertThat(rows).extracting(r -> r.get("routes")).containsExactly(2, 2, 3, 3, 3);
    assertThat(rows).extracting(r -> r.get("bus_route")).containsExactly(1, 2, 1, 2, 3);
    assertThat(rows).allSatisfy(r -> {
      assertThat((String) r.get("geometry")).startsWith("LINESTRING (");
      // the routes reach every stop of a connected network, so every trip is carried
      assertThat((double) r.get("dun")).isZero();
      assertThat((double) r.get("d0") + (double) r.get("d1") + (double) r.get("d2")).isCloseTo(100, within(1e-9));
      assertThat((double) r.get("att")).isPositive();
    });
    // two routes over a tree of links reach all six stops only by running along every link
    double km = rows.stream().limit(2).mapToDouble(r -> (double) r.get("km")).sum();
    assertThat(km).isGreaterThanOrEqualTo(1.2 + 1.1 + 1.2 + 1.4 + 2.9 - 1e-9);
    assertThat(rows.stream().limit(2).map(r -> (String) r.get("stop_names"))).anySatisfy(names -> assertThat(names).contains("성신여대"));
    double direct = rows.stream().limit(2).mapToDouble(r -> (double) r.get("direct_trips")).sum();
    assertThat(direct).isGreaterThan(0).isLessThanOrEqualTo(2 * 300);
    // the trips from a stop to itself ride no bus
    assertThat(result.summary()).containsEntry("trips", 300.0).containsEntry("trips_within_stops", 42.0).containsEntry("stops", 6).containsEntry("links", 5);
    assertThat((List<?>) result.summary().get("designs")).hasSize(2);

    StagedVersion v = result.stage("night-routes", 1);
    try {
      assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.GEOMETRIES);
      assertThat(v.rowCount()).isEqualTo(5);
    } finally {
      v.discard();
    }
    assertThat(result.lineage().inputs()).extracting(AnalysisLineage.Input::dataset).containsExactly("stops", "links", "trips");
  }

  @Test
  void badParametersAndTablesAreRefusedNamingTheField() {
    assertThat(field(parameters("stops", "links", "\"routes\": 0"))).isEqualTo("routes");
    assertThat(field(parameters("stops", "links", "\"routes\": []"))).isEqualTo("routes");
    assertThat(field(parameters("stops", "links", "\"routes\": [3, 3]"))).isEqualTo("routes");
    assertThat(field(parameters("stops", "links", ""))).isEqualTo("routes");
    assertThat(field(parameters("stops", "links", "\"routes\": 2, \"min_stops\": 1"))).isEqualTo("min_stops");
    assertThat(field(parameters("stops", "links", "\"routes\": 2, \"min_stops\": 4, \"max_stops\": 3"))).isEqualTo("max_stops");
    assertThat(field(parameters("stops", "links", "\"routes\": 2, \"time_limit_s\": 601"))).isEqualTo("time_limit_s");
    assertThat(field(parameters("stops", "links", "\"routes\": 2, \"time_limit_s\": 0"))).isEqualTo("time_limit_s");
    assertThat(field("{\"scenario\": \"gotham-night-bus\", \"routes\": 9}")).isEqualTo("scenario");
    assertThat(field("{\"scenario\": \"seoul-night-bus\", \"routes\": 9, \"links\": {\"dataset\": \"links\"}}")).isEqualTo("links");
    assertThat(field("{\"routes\": 9}")).isEqualTo("scenario");
    // stop limits the routes cannot meet, known once the stops are counted
    assertThat(refused(parameters("stops", "links", "\"routes\": 2, \"max_stops\": 3")).details()).containsEntry("field", "max_stops");
    assertThat(refused(parameters("stops", "links", "\"routes\": 2, \"max_stops\": 7")).details()).containsEntry("field", "max_stops");
    // tables that make no network
    assertThat(refused(parameters("isolated-stops", "links", "\"routes\": 2")).details()).containsEntry("field", "links.dataset");
    assertThat(refused(parameters("stops", "links-to-nowhere", "\"routes\": 2")).details()).containsEntry("field", "links.to");
    assertThat(refused(parameters("stops", "links", "\"routes\": 2").replace("\"minutes\": \"min\"", "\"minutes\": \"minutes\"")).details())
        .containsEntry("field", "links.minutes");
    // a scenario whose datasets are not loaded names the scenario
    assertThat(refused("{\"scenario\": \"seoul-night-bus\", \"routes\": 9}").details()).containsEntry("field", "scenario");
  }

  @Test
  void aCancelledDesignStopsWithoutAResult() {
    AtomicBoolean cancel = new AtomicBoolean();
    AnalysisRequest request = request(parameters("stops", "links", "\"routes\": 2, \"max_stops\": 6, \"time_limit_s\": 60"));
    assertThatThrownBy(() -> engine.analyses().run(request, TABLES, (phase, fraction) -> {
      if (phase.equals("designing")) {
        cancel.set(true);
      }
    }, cancel::get)).isInstanceOf(CancellationException.class);
  }

  private static String field(String json) {
    MadangException e = catchThrowableOfType(MadangException.class, () -> request(json));
    assertThat(e).as(json).isNotNull();
    return (String) e.details().get("field");
  }

  static JsonNode json(String text) {
    return JsonMapper.shared().readTree(text);
  }
}
