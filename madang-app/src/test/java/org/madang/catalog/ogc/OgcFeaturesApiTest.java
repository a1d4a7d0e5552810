package org.madang.catalog.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * OGC API - Features over HTTP as a client of Part 1 sees it: landing page, conformance, OpenAPI definition,
 * collections of the spatial datasets one may see, pages of GeoJSON features with bbox and property filters, single
 * features, and OGC exception JSON for what it refuses.
 */
@DemoCityTest
class OgcFeaturesApiTest {

  static final String RESTRICTED = "senior-nursing-homes-2024";
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  @LocalServerPort int port;
  ApiClient anonymous;

  @BeforeEach
  void client() {
    anonymous = ApiClient.anonymous(port);
  }

  @Test
  void landingPageLinksTheDefinitionConformanceAndCollections() {
    JsonNode landing = ok("/ogc", "application/json");
    assertThat(landing.path("title").asString()).isNotBlank();
    assertThat(href(landing, "service-desc")).isEqualTo(anonymous.base() + "/ogc/api");
    assertThat(link(landing, "service-desc").path("type").asString()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
    assertThat(href(landing, "conformance")).isEqualTo(anonymous.base() + "/ogc/conformance");
    assertThat(href(landing, "data")).isEqualTo(anonymous.base() + "/ogc/collections");
    assertThat(href(ok("/ogc/", "application/json"), "self")).isEqualTo(anonymous.base() + "/ogc");
  }

  @Test
  void declaresCoreGeoJsonAndOpenApiConformance() {
    assertThat(ok("/ogc/conformance", "application/json").path("conformsTo").valueStream().map(JsonNode::asString).toList()).contains(
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
  }

  @Test
  void servesAnOpenApiDefinitionOfItsPaths() {
    JsonNode api = ok("/ogc/api", "application/vnd.oai.openapi+json");
    assertThat(api.path("openapi").asString()).startsWith("3.0");
    assertThat(api.path("paths").propertyNames()).contains("/", "/conformance", "/collections", "/collections/{collectionId}",
        "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}");
    assertThat(api.path("components").path("parameters").path("limit").path("schema").path("maximum").asInt()).isEqualTo(10000);
    assertThat(api.path("servers").get(0).path("url").asString()).isEqualTo(anonymous.base() + "/ogc");
    // each collection's own items path names its properties as query parameters, where GDAL looks for server-side filters
    String district = columnLabelled("bike-stations", "자치구");
    assertThat(api.path("paths").path("/collections/bike-stations/items").path("get").path("parameters").findValuesAsString("name"))
        .contains(district);
    assertThat(api.path("paths").propertyNames()).doesNotContain("/collections/" + RESTRICTED + "/items");
  }

  @Test
  void collectionsAreTheSpatialDatasetsOneMaySee() {
    JsonNode collections = ok("/ogc/collections", "application/json").path("collections");
    Set<String> ids = new HashSet<>(collections.findValuesAsString("id"));
    Set<String> spatial = new HashSet<>();
    for (JsonNode d : ApiClient.json(anonymous.get("/api/datasets?limit=1000")).path("datasets")) {
      if (!d.path("spatial").isNull() && !d.path("spatial").isMissingNode()) {
        spatial.add(d.path("name").asString());
      }
    }
    assertThat(ids).isEqualTo(spatial).contains("bike-stations", "bus-stops", "seoul-districts").doesNotContain(RESTRICTED);

    JsonNode bikes = ok("/ogc/collections/bike-stations", "application/json");
    assertThat(bikes.path("id").asString()).isEqualTo("bike-stations");
    assertThat(bikes.path("title").asString()).isEqualTo("서울시 공공자전거(따릉이) 대여소 정보");
    assertThat(bikes.path("itemType").asString()).isEqualTo("feature");
    assertThat(bikes.path("crs").get(0).asString()).isEqualTo(CRS84);
    assertThat(bikes.path("extent").path("spatial").path("crs").asString()).isEqualTo(CRS84);
    JsonNode bbox = bikes.path("extent").path("spatial").path("bbox").get(0);
    assertThat(bbox.get(0).asDouble()).isBetween(126.7, 127.2);
    assertThat(bbox.get(1).asDouble()).isBetween(37.4, 37.7);
    assertThat(bbox.get(2).asDouble()).isBetween(bbox.get(0).asDouble(), 127.3);
    assertThat(bbox.get(3).asDouble()).isBetween(bbox.get(1).asDouble(), 37.8);
    assertThat(href(bikes, "items")).isEqualTo(anonymous.base() + "/ogc/collections/bike-stations/items");
    assertThat(link(bikes, "items").path("type").asString()).isEqualTo("application/geo+json");
  }

  @Test
  void itemsComeAsAPageOfGeoJsonPointsWithCounts() {
    JsonNode page = ok("/ogc/collections/bike-stations/items", "application/geo+json");
    long rows = datastoreTotal("bike-stations");
    assertThat(page.path("type").asString()).isEqualTo("FeatureCollection");
    assertThat(page.path("numberMatched").asLong()).isEqualTo(rows).isGreaterThan(2000);
    assertThat(page.path("numberReturned").asInt()).isEqualTo(10);
    assertThat(page.path("features")).hasSize(10);
    assertThat(page.path("timeStamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    JsonNode first = page.path("features").get(0);
    assertThat(first.path("id").isIntegralNumber()).isTrue();
    assertThat(first.path("geometry").path("type").asString()).isEqualTo("Point");
    assertThat(first.path("geometry").path("coordinates").get(0).asDouble()).isBetween(126.7, 127.3);
    assertThat(first.path("geometry").path("coordinates").get(1).asDouble()).isBetween(37.4, 37.8);
    assertThat(first.path("properties").propertyNames()).contains(columnLabelled("bike-stations", "자치구")).doesNotContain("_id");
    assertThat(href(page, "next")).contains("offset=10").contains("limit=10");

    JsonNode second = ApiClient.json(anonymous.get(href(page, "next").substring(anonymous.base().length())));
    assertThat(ids(second)).hasSize(10).doesNotContainAnyElementsOf(ids(page));
    assertThat(href(second, "prev")).doesNotContain("offset=");
  }

  @Test
  void polygonsComeFromTheWktColumn() {
    JsonNode page = ok("/ogc/collections/seoul-districts/items?limit=100", "application/geo+json");
    assertThat(page.path("numberMatched").asInt()).isEqualTo(25);
    assertThat(page.path("features")).hasSize(25).allSatisfy(f ->
        assertThat(f.path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon"));
    assertThat(href(page, "next")).isNull();
  }

  @Test
  void bboxKeepsOnlyFeaturesInside() {
    double[] box = {126.97, 37.57, 126.99, 37.58};
    JsonNode page = ok("/ogc/collections/bike-stations/items?limit=1000&bbox=126.97,37.57,126.99,37.58", "application/geo+json");
    assertThat(page.path("numberMatched").asLong()).isPositive().isLessThan(datastoreTotal("bike-stations"));
    assertThat(page.path("features")).allSatisfy(f -> {
      double lon = f.path("geometry").path("coordinates").get(0).asDouble();
      double lat = f.path("geometry").path("coordinates").get(1).asDouble();
      assertThat(lon).isBetween(box[0], box[2]);
      assertThat(lat).isBetween(box[1], box[3]);
    });
  }

  @Test
  void propertiesFilterByEquality() {
    String district = columnLabelled("bike-stations", "자치구");
    JsonNode page = ok("/ogc/collections/bike-stations/items?limit=1000&" + district + "=" + encode("종로구"), "application/geo+json");
    assertThat(page.path("numberMatched").asLong()).isPositive().isLessThan(datastoreTotal("bike-stations"));
    assertThat(page.path("features").findValuesAsString(district)).containsOnly("종로구");
    assertThat(href(page, "self")).contains(district + "=" + encode("종로구").replace("+", "%20"));

    JsonNode queryables = ok("/ogc/collections/bike-stations/queryables", "application/schema+json");
    assertThat(queryables.path("properties").path(district).path("type").asString()).isEqualTo("string");
  }

  @Test
  void oneFeatureByItsId() {
    long id = ok("/ogc/collections/bike-stations/items?limit=1", "application/geo+json").path("features").get(0).path("id").asLong();
    JsonNode feature = ok("/ogc/collections/bike-stations/items/" + id, "application/geo+json");
    assertThat(feature.path("type").asString()).isEqualTo("Feature");
    assertThat(feature.path("id").asLong()).isEqualTo(id);
    assertThat(feature.path("geometry").path("type").asString()).isEqualTo("Point");
    assertThat(href(feature, "collection")).isEqualTo(anonymous.base() + "/ogc/collections/bike-stations");
  }

  @Test
  void plainJsonWhenTheClientAsksForIt() {
    HttpResponse<String> response = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.base() + "/ogc/collections/bike-stations/items?limit=1"))
        .header("Accept", "application/json"));
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(anonymous.get("/ogc/collections/bike-stations/items?limit=1&f=json").headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/geo+json");
  }

  @Test
  void refusesBadParametersWith400() {
    for (String query : List.of("bbox=1,2,3", "bbox=a,b,c,d", "bbox=127,37,126,38", "limit=0", "limit=10001", "limit=ten", "offset=-1",
        "colour=red", "bbox-crs=EPSG:4326", "f=html")) {
      exception("/ogc/collections/bike-stations/items?" + query, 400, "InvalidParameterValue");
    }
  }

  @Test
  void unknownAndRestrictedCollectionsAndFeaturesAre404() {
    exception("/ogc/collections/no-such-collection", 404, "NotFound");
    exception("/ogc/collections/no-such-collection/items", 404, "NotFound");
    exception("/ogc/collections/" + RESTRICTED + "/items", 404, "NotFound");
    exception("/ogc/collections/bike-stations/items/999999999", 404, "NotFound");
    exception("/ogc/collections/bike-stations/items/not-a-number", 404, "NotFound");
  }

  @Test
  void theAdminSeesTheRestrictedCollectionWhenItIsSpatial() {
    ApiClient admin = ApiClient.admin(port);
    JsonNode restricted = ApiClient.json(admin.get("/api/datasets/" + RESTRICTED));
    boolean spatial = !restricted.path("spatial").isNull() && !restricted.path("spatial").isMissingNode();
    HttpResponse<String> collection = admin.get("/ogc/collections/" + RESTRICTED);
    assertThat(collection.statusCode()).isEqualTo(spatial ? 200 : 404);
    assertThat(ApiClient.json(admin.get("/ogc/collections")).path("collections").findValuesAsString("id").contains(RESTRICTED))
        .isEqualTo(spatial);
  }

  private JsonNode ok(String path, String contentType) {
    HttpResponse<String> response = anonymous.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
    return ApiClient.json(response);
  }

  private void exception(String path, int status, String code) {
    HttpResponse<String> response = anonymous.get(path);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
    JsonNode body = ApiClient.json(response);
    assertThat(body.path("code").asString()).as(path).isEqualTo(code);
    assertThat(body.path("description").asString()).as(path).isNotBlank();
  }

  private long datastoreTotal(String dataset) {
    return ApiClient.json(anonymous.get("/api/3/action/datastore_search?limit=0&resource_id=" + dataset)).path("result").path("total").asLong();
  }

  /** The name of the column the source file headed {@code label}. */
  private String columnLabelled(String dataset, String label) {
    for (JsonNode f : ApiClient.json(anonymous.get("/api/3/action/datastore_search?limit=0&resource_id=" + dataset)).path("result").path("fields")) {
      if (label.equals(f.path("info").path("label").asString())) {
        return f.path("id").asString();
      }
    }
    throw new AssertionError("no column labelled " + label);
  }

  private static JsonNode link(JsonNode document, String rel) {
    for (JsonNode l : document.path("links")) {
      if (rel.equals(l.path("rel").asString())) {
        return l;
      }
    }
    return null;
  }

  private static String href(JsonNode document, String rel) {
    JsonNode l = link(document, rel);
    return l == null ? null : l.path("href").asString();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.path("features").forEach(f -> ids.add(f.path("id").asLong()));
    return ids;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
