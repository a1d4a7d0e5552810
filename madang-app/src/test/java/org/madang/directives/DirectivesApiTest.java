package org.madang.directives;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Directives over the real HTTP API of the running platform: the lifecycle from issue to done with history and
 * comments, the bad input the issue lists (a department that does not exist, an illegal transition, a citizen
 * issuing), overdue marking, the live stream of a department member, the e-mail a department receives (GreenMail as
 * the SMTP server), files, the organization directory, and the citizens' subset.
 */
@DemoCityTest
class DirectivesApiTest {

  static final String OFFICIAL = "dir-official";
  static final String MEMBER = "dir-member";
  static final String CITIZEN = "dir-citizen";
  static final String PASSWORD = "directives-password";

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(DemoCityTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
      .withPerMethodLifecycle(false);

  @LocalServerPort int port;
  @Autowired Directives directives;

  @BeforeAll
  static void users(@Autowired UserDirectory users, @Autowired CatalogRepository catalog, @Autowired OrganizationDirectory directory) {
    if (users.findByUsername(OFFICIAL).isEmpty()) {
      users.createUser(OFFICIAL, PASSWORD, EnumSet.of(Role.OFFICIAL), null, "지시공무원");
      users.createUser(MEMBER, PASSWORD, EnumSet.of(Role.STEWARD), catalog.findOrganization("climate-environment").orElseThrow().id(), "기후담당",
          "dir-member@seoul.example");
      users.createUser(CITIZEN, PASSWORD, EnumSet.of(Role.CITIZEN), null, "시민");
      directory.addMember(new Viewer("admin", EnumSet.of(Role.ADMIN), null), "climate-environment", MEMBER);
    }
  }

  ApiClient official() {
    return ApiClient.basic(port, OFFICIAL, PASSWORD);
  }

  ApiClient member() {
    return ApiClient.basic(port, MEMBER, PASSWORD);
  }

  long issue(String json) {
    HttpResponse<String> r = official().postJson("/api/directives", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ApiClient.json(r).path("id").asLong();
  }

  static String district(String title) {
    return """
        {"title": "%s", "body": "측정소 주변 살수차 운행", "department": "climate-environment", "priority": "high",
         "target": {"kind": "district", "ref": "11680"}}""".formatted(title);
  }

  @Test
  void aDirectiveGoesFromIssuedToDoneByTheDepartmentWithCommentsAndFullHistory() {
    long id = issue(district("강남구 미세먼지 대응"));
    JsonNode issued = ApiClient.json(official().get("/api/directives/" + id));
    assertThat(issued.path("status").asString()).isEqualTo("issued");
    assertThat(issued.path("district_code").asString()).isEqualTo("11680");
    assertThat(issued.path("lat").asDouble()).isBetween(37.4, 37.6);
    assertThat(issued.path("contact").path("phone").asString()).as("the department's contact comes from the directory").isEqualTo("02-120");
    assertThat(issued.path("contact").path("demo").asBoolean()).isTrue();

    for (String next : new String[] {"acknowledged", "in_progress"}) {
      HttpResponse<String> r = member().postJson("/api/directives/" + id + "/status", "{\"status\": \"" + next + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(member().postJson("/api/directives/" + id + "/comments", "{\"body\": \"살수차 2대 투입했습니다.\"}").statusCode()).isEqualTo(201);
    assertThat(official().postJson("/api/directives/" + id + "/comments", "{\"body\": \"결과 사진 부탁합니다.\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> done = member().postJson("/api/directives/" + id + "/status", "{\"status\": \"done\", \"report\": \"PM10 45로 내려감\"}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);

    JsonNode d = ApiClient.json(official().get("/api/directives/" + id));
    assertThat(d.path("status").asString()).isEqualTo("done");
    assertThat(d.path("report").asString()).isEqualTo("PM10 45로 내려감");
    assertThat(d.path("done_at").isNull()).isFalse();
    assertThat(d.path("comments").findValuesAsString("author")).containsExactly(MEMBER, OFFICIAL);
    JsonNode history = d.path("history");
    assertThat(history.findValuesAsString("kind")).containsExactly("issued", "status", "status", "comment", "comment", "status");
    assertThat(history.get(1).path("actor").asString()).isEqualTo(MEMBER);
    assertThat(history.get(1).path("from").asString()).isEqualTo("issued");
    assertThat(history.get(1).path("to").asString()).isEqualTo("acknowledged");
    assertThat(history.get(5).path("from").asString()).isEqualTo("in_progress");
    assertThat(history.get(5).path("to").asString()).isEqualTo("done");
    assertThat(history.get(0).path("actor").asString()).isEqualTo(OFFICIAL);
  }

  @Test
  void aDirectiveToADepartmentThatDoesNotExistIsRefusedNamingTheDepartment() {
    HttpResponse<String> r = official().postJson("/api/directives", """
        {"title": "없는 부서", "department": "ministry-of-magic", "target": {"kind": "district", "ref": "11680"}}""");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(ApiClient.json(r).path("field").asString()).isEqualTo("department");
    assertThat(ApiClient.json(official().get("/api/directives?status=all")).path("directives").findValuesAsString("title")).doesNotContain("없는 부서");
  }

  @Test
  void stepsOutOfOrderAreConflictsAndOnlyTheDepartmentMovesADirective() {
    long id = issue(district("순서 확인"));
    HttpResponse<String> skip = member().postJson("/api/directives/" + id + "/status", "{\"status\": \"done\", \"report\": \"끝\"}");
    assertThat(skip.statusCode()).isEqualTo(409);
    assertThat(skip.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(ApiClient.json(skip).path("field").asString()).isEqualTo("status");
    assertThat(official().postJson("/api/directives/" + id + "/status", "{\"status\": \"acknowledged\"}").statusCode())
        .as("the issuer is not the department").isEqualTo(403);
    assertThat(member().postJson("/api/directives/" + id + "/status", "{\"status\": \"acknowledged\"}").statusCode()).isEqualTo(200);
    assertThat(member().postJson("/api/directives/" + id + "/status", "{\"status\": \"acknowledged\"}").statusCode()).as("twice").isEqualTo(409);
    assertThat(member().postJson("/api/directives/" + id + "/status", "{\"status\": \"in_progress\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> noReport = member().postJson("/api/directives/" + id + "/status", "{\"status\": \"done\"}");
    assertThat(noReport.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(noReport).path("field").asString()).isEqualTo("report");
    assertThat(ApiClient.json(official().get("/api/directives/" + id)).path("status").asString()).isEqualTo("in_progress");
  }

  @Test
  void citizensCannotIssueOrSeeDirectivesAndBadPlacesAreRefused() {
    HttpResponse<String> citizen = ApiClient.basic(port, CITIZEN, PASSWORD).postJson("/api/directives", district("시민 지시"));
    assertThat(citizen.statusCode()).isEqualTo(403);
    assertThat(citizen.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(ApiClient.anonymous(port).postJson("/api/directives", district("익명 지시")).statusCode()).isEqualTo(401);
    long id = issue(district("시민에게 안 보임"));
    assertThat(ApiClient.basic(port, CITIZEN, PASSWORD).get("/api/directives/" + id).statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(ApiClient.basic(port, CITIZEN, PASSWORD).get("/api/directives")).path("directives")).isEmpty();

    HttpResponse<String> outside = official().postJson("/api/directives", """
        {"title": "부산", "department": "safety", "target": {"kind": "point"}, "geometry": {"type": "Point", "coordinates": [129.07, 35.18]}}""");
    assertThat(outside.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(outside).path("field").asString()).isEqualTo("geometry");
    HttpResponse<String> camera = official().postJson("/api/directives", """
        {"title": "카메라", "department": "safety", "target": {"kind": "camera", "ref": "cam-17"}}""");
    assertThat(camera.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(camera).path("field").asString()).isEqualTo("geometry");
    HttpResponse<String> late = official().postJson("/api/directives", """
        {"title": "늦음", "department": "safety", "due_at": "2001-01-01", "target": {"kind": "district", "ref": "11110"}}""");
    assertThat(ApiClient.json(late).path("field").asString()).isEqualTo("due_at");
    HttpResponse<String> noTitle = official().postJson("/api/directives", """
        {"department": "safety", "target": {"kind": "district", "ref": "11110"}}""");
    assertThat(ApiClient.json(noTitle).path("field").asString()).isEqualTo("title");
  }

  @Test
  void aCameraDirectiveKeepsTheCameraAsAnOpaqueReferenceAndItsPolygon() {
    long id = issue("""
        {"title": "광화문 CCTV 확인", "department": "safety", "target": {"kind": "camera", "ref": "cctv-0042"},
         "geometry": {"type": "Polygon", "coordinates": [[[126.975, 37.570], [126.978, 37.570], [126.978, 37.573], [126.975, 37.573], [126.975, 37.570]]]}}""");
    JsonNode d = ApiClient.json(official().get("/api/directives/" + id));
    assertThat(d.path("target").path("ref").asString()).isEqualTo("cctv-0042");
    assertThat(d.path("geometry").path("type").asString()).isEqualTo("Polygon");
    assertThat(d.path("district_code").asString()).isEqualTo("11110");

    long alert = issue("""
        {"title": "경보 대응", "department": "climate-environment", "target": {"kind": "alert", "ref": "17"}, "district": "11440"}""");
    JsonNode a = ApiClient.json(official().get("/api/directives/" + alert));
    assertThat(a.path("target").path("kind").asString()).isEqualTo("alert");
    assertThat(a.path("district_code").asString()).as("placed in the alert's district").isEqualTo("11440");
  }

  @Test
  void directivesPastTheirDueTimeBecomeOverdueUntilDone() {
    long id = issue("""
        {"title": "기한 확인", "department": "climate-environment", "due_at": "%s", "target": {"kind": "district", "ref": "11680"}}"""
        .formatted(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2)));
    assertThat(directives.markOverdue(OffsetDateTime.now(ZoneOffset.UTC))).as("not yet due").isZero();
    assertThat(directives.markOverdue(OffsetDateTime.now(ZoneOffset.UTC).plusHours(3))).isPositive();
    JsonNode d = ApiClient.json(official().get("/api/directives/" + id));
    assertThat(d.path("overdue").asBoolean()).isTrue();
    assertThat(d.path("history").findValuesAsString("kind")).contains("overdue");
    assertThat(ApiClient.json(official().get("/api/directives?status=overdue")).path("directives").findValuesAsString("title")).contains("기한 확인");
    JsonNode summary = ApiClient.json(official().get("/api/directives/summary"));
    assertThat(summary.path("departments").path("climate-environment").path("overdue").asInt()).isPositive();
    assertThat(directives.markOverdue(OffsetDateTime.now(ZoneOffset.UTC).plusHours(4))).as("marked once").isZero();

    member().postJson("/api/directives/" + id + "/status", "{\"status\": \"acknowledged\"}");
    member().postJson("/api/directives/" + id + "/status", "{\"status\": \"in_progress\"}");
    member().postJson("/api/directives/" + id + "/status", "{\"status\": \"done\", \"report\": \"늦게 끝냄\"}");
    assertThat(ApiClient.json(official().get("/api/directives/" + id)).path("overdue").asBoolean()).isFalse();
  }

  @Test
  void aDepartmentMemberSeesANewDirectiveOnTheLiveStream() throws InterruptedException {
    try (Stream<String> lines = stream(MEMBER)) {
      BlockingQueue<String> data = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        String event = null;
        Iterator<String> it = lines.iterator();
        while (it.hasNext()) {
          String line = it.next();
          if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:") && "issued".equals(event)) {
            data.add(line.substring(5).strip());
          }
        }
      });
      reader.setDaemon(true);
      reader.start();
      issue(district("실시간 알림 확인"));
      String first = data.poll(15, TimeUnit.SECONDS);
      assertThat(first).as("an issued event").isNotNull().contains("실시간 알림 확인").contains("climate-environment");
    }
  }

  @Test
  void theDepartmentIsEmailedTheDirectiveByTitle() throws Exception {
    issue(district("메일 확인 지시"));
    long until = System.currentTimeMillis() + 15_000;
    MimeMessage mail = null;
    while (mail == null && System.currentTimeMillis() < until) {
      mail = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains("메일 확인 지시")).findFirst().orElse(null);
      Thread.sleep(100);
    }
    assertThat(mail).as("the department's e-mail").isNotNull();
    assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString)).contains("climate-environment@seoul.example", "dir-member@seoul.example");
    assertThat(((String) mail.getContent())).contains("메일 확인 지시").contains("/directives#");
  }

  @Test
  void filesAreLimitedInSizeAndMustBeWhatTheyClaim() {
    long id = issue(district("사진 첨부"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
    HttpResponse<String> ok = upload(member(), id, "현장.png", "image/png", png);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    long attachment = ApiClient.json(ok).path("id").asLong();
    assertThat(member().getBytes("/api/directives/" + id + "/attachments/" + attachment).body()).isEqualTo(png);
    HttpResponse<String> fake = upload(member(), id, "evil.png", "image/png", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
    assertThat(fake.statusCode()).isEqualTo(415);
    assertThat(ApiClient.json(fake).path("field").asString()).isEqualTo("file");
    HttpResponse<String> html = upload(member(), id, "page.html", "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8));
    assertThat(html.statusCode()).isEqualTo(415);
    byte[] big = new byte[6 * 1024 * 1024];
    System.arraycopy(png, 0, big, 0, png.length);
    HttpResponse<String> tooBig = upload(member(), id, "big.png", "image/png", big);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(ApiClient.basic(port, CITIZEN, PASSWORD).getBytes("/api/directives/" + id + "/attachments/" + attachment).statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(official().get("/api/directives/" + id)).path("attachments")).hasSize(1);
  }

  @Test
  void adminsEditTheDirectoryAndCitizensCannotReadIt() {
    ApiClient admin = ApiClient.admin(port);
    HttpResponse<String> bad = admin.send(json("/api/directory/welfare", "PUT", """
        {"desk": "복지 상황실", "email": "not-an-address"}"""));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(bad).path("field").asString()).isEqualTo("email");
    HttpResponse<String> badLink = admin.send(json("/api/directory/welfare", "PUT", """
        {"video_url": "javascript:alert(1)"}"""));
    assertThat(ApiClient.json(badLink).path("field").asString()).isEqualTo("video_url");
    HttpResponse<String> ok = admin.send(json("/api/directory/urban-planning", "PUT", """
        {"desk": "도시계획 상황실", "desk_en": "Planning desk", "phone": "02-120", "email": "planning@seoul.example", "video_url": "https://meet.seoul.example/planning"}"""));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ApiClient.json(ok).path("contact").path("demo").asBoolean()).isFalse();
    assertThat(official().send(json("/api/directory/urban-planning", "PUT", "{\"desk\": \"x\"}")).statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(official().get("/api/directory/urban-planning")).path("contact").path("desk_en").asString()).isEqualTo("Planning desk");
    assertThat(ApiClient.basic(port, CITIZEN, PASSWORD).get("/api/directory").statusCode()).isEqualTo(403);
    assertThat(admin.send(json("/api/directory/urban-planning/members/nobody-here", "PUT", "{}")).statusCode()).isEqualTo(400);
  }

  @Test
  void citizensSeeOnlyDonePublicMattersWithoutPersonalData() {
    long shown = issue("""
        {"title": "공개 사안 완료", "body": "담당 김OO 010-0000-0000", "department": "climate-environment", "public": true,
         "target": {"kind": "district", "ref": "11680"}}""");
    long open = issue("""
        {"title": "공개 사안 진행 중", "department": "climate-environment", "public": true, "target": {"kind": "district", "ref": "11680"}}""");
    long internal = issue(district("내부 사안 완료"));
    for (long id : new long[] {shown, internal}) {
      member().postJson("/api/directives/" + id + "/status", "{\"status\": \"acknowledged\"}");
      member().postJson("/api/directives/" + id + "/status", "{\"status\": \"in_progress\"}");
      member().postJson("/api/directives/" + id + "/status", "{\"status\": \"done\", \"report\": \"담당자 연락처 포함 보고\"}");
    }
    HttpResponse<String> r = ApiClient.anonymous(port).get("/api/directives/public");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = ApiClient.json(r).path("directives");
    assertThat(list.findValuesAsString("title")).contains("공개 사안 완료").doesNotContain("공개 사안 진행 중", "내부 사안 완료");
    assertThat(r.body()).doesNotContain(OFFICIAL).doesNotContain(MEMBER).doesNotContain("010-0000-0000").doesNotContain("담당자 연락처")
        .doesNotContain("issued_by").doesNotContain("report");
    assertThat(open).isPositive();
  }

  private HttpResponse<String> upload(ApiClient client, long id, String name, String type, byte[] content) {
    String boundary = "----madang-test";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: " + type + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/directives/" + id + "/attachments"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder json(String path, String method, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
  }

  private Stream<String> stream(String user) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/directives/stream"))
        .header("Accept", "text/event-stream")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(60)).GET().build();
    try {
      HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
