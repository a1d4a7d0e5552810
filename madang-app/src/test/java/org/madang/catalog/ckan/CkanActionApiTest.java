package org.madang.catalog.ckan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.madang.catalog.ckan.CkanDatastoreSearchTest.encode;
import static org.madang.catalog.ckan.CkanDatastoreSearchTest.error;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Action API as CKAN clients call it over plain HTTP: search with Solr filters, sorting and facets in CKAN's two
 * shapes, GET and POST alike, organizations, and errors in CKAN's envelope with CKAN's statuses. The restricted demo
 * dataset exists only for those who may see it, in counts and facets too.
 */
@DemoCityTest
class CkanActionApiTest {

  static final String RESTRICTED = CkanClientReadsTheCatalogTest.RESTRICTED;

  @LocalServerPort int port;
  ApiClient anonymous;
  ApiClient admin;

  @BeforeEach
  void clients() {
    anonymous = ApiClient.anonymous(port);
    admin = ApiClient.admin(port);
  }

  @Test
  void facetsComeInBothOfCkansShapes() {
    JsonNode result = result(anonymous, "package_search?rows=0&facet.field=" + encode("[\"organization\",\"tags\",\"res_format\",\"access\"]"));
    JsonNode organization = result.path("search_facets").path("organization");
    assertThat(organization.path("title").asString()).isNotBlank();
    JsonNode transport = item(organization.path("items"), "transportation");
    assertThat(transport.path("display_name").asString()).isEqualTo("도시교통실");
    assertThat(transport.path("count").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(result.path("facets").path("organization").path("transportation").asInt()).isEqualTo(transport.path("count").asInt());
    assertThat(item(result.path("search_facets").path("tags").path("items"), "자전거").path("count").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(result.path("facets").path("res_format").path("CSV").asInt()).isEqualTo(result.path("count").asInt());
    assertThat(result.path("facets").path("access").has("restricted")).isFalse();
    assertThat(result.path("results")).isEmpty();

    JsonNode asAdmin = result(admin, "package_search?rows=0&facet.field=" + encode("[\"access\"]"));
    assertThat(asAdmin.path("facets").path("access").path("restricted").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(asAdmin.path("count").asInt()).isGreaterThan(result.path("count").asInt());
  }

  @Test
  void filtersWithFqAsCkanClientsWriteIt() {
    List<String> located = names(result(anonymous, "package_search?rows=100&fq=" + encode("res_format:GeoJSON")));
    assertThat(located).contains("bike-stations", "bus-stops", "seoul-districts");
    for (String name : located) {
      JsonNode pkg = result(anonymous, "package_show?id=" + name);
      assertThat(pkg.path("resources").findValuesAsString("format")).contains("GeoJSON");
    }
    // the bus stops and the night-bus scenario's three tables (cells, links, demand) are the city transport office's bus data
    assertThat(names(result(anonymous, "package_search?rows=100&fq=" + encode("organization:transportation AND tags:버스"))))
        .containsExactlyInAnyOrder("bus-stops", "seoul-night-bus-cells", "seoul-night-bus-links", "seoul-night-bus-demand");
    assertThat(names(result(anonymous, "package_search?rows=100&fq=" + encode("organization:transportation AND tags:버스 AND -tags:synthetic"))))
        .containsExactlyInAnyOrder("bus-stops", "seoul-night-bus-cells");
    assertThat(names(result(anonymous, "package_search?q=" + encode("tags:bike organization:transportation"))))
        .containsExactly("bike-stations");
    assertThat(names(result(anonymous, "package_search?rows=100&fq=" + encode("access:restricted")))).isEmpty();
  }

  @Test
  void sortsByNameAndByModificationTime() {
    List<String> byName = names(result(anonymous, "package_search?rows=100&sort=" + encode("name asc")));
    assertThat(byName).isSorted().contains("air-quality-daily-2019", "seoul-districts");
    JsonNode newest = result(anonymous, "package_search?rows=100&sort=" + encode("metadata_modified desc"));
    List<String> modified = new ArrayList<>(newest.path("results").findValuesAsString("metadata_modified"));
    assertThat(modified).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(modified.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
    error(anonymous.get("/api/3/action/package_search?sort=" + encode("colour desc")), 409, "Validation Error");
  }

  @Test
  void pagesWithRowsAndStart() {
    JsonNode all = result(anonymous, "package_search?rows=1000&sort=" + encode("name asc"));
    JsonNode page = result(anonymous, "package_search?rows=3&start=2&sort=" + encode("name asc"));
    assertThat(page.path("count").asInt()).isEqualTo(all.path("count").asInt());
    assertThat(names(page)).containsExactlyElementsOf(names(all).subList(2, 5));
  }

  @Test
  void takesTheSameParametersAsAPostedJsonObject() {
    HttpResponse<String> response = anonymous.postJson("/api/3/action/package_search",
        "{\"q\":\"자전거\",\"fq\":\"organization:transportation\",\"rows\":5,\"facet.field\":[\"tags\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = ApiClient.json(response).path("result");
    // the night-bus cells count the bike stations in each cell, so they match 자전거 too, after the bike stations
    assertThat(names(result)).containsExactly("bike-stations", "seoul-night-bus-cells");
    assertThat(result.path("search_facets").path("tags").path("items").findValuesAsString("name")).contains("따릉이");
  }

  @Test
  void showsAPackageWithItsDatastoreResource() {
    JsonNode pkg = result(anonymous, "package_show?id=bike-stations");
    assertThat(pkg.path("id").asString()).isEqualTo("bike-stations");
    assertThat(pkg.path("notes").asString()).contains("따릉이");
    assertThat(pkg.path("metadata_modified").asString()).doesNotContain("+").doesNotEndWith("Z");
    JsonNode csv = pkg.path("resources").get(0);
    assertThat(csv.path("datastore_active").asBoolean()).isTrue();
    assertThat(pkg.path("resources").get(1).path("datastore_active").asBoolean()).isFalse();
    // the id a client finds here is the one datastore_search reads
    assertThat(result(anonymous, "datastore_search?limit=1&resource_id=" + csv.path("id").asString()).path("records")).hasSize(1);
  }

  @Test
  void theRestrictedDatasetIsInvisibleAnonymouslyAndVisibleToTheAdmin() {
    JsonNode notFound = error(anonymous.get("/api/3/action/package_show?id=" + RESTRICTED), 404, "Not Found Error");
    assertThat(notFound.path("message").asString()).isEqualTo("Not found");
    assertThat(resultList(anonymous, "package_list")).doesNotContain(RESTRICTED);
    assertThat(names(result(anonymous, "package_search?rows=1000&q=" + encode("요양")))).isEmpty();

    JsonNode pkg = result(admin, "package_show?id=" + RESTRICTED);
    assertThat(pkg.path("private").asBoolean()).isTrue();
    assertThat(pkg.path("organization").path("name").asString()).isEqualTo("welfare");
    assertThat(resultList(admin, "package_list")).contains(RESTRICTED);
    assertThat(names(result(admin, "package_search?q=" + encode("요양")))).containsExactly(RESTRICTED);
  }

  @Test
  void organizationsCountOnlyWhatTheViewerMaySee() {
    JsonNode welfare = result(anonymous, "organization_show?id=welfare&include_datasets=true");
    JsonNode welfareForAdmin = result(admin, "organization_show?id=welfare&include_datasets=true");
    assertThat(welfare.path("title").asString()).isEqualTo("복지정책실");
    assertThat(welfare.path("is_organization").asBoolean()).isTrue();
    assertThat(welfareForAdmin.path("package_count").asInt()).isEqualTo(welfare.path("package_count").asInt() + 1);
    assertThat(welfare.path("packages").findValuesAsString("name")).doesNotContain(RESTRICTED);
    assertThat(welfareForAdmin.path("packages").findValuesAsString("name")).contains(RESTRICTED);

    assertThat(resultList(anonymous, "organization_list")).contains("welfare", "transportation");
    JsonNode all = result(anonymous, "organization_list?all_fields=true");
    assertThat(item(all, "welfare").path("package_count").asInt()).isEqualTo(welfare.path("package_count").asInt());
    error(anonymous.get("/api/3/action/organization_show?id=no-such-organization"), 404, "Not Found Error");
  }

  @Test
  void reportsErrorsInCkansEnvelope() {
    error(anonymous.get("/api/3/action/package_delete?id=bike-stations"), 400, "Bad Request");
    error(anonymous.postJson("/api/3/action/package_search", "{not json"), 400, "Bad Request");
    JsonNode rows = error(anonymous.get("/api/3/action/package_search?rows=many"), 409, "Validation Error");
    assertThat(rows.path("rows").get(0).asString()).isEqualTo("Invalid integer");
    error(anonymous.get("/api/3/action/package_search?fq=" + encode("(tags:bike")), 409, "Validation Error");
    error(anonymous.get("/api/3/action/package_show"), 409, "Validation Error");
  }

  @Test
  void describesItselfLikeCkan() {
    assertThat(ApiClient.json(anonymous.get("/api/3")).path("version").asInt()).isEqualTo(3);
    assertThat(result(anonymous, "status_show").path("extensions").toString()).contains("datastore");
    String helpLink = ApiClient.json(anonymous.get("/api/3/action/package_search?rows=0")).path("help").asString();
    HttpResponse<String> help = anonymous.get(helpLink.substring(anonymous.base().length()));
    assertThat(ApiClient.json(help).path("result").asString()).contains("fq");
  }

  private static JsonNode result(ApiClient client, String actionAndQuery) {
    HttpResponse<String> response = client.get("/api/3/action/" + actionAndQuery);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = ApiClient.json(response);
    assertThat(body.path("success").asBoolean()).isTrue();
    return body.path("result");
  }

  private static List<String> resultList(ApiClient client, String actionAndQuery) {
    List<String> out = new ArrayList<>();
    result(client, actionAndQuery).forEach(n -> out.add(n.asString()));
    return out;
  }

  private static List<String> names(JsonNode searchResult) {
    List<String> out = new ArrayList<>();
    searchResult.path("results").forEach(p -> out.add(p.path("name").asString()));
    return out;
  }

  private static JsonNode item(JsonNode items, String name) {
    for (JsonNode item : items) {
      if (name.equals(item.path("name").asString())) {
        return item;
      }
    }
    throw new AssertionError("no item named " + name + " in " + items);
  }
}
