package org.madang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Uploads through the REST API: a good file becomes a version; every kind of bad file gets a 4xx problem+json naming
 * where it went wrong, and the dataset keeps its previous version exactly.
 */
@DemoCityTest
class DatasetUploadApiTest {

  private static final String GOOD = "대여소 번호,대여소명,자치구,위도,경도\n301,경복궁역 7번출구 앞,종로구,37.57579422,126.9714508\n302,시청역,중구,37.5657,126.9770\n";

  @LocalServerPort int port;
  ApiClient admin;

  @BeforeEach
  void createDataset() {
    admin = ApiClient.admin(port);
    if (admin.get("/api/datasets/upload-check").statusCode() == 404) {
      HttpResponse<String> created = admin.send(Multipart.form().field("name", "upload-check").field("title", "업로드 점검")
          .field("organization", "transportation").file("stations.csv", GOOD.getBytes(StandardCharsets.UTF_8)).post(admin.base() + "/api/datasets"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }

  @Test
  void goodFileBecomesTheCurrentVersionWithKoreanLabelsAndDistricts() {
    JsonNode d = ApiClient.json(admin.get("/api/datasets/upload-check"));
    assertThat(d.path("version").path("columns").findValuesAsString("label")).contains("대여소 번호", "위도", "경도");
    JsonNode rows = ApiClient.json(admin.get("/api/datasets/upload-check/rows"));
    assertThat(rows.path("rows").findValuesAsString("district_code")).containsExactly("11110", "11140");
  }

  @Test
  void rejectsRaggedRowsNamingTheLineAndKeepsThePreviousVersion() {
    assertRejected(upload("ragged.csv", (GOOD + "303,광화문역,종로구,37.571\n").getBytes(StandardCharsets.UTF_8)), 400, "line");
  }

  @Test
  void rejectsAFileClaimingUtf8ThatIsReallyCp949() {
    byte[] cp949 = GOOD.getBytes(Charset.forName("MS949"));
    assertRejected(admin.send(Multipart.form().field("encoding", "UTF-8").file("cp949.csv", cp949)
        .post(admin.base() + "/api/datasets/upload-check/versions")), 400, "line");
  }

  @Test
  void rejectsEmptyAndHeaderOnlyFiles() {
    assertRejected(upload("empty.csv", new byte[0]), 400, null);
    assertRejected(upload("header.csv", "대여소 번호,대여소명,자치구,위도,경도\n".getBytes(StandardCharsets.UTF_8)), 400, null);
  }

  @Test
  void rejectsACsvWithFiveThousandColumns() {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 5000; c++) {
        sb.append(c == 0 ? "" : ",").append(r == 0 ? "c" + c : String.valueOf(c));
      }
      sb.append('\n');
    }
    assertRejected(upload("wide.csv", sb.toString().getBytes(StandardCharsets.UTF_8)), 400, null);
  }

  @Test
  void rejectsMalformedGeoJsonNamingLineAndColumn() {
    String broken = "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\",\"properties\":{\"a\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[126.97,37.57]}},\n{\"type\":\"Feature\",";
    JsonNode problem = assertRejected(upload("broken.geojson", broken.getBytes(StandardCharsets.UTF_8)), 400, "line");
    assertThat(problem.has("column")).isTrue();
  }

  @Test
  void rejectsCoordinatesOutsideTheCityAndSwappedLatLon() {
    String busan = "대여소 번호,대여소명,자치구,위도,경도\n1,부산역,동구,35.1152,129.0422\n";
    assertRejected(upload("busan.csv", busan.getBytes(StandardCharsets.UTF_8)), 422, "line");
    String swapped = "대여소 번호,대여소명,자치구,위도,경도\n301,경복궁역,종로구,126.9714508,37.57579422\n302,시청역,중구,126.9770,37.5657\n";
    JsonNode problem = assertRejected(upload("swapped.csv", swapped.getBytes(StandardCharsets.UTF_8)), 422, null);
    assertThat(problem.path("detail").asString().toLowerCase()).contains("swap");
  }

  @Test
  void rejectsAnXlsxThatIsAZipBomb() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertRejected(upload("bomb.xlsx", bytes.toByteArray()), 400, null);
  }

  @Test
  void rejectsAnUploadPastTheSizeLimitWith413() {
    byte[] big = new byte[9 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    assertRejected(upload("big.csv", big), 413, null);
  }

  @Test
  void rejectsAnUnknownFormat() {
    assertRejected(upload("drawing.dwg", new byte[] {1, 2, 3, 4, 5}), 415, null);
  }

  @Test
  void rejectsANameThatCollidesOrCarriesPathCharacters() {
    HttpResponse<String> collision = admin.send(Multipart.form().field("name", "bike-stations").field("title", "x").field("organization", "transportation")
        .file("s.csv", GOOD.getBytes(StandardCharsets.UTF_8)).post(admin.base() + "/api/datasets"));
    assertThat(collision.statusCode()).isEqualTo(409);
    assertThat(ApiClient.json(collision).path("field").asString()).isEqualTo("name");
    HttpResponse<String> path = admin.send(Multipart.form().field("name", "../../etc/passwd").field("title", "x").field("organization", "transportation")
        .file("s.csv", GOOD.getBytes(StandardCharsets.UTF_8)).post(admin.base() + "/api/datasets"));
    assertThat(path.statusCode()).isEqualTo(400);
    assertThat(path.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(ApiClient.json(path).path("field").asString()).isEqualTo("name");
    assertThat(admin.get("/api/datasets/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
  }

  @Test
  void anonymousUploadsAreRefused() {
    HttpResponse<String> r = ApiClient.anonymous(port).send(Multipart.form().file("s.csv", GOOD.getBytes(StandardCharsets.UTF_8))
        .post(admin.base() + "/api/datasets/upload-check/versions"));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> upload(String fileName, byte[] content) {
    return admin.send(Multipart.form().file(fileName, content).post(admin.base() + "/api/datasets/upload-check/versions"));
  }

  /** Asserts a problem+json with the status (and the detail member when given) and that version 1 is still current. */
  private JsonNode assertRejected(HttpResponse<String> response, int status, String member) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode problem = ApiClient.json(response);
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (member != null) {
      assertThat(problem.has(member)).as("problem names the %s: %s", member, response.body()).isTrue();
    }
    JsonNode d = ApiClient.json(admin.get("/api/datasets/upload-check"));
    assertThat(d.path("current_version").asInt()).isEqualTo(1);
    assertThat(ApiClient.json(admin.get("/api/datasets/upload-check/rows")).path("total").asInt()).isEqualTo(2);
    assertThat(ApiClient.json(admin.get("/api/datasets/upload-check/versions")).size()).isEqualTo(1);
    return problem;
  }
}
