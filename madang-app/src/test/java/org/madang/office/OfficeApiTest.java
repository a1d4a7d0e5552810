package org.madang.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's data over real HTTP on the demo city: the summary grades the replayed air of all 25 districts on
 * Korea's scale, lists the demo's major projects marked as demo content and located in districts, and carries the
 * catalog's changes as news; a district's drill-down for the citizens' view never names restricted data, whoever
 * asks; the office asks for sign-in, the citizens' view does not.
 */
@DemoCityTest
class OfficeApiTest {

  @LocalServerPort int port;

  private JsonNode get(String path) {
    HttpResponse<String> response = ApiClient.anonymous(port).get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ApiClient.json(response);
  }

  @Test
  void summaryGradesTheAirOfEveryDistrictOnKoreasScale() {
    JsonNode air = get("/api/office/summary").get("air");

    assertThat(air.get("feed").asString()).isEqualTo("air");
    assertThat(air.get("districts")).hasSize(25);
    int graded = 0;
    for (JsonNode d : air.get("districts")) {
      if (d.get("pm10").isNull() && d.get("pm25").isNull()) {
        assertThat(d.get("grade").isNull()).isTrue();
        continue;
      }
      graded++;
      Double pm10 = d.get("pm10").isNull() ? null : d.get("pm10").asDouble();
      Double pm25 = d.get("pm25").isNull() ? null : d.get("pm25").asDouble();
      AirGrade expected = AirGrade.of(pm10, pm25);
      assertThat(d.get("grade").asInt()).as(d.get("name").asString()).isEqualTo(expected.level());
      assertThat(d.get("grade_name").asString()).isEqualTo(expected.nameKo());
    }
    // the demo replays every district's air from its first emission on
    assertThat(graded).isEqualTo(25);
    assertThat(air.get("scale").get("pm10").toString()).isEqualTo("[30,80,150]");
    assertThat(air.get("scale").get("pm25").toString()).isEqualTo("[15,35,75]");
  }

  @Test
  void projectsAreTheDemoListMarkedAsDemoAndLocatedInDistricts() {
    JsonNode projects = get("/api/office/projects").get("projects");

    assertThat(projects.size()).isGreaterThanOrEqualTo(10);
    List<String> names = new ArrayList<>();
    for (JsonNode p : projects) {
      names.add(p.get("name").asString());
      assertThat(p.get("demo").asBoolean()).isTrue();
      assertThat(p.get("name_en").asString()).isNotBlank();
      assertThat(p.get("district_code").asString()).matches("11\\d{3}");
      assertThat(p.get("progress").asDouble()).isBetween(0.0, 1.0);
      assertThat(p.get("milestones").size()).isPositive();
    }
    assertThat(names).contains("광화문광장 재구조화", "영동대로 지하공간 복합개발");
    JsonNode gwanghwamun = projects.get(0);
    assertThat(gwanghwamun.get("district_code").asString()).isEqualTo("11110");
  }

  @Test
  void districtDrillDownGivesAirProjectsAndLocatedDatasetsWithRowsInTheDistrict() {
    JsonNode jongno = get("/api/office/districts/11110?audience=public");

    assertThat(jongno.get("name").asString()).isEqualTo("종로구");
    assertThat(jongno.get("air").get("grade").asInt()).isBetween(1, 4);
    assertThat(jongno.get("projects")).extracting(p -> p.get("id").asString()).contains("gwanghwamun-square");
    JsonNode bikes = null;
    for (JsonNode d : jongno.get("datasets")) {
      if (d.get("name").asString().equals("bike-stations")) {
        bikes = d;
      }
    }
    assertThat(bikes).isNotNull();
    long inJongno = bikes.get("rows_in_district").asLong();
    JsonNode counted = get("/api/3/action/datastore_search?resource_id=bike-stations&limit=1&filters="
        + URLEncoder.encode("{\"district_code\":\"11110\"}", StandardCharsets.UTF_8));
    assertThat(inJongno).isPositive().isEqualTo(counted.get("result").get("total").asLong());
  }

  @Test
  void theCitizensDrillDownNeverNamesRestrictedDataEvenToAnAdmin() {
    HttpResponse<String> asOffice = ApiClient.admin(port).get("/api/office/districts/11110");
    HttpResponse<String> asPublic = ApiClient.admin(port).get("/api/office/districts/11110?audience=public");

    assertThat(asOffice.body()).contains("senior-nursing-homes-2024");
    assertThat(asPublic.statusCode()).isEqualTo(200);
    assertThat(asPublic.body()).doesNotContain("senior-nursing-homes-2024");
  }

  @Test
  void anUnknownDistrictIsNotFoundAsProblemJson() {
    HttpResponse<String> response = ApiClient.anonymous(port).get("/api/office/districts/99999");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(response).get("field").asString()).isEqualTo("code");
  }

  @Test
  void theOfficeAsksForSignInWhileThePublicViewIsForEveryone() {
    HttpResponse<String> office = page("/office");
    HttpResponse<String> citizens = page("/public");

    assertThat(office.statusCode()).isEqualTo(302);
    assertThat(office.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(citizens.statusCode()).isEqualTo(200);
    assertThat(citizens.body()).contains("id=\"office\"").contains("data-audience=\"public\"");
  }

  private HttpResponse<String> page(String path) {
    return ApiClient.anonymous(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html").GET());
  }

  @Test
  void newsCarriesTheCatalogsOwnChanges() {
    JsonNode news = get("/api/office/summary").get("news");

    assertThat(news.size()).isPositive();
    assertThat(news.get(0).get("source").asString()).contains("데이터 카탈로그");
    assertThat(news.get(0).get("link").asString()).startsWith("/datasets/");
  }
}
