package org.madang.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The districts every map draws: GeoJSON of the 25 Seoul districts, cacheable by ETag. */
@DemoCityTest
class CityApiTest {

  @LocalServerPort int port;

  @Test
  void districtsAreGeoJsonWithAnETagAndARevalidationCostsNoBody() {
    ApiClient anyone = ApiClient.anonymous(port);
    HttpResponse<String> first = anyone.get("/api/districts");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
    JsonNode fc = ApiClient.json(first);
    assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
    assertThat(fc.path("features").size()).isEqualTo(25);
    assertThat(fc.path("features").findValuesAsString("name")).contains("종로구", "강남구");
    assertThat(fc.path("features").get(0).path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(anyone.get("/api/districts").body()).isEqualTo(first.body());

    HttpResponse<String> again = anyone.send(HttpRequest.newBuilder(URI.create(anyone.base() + "/api/districts")).header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> stale = anyone.send(HttpRequest.newBuilder(URI.create(anyone.base() + "/api/districts")).header("If-None-Match", "\"other\""));
    assertThat(stale.statusCode()).isEqualTo(200);
  }
}
