package org.madang.catalog.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * CKAN's {@code datastore_search} reads a dataset's rows with the resource id CKAN clients find in {@code package_show}
 * (the dataset name): filters, full text, sort, paging and field choice work as in CKAN, answers and errors come in
 * CKAN's envelope, and the access rules hold (restricted rows are "not found", registered rows need a user).
 */
@DemoCityTest
class CkanDatastoreSearchTest {

  static final String REGISTERED = "ckan-registered-rows";

  @LocalServerPort int port;
  ApiClient anonymous;
  ApiClient admin;

  @BeforeEach
  void clients() {
    anonymous = ApiClient.anonymous(port);
    admin = ApiClient.admin(port);
  }

  @Test
  void answersWithCkansResultShape() {
    HttpResponse<String> response = anonymous.get("/api/3/action/datastore_search?resource_id=bike-stations");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = ApiClient.json(response);
    assertThat(body.path("success").asBoolean()).isTrue();
    assertThat(body.path("help").asString()).endsWith("/api/3/action/help_show?name=datastore_search");
    JsonNode result = body.path("result");
    assertThat(result.path("resource_id").asString()).isEqualTo("bike-stations");
    assertThat(result.path("limit").asInt()).isEqualTo(100);
    assertThat(result.path("records")).hasSize(100);
    assertThat(result.path("total").asLong()).isGreaterThan(2000);
    assertThat(result.path("fields").get(0).path("id").asString()).isEqualTo("_id");
    assertThat(result.path("fields").get(0).path("type").asString()).isEqualTo("int");
    assertThat(result.path("fields").findValuesAsString("label")).contains("자치구", "위도", "경도");
    assertThat(result.path("_links").path("start").asString()).isEqualTo("/api/3/action/datastore_search?resource_id=bike-stations");
    assertThat(result.path("_links").path("next").asString()).contains("offset=100");
  }

  @Test
  void filtersRowsByColumnValues() {
    String district = column("bike-stations", "자치구");
    long all = total("resource_id=bike-stations");
    JsonNode jongno = search("resource_id=bike-stations&limit=1000&filters=" + encode("{\"" + district + "\":\"종로구\"}"));
    assertThat(jongno.path("total").asLong()).isPositive().isLessThan(all);
    assertThat(jongno.path("records").findValuesAsString(district)).isNotEmpty().containsOnly("종로구");

    long junggu = total("resource_id=bike-stations&filters=" + encode("{\"" + district + "\":\"중구\"}"));
    JsonNode both = search("resource_id=bike-stations&limit=1000&filters=" + encode("{\"" + district + "\":[\"종로구\",\"중구\"]}"));
    assertThat(both.path("total").asLong()).isEqualTo(jongno.path("total").asLong() + junggu);
    assertThat(both.path("records").findValuesAsString(district)).containsOnly("종로구", "중구");
  }

  @Test
  void searchesTheTextOfRowsWithQ() {
    JsonNode found = search("resource_id=bike-stations&q=" + encode("경복궁"));
    assertThat(found.path("total").asLong()).isPositive().isLessThan(50);
    assertThat(found.path("records")).allSatisfy(r -> assertThat(r.toString()).contains("경복궁"));
  }

  @Test
  void sortsAndPagesWithLimitAndOffset() {
    List<Long> descending = ids(search("resource_id=bike-stations&limit=3&sort=" + encode("_id desc")));
    assertThat(descending).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    List<Long> firstSix = ids(search("resource_id=bike-stations&limit=6"));
    List<Long> secondThree = ids(search("resource_id=bike-stations&limit=3&offset=3"));
    assertThat(secondThree).containsExactlyElementsOf(firstSix.subList(3, 6));
    assertThat(firstSix).isSorted();
    assertThat(descending.get(0)).isGreaterThan(firstSix.get(5));

    String district = column("bike-stations", "자치구");
    List<String> districts = search("resource_id=bike-stations&limit=50&sort=" + encode(district + " asc, _id desc"))
        .path("records").findValuesAsString(district);
    assertThat(districts).isSorted();
  }

  @Test
  void returnsOnlyTheFieldsAskedFor() {
    String name = column("bike-stations", "보관소(대여소)명");
    JsonNode result = search("resource_id=bike-stations&limit=5&fields=" + encode("_id," + name));
    assertThat(result.path("fields").findValuesAsString("id")).containsExactly("_id", name);
    assertThat(result.path("records")).hasSize(5).allSatisfy(r -> assertThat(r.propertyNames()).containsExactly("_id", name));

    JsonNode asList = search("resource_id=bike-stations&limit=2&records_format=lists&fields=" + encode("[\"_id\",\"" + name + "\"]"));
    assertThat(asList.path("records").get(0).isArray()).isTrue();
    assertThat(asList.path("records").get(0)).hasSize(2);
  }

  @Test
  void leavesTheTotalOutWhenNotAsked() {
    JsonNode result = search("resource_id=bike-stations&limit=1&include_total=false");
    assertThat(result.has("total")).isFalse();
    assertThat(result.path("include_total").asBoolean()).isFalse();
  }

  @Test
  void acceptsTheParametersAsAPostedJsonObject() {
    String district = column("bike-stations", "자치구");
    HttpResponse<String> response = anonymous.postJson("/api/3/action/datastore_search",
        "{\"resource_id\":\"bike-stations\",\"filters\":{\"" + district + "\":\"종로구\"},\"limit\":5,\"fields\":[\"_id\",\"" + district + "\"]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = ApiClient.json(response).path("result");
    assertThat(result.path("records")).hasSize(5);
    assertThat(result.path("total").asLong()).isEqualTo(total("resource_id=bike-stations&filters=" + encode("{\"" + district + "\":\"종로구\"}")));
  }

  @Test
  void refusesBadParametersWithCkansValidationError() {
    JsonNode missing = error(anonymous.get("/api/3/action/datastore_search"), 409, "Validation Error");
    assertThat(missing.has("resource_id")).isTrue();
    error(anonymous.get("/api/3/action/datastore_search?resource_id=bike-stations&filters=" + encode("{\"no_such_column\":1}")), 409, "Validation Error");
    error(anonymous.get("/api/3/action/datastore_search?resource_id=bike-stations&limit=-1"), 409, "Validation Error");
    error(anonymous.get("/api/3/action/datastore_search?resource_id=bike-stations&filters=" + encode("not json")), 409, "Validation Error");
    error(anonymous.get("/api/3/action/datastore_search?resource_id=no-such-resource"), 404, "Not Found Error");
  }

  @Test
  void restrictedRowsAreNotFoundForOthersAndReadableForAnAdmin() {
    String path = "/api/3/action/datastore_search?resource_id=" + CkanClientReadsTheCatalogTest.RESTRICTED + "&limit=3";
    error(anonymous.get(path), 404, "Not Found Error");
    HttpResponse<String> asAdmin = admin.get(path);
    assertThat(asAdmin.statusCode()).as(asAdmin.body()).isEqualTo(200);
    assertThat(ApiClient.json(asAdmin).path("result").path("records")).hasSize(3);
  }

  @Test
  void registeredRowsNeedASignedInUser() {
    createRegisteredDataset();
    String path = "/api/3/action/datastore_search?resource_id=" + REGISTERED;
    JsonNode denied = error(anonymous.get(path), 403, "Authorization Error");
    assertThat(denied.path("message").asString()).contains("Sign in");
    HttpResponse<String> signedIn = admin.get(path);
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
    assertThat(ApiClient.json(signedIn).path("result").path("total").asLong()).isEqualTo(2);
    // its metadata is public: anyone finds the package
    assertThat(anonymous.get("/api/3/action/package_show?id=" + REGISTERED).statusCode()).isEqualTo(200);
  }

  private void createRegisteredDataset() {
    if (admin.get("/api/datasets/" + REGISTERED).statusCode() == 200) {
      return;
    }
    String boundary = "----ckan" + UUID.randomUUID();
    StringBuilder form = new StringBuilder();
    for (String[] field : new String[][] {{"name", REGISTERED}, {"title", "CKAN 회원 전용 점검"}, {"organization", "safety"}, {"access", "registered"}}) {
      form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field[0]).append("\"\r\n\r\n")
          .append(field[1]).append("\r\n");
    }
    form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"check.csv\"\r\n")
        .append("Content-Type: text/csv\r\n\r\n이름,값\n가,1\n나,2\n\r\n--").append(boundary).append("--\r\n");
    HttpResponse<String> created = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/datasets"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private JsonNode search(String query) {
    HttpResponse<String> response = anonymous.get("/api/3/action/datastore_search?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = ApiClient.json(response);
    assertThat(body.path("success").asBoolean()).isTrue();
    return body.path("result");
  }

  private long total(String query) {
    return search(query + "&limit=0").path("total").asLong();
  }

  /** The name of the column the source file headed {@code label}. */
  private String column(String dataset, String label) {
    for (JsonNode f : search("resource_id=" + dataset + "&limit=0").path("fields")) {
      if (label.equals(f.path("info").path("label").asString())) {
        return f.path("id").asString();
      }
    }
    throw new AssertionError("no column labelled " + label);
  }

  private static List<Long> ids(JsonNode result) {
    List<Long> ids = new ArrayList<>();
    result.path("records").forEach(r -> ids.add(r.path("_id").asLong()));
    return ids;
  }

  /** Asserts CKAN's error envelope and returns its {@code error} member. */
  static JsonNode error(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = ApiClient.json(response);
    assertThat(body.path("success").asBoolean(true)).isFalse();
    assertThat(body.path("help").asString()).contains("/api/3/action/help_show?name=");
    assertThat(body.path("error").path("__type").asString()).isEqualTo(type);
    assertThat(body.path("error").path("message").asString()).isNotBlank();
    return body.path("error");
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
