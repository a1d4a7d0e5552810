package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/analyses/kde} with {@code h3_resolution}: the density of the demo's bike stations on H3 hexagons
 * becomes a dataset of hexagon polygons, one per cell, with the cell's address and its density; the densities add up to
 * the stations counted; an impossible resolution is a problem naming the field.
 */
@DemoCityTest
class KernelDensityOnH3CellsApiTest {

  @LocalServerPort int port;
  @Autowired UserDirectory users;

  @BeforeEach
  void analyst() {
    if (users.findByUsername("analyst-kim").isEmpty()) {
      users.createUser("analyst-kim", "analyst-password", EnumSet.of(Role.ANALYST), null, "김분석");
    }
  }

  private ApiClient client() {
    return ApiClient.basic(port, "analyst-kim", "analyst-password");
  }

  @Test
  void densityOnH3CellsBecomesADatasetOfHexagonsWithTheirDensity() throws Exception {
    HttpResponse<String> submitted = client().postJson("/api/analyses/kde",
        "{\"input\": \"bike-stations\", \"h3_resolution\": 8, \"bandwidth_m\": 1000, \"output\": {\"dataset\": \"bike-density-h3\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    JsonNode job = await(id);
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("succeeded");
    JsonNode summary = job.path("summary");
    assertThat(summary.path("h3_resolution").asInt()).isEqualTo(8);
    assertThat(summary.path("bandwidth_m").doubleValue()).isEqualTo(1000.0);
    assertThat(summary.has("cell_m")).isFalse();
    int points = summary.path("points").asInt();
    assertThat(points).isGreaterThan(1000);
    // a kernel integrates to 1: the hexagons' densities × areas add up to the stations
    assertThat(summary.path("total_weight").doubleValue()).isCloseTo(points, within(points * 0.02));

    JsonNode dataset = ApiClient.json(client().get("/api/datasets/bike-density-h3"));
    assertThat(dataset.path("spatial").asString()).isEqualTo("geometries");
    JsonNode rows = ApiClient.json(client().get("/api/datasets/bike-density-h3/rows?limit=32000"));
    assertThat(rows.path("total").asInt()).isEqualTo(summary.path("cells").asInt()).isPositive();
    Set<String> addresses = new HashSet<>();
    int densest = 0;
    for (JsonNode row : rows.path("rows")) {
      String address = row.path("h3_address").asString();
      assertThat(addresses.add(address)).as("each cell once").isTrue();
      // the resolution sits in bits 52-55 of the index
      assertThat((Long.parseUnsignedLong(address, 16) >>> 52) & 0xF).isEqualTo(8L);
      assertThat(row.path("density_per_km2").doubleValue()).isPositive();
      densest += row.path("density_class").asInt() == 5 ? 1 : 0;
    }
    assertThat(densest).isPositive();

    HttpResponse<String> geojson = client().get("/api/datasets/bike-density-h3/download?format=geojson");
    assertThat(geojson.statusCode()).isEqualTo(200);
    JsonNode feature = ApiClient.json(geojson).path("features").get(0);
    assertThat(feature.path("geometry").path("type").asString()).isEqualTo("Polygon");
    // a hexagon: six corners and the first repeated
    assertThat(feature.path("geometry").path("coordinates").get(0).size()).isEqualTo(7);
  }

  @Test
  void aResolutionOutOfRangeOrWithACellSizeIsAProblemNamingTheField() {
    for (String body : new String[] {
        "{\"input\": \"bike-stations\", \"h3_resolution\": 16}",
        "{\"input\": \"bike-stations\", \"h3_resolution\": 9, \"cell_m\": 200}",
        "{\"input\": \"bike-stations\", \"h3_resolution\": \"nine\"}"}) {
      HttpResponse<String> r = client().postJson("/api/analyses/kde", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(ApiClient.json(r).path("field").asString()).as(r.body()).isEqualTo("h3_resolution");
    }
  }

  private JsonNode await(long id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonNode job;
    do {
      job = ApiClient.json(client().get("/api/analyses/" + id));
      if (job.path("status").asString().matches("succeeded|failed|cancelled")) {
        return job;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("analysis " + id + " is still " + job.path("status").asString());
  }
}
