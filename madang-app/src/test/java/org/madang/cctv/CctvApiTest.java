package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Integrated CCTV over HTTP on the demo city, with cameras served by the test itself on loopback: the demo's synthetic
 * cameras follow the real per-district counts; an official's view is audited and its pictures (snapshot, MJPEG, HLS
 * with its segments) come only through signed links that never show the camera's address; forged and expired links,
 * citizens and analysts are refused and the refusals audited; the SSRF guard refuses private addresses at registration
 * and on redirects; a CSV with a bad coordinate names its line and column and imports nothing; a dead camera turns
 * unreachable and raises an alert, an HLS camera whose newest frame is old turns stale.
 */
@DemoCityTest
class CctvApiTest {

  static StreamFixture fixture;

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired AuditTrail audit;
  @Autowired SignedLinks links;
  @Autowired CameraRegistry registry;
  @Autowired CameraHealthCheck health;

  private ApiClient official;
  private ApiClient citizen;
  private ApiClient analyst;

  @BeforeAll
  static void serve() throws Exception {
    fixture = new StreamFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void people() {
    if (users.findByUsername("cctv-api-official").isEmpty()) {
      users.createUser("cctv-api-official", "official-password", EnumSet.of(Role.OFFICIAL), null, "CCTV 담당");
      users.createUser("cctv-api-citizen", "citizen-password", EnumSet.of(Role.CITIZEN), null, "시민");
      users.createUser("cctv-api-analyst", "analyst-password", EnumSet.of(Role.ANALYST), null, "분석가");
    }
    official = ApiClient.basic(port, "cctv-api-official", "official-password");
    citizen = ApiClient.basic(port, "cctv-api-citizen", "citizen-password");
    analyst = ApiClient.basic(port, "cctv-api-analyst", "analyst-password");
  }

  private void register(String id, String kind, String url) {
    HttpResponse<String> r = official.get("/api/cctv/cameras/" + id);
    String body = """
        {"id": "%s", "name": "시험 카메라 %s", "name_en": "Test camera %s", "purpose": "traffic", "lat": 37.5729, "lon": 126.9794,
         "organization": "safety", "stream_kind": "%s", "stream_url": %s}
        """.formatted(id, id, id, kind, url == null ? "null" : "\"" + url + "\"");
    if (r.statusCode() == 404) {
      HttpResponse<String> created = official.postJson("/api/cctv/cameras", body);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    } else {
      HttpResponse<String> replaced = official.send(HttpRequest.newBuilder(URI.create(official.base() + "/api/cctv/cameras/" + id))
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    }
  }

  private JsonNode view(String id, String reason) {
    HttpResponse<String> r = official.postJson("/api/cctv/cameras/" + id + "/views", "{\"reason\": \"" + reason + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.body()).doesNotContain("127.0.0.1").doesNotContain(String.valueOf(fixture.port()));
    return ApiClient.json(r);
  }

  @Test
  void theDemoDrawsSyntheticCamerasInEachDistrictInProportionToTheRealCounts() {
    Map<String, String> codeByName = new HashMap<>();
    for (JsonNode f : ApiClient.json(ApiClient.anonymous(port).get("/api/districts")).get("features")) {
      codeByName.put(f.get("properties").get("name").asString(), f.get("properties").get("code").asString());
    }
    JsonNode cameras = ApiClient.json(official.get("/api/cctv/cameras?purpose=")).get("cameras");
    Map<String, Long> perDistrict = cameras.valueStream().filter(c -> c.get("id").asString().startsWith("demo-"))
        .collect(Collectors.groupingBy(c -> c.get("district_code").asString(), Collectors.counting()));
    Map<String, Integer> real = DemoCameras.realCounts();
    assertThat(real).hasSize(25);
    int total = 0;
    for (Map.Entry<String, Integer> e : real.entrySet()) {
      String code = codeByName.get(e.getKey());
      assertThat(code).as(e.getKey()).isNotNull();
      int expected = Math.max(1, Math.round(e.getValue() / 100f));
      assertThat(perDistrict.get(code)).as("%s: %d real cameras", e.getKey(), e.getValue()).isEqualTo(expected);
      total += expected;
    }
    assertThat(perDistrict.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    assertThat(real.get("강남구")).isEqualTo(2780);
    assertThat(perDistrict.get(codeByName.get("강남구"))).isEqualTo(28);
    for (JsonNode c : cameras) {
      if (c.get("id").asString().startsWith("demo-")) {
        assertThat(c.get("synthetic").asBoolean()).isTrue();
        assertThat(c.get("name").asString()).endsWith("(합성)");
        assertThat(c.get("name_en").asString()).endsWith("(synthetic)");
        assertThat(c.has("stream_url")).isFalse();
      }
    }
    // the camera really lies in the district the registry gives it
    JsonNode geo = ApiClient.json(official.get("/api/cctv/cameras?format=geojson&district=11110"));
    assertThat(geo.get("type").asString()).isEqualTo("FeatureCollection");
    List<JsonNode> demo = geo.get("features").valueStream().filter(f -> f.get("properties").get("synthetic").asBoolean()).toList();
    assertThat(demo).hasSize(Math.round(real.get("종로구") / 100f));
    assertThat(demo.stream().filter(f -> f.get("properties").get("test_pattern").asBoolean()).count()).isEqualTo(1);
  }

  @Test
  void anOfficialsViewIsAuditedWithItsReasonAndTheSnapshotComesThroughTheSignedLink() {
    register("api-snapshot", "snapshot", fixture.url("/snapshot.jpg"));
    JsonNode links = view("api-snapshot", "교통사고 현장 확인");

    HttpResponse<byte[]> picture = ApiClient.anonymous(port).getBytes(links.get("snapshot").asString());
    assertThat(picture.statusCode()).isEqualTo(200);
    assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(picture.body()).isEqualTo(StreamFixture.JPEG);

    List<AuditTrail.AuditEntry> entries = audit.listFor("camera", "api-snapshot", 20);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("cctv-api-official");
      assertThat(e.action()).isEqualTo("cctv.view");
      assertThat(e.detail()).contains("교통사고 현장 확인");
      assertThat(e.at()).isNotNull();
    });
    // a view without a reason is refused, naming the field
    HttpResponse<String> noReason = official.postJson("/api/cctv/cameras/api-snapshot/views", "{}");
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(noReason).get("field").asString()).isEqualTo("reason");
  }

  @Test
  void mjpegCamerasGiveASnapshotAndAStreamThroughTheProxy() throws Exception {
    register("api-mjpeg", "mjpeg", fixture.url("/stream.mjpeg"));
    JsonNode links = view("api-mjpeg", "MJPEG 확인");
    assertThat(ApiClient.anonymous(port).getBytes(links.get("snapshot").asString()).body()).isEqualTo(StreamFixture.JPEG);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(official.base() + links.get("mjpeg").asString())).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("multipart/x-mixed-replace");
    try (InputStream in = stream.body()) {
      assertThat(MjpegFrames.next(in, 1 << 20)).isEqualTo(StreamFixture.JPEG);
      assertThat(MjpegFrames.next(in, 1 << 20)).isEqualTo(StreamFixture.JPEG);
    }
  }

  @Test
  void hlsPlaylistsAreRewrittenToSignedLinksAndTheirSegmentsProxied() {
    register("api-hls", "hls", fixture.url("/live.m3u8"));
    JsonNode links = view("api-hls", "HLS 확인");
    assertThat(links.get("snapshot").isNull()).isTrue();
    HttpResponse<String> playlist = ApiClient.anonymous(port).get(links.get("hls").asString());
    assertThat(playlist.statusCode()).isEqualTo(200);
    assertThat(playlist.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.apple.mpegurl");
    assertThat(playlist.body()).startsWith("#EXTM3U").doesNotContain("127.0.0.1").doesNotContain(String.valueOf(fixture.port()));
    List<String> segments = playlist.body().lines().filter(l -> l.startsWith("/cctv/media/api-hls/segment?")).toList();
    assertThat(segments).hasSize(2);
    for (String s : segments) {
      HttpResponse<byte[]> segment = ApiClient.anonymous(port).getBytes(s);
      assertThat(segment.statusCode()).isEqualTo(200);
      assertThat(segment.body()).isEqualTo(StreamFixture.SEGMENT);
    }
    // a segment link pointed elsewhere by its holder no longer matches its signature
    String tampered = segments.get(0).replaceFirst("ref=[^&]+", "ref=" + java.net.URLEncoder.encode("http://169.254.169.254/", StandardCharsets.UTF_8));
    assertThat(ApiClient.anonymous(port).get(tampered).statusCode()).isEqualTo(403);
  }

  @Test
  void forgedAndExpiredLinksAreRefused() {
    register("api-snapshot", "snapshot", fixture.url("/snapshot.jpg"));
    String link = view("api-snapshot", "링크 시험").get("snapshot").asString();
    // one character of the signature changed (to another character: a signature may start with any of them)
    int at = link.indexOf("sig=") + 4;
    char other = link.charAt(at) == 'Z' ? 'Y' : 'Z';
    HttpResponse<String> forged = ApiClient.anonymous(port).get(link.substring(0, at) + other + link.substring(at + 1));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(ApiClient.anonymous(port).get(link.replaceFirst("user=cctv-api-official", "user=cctv-api-citizen")).statusCode()).isEqualTo(403);

    String expired = links.link("cctv-api-official", "api-snapshot", SignedLinks.Kind.SNAPSHOT, null, Instant.now().minusSeconds(5));
    HttpResponse<String> late = ApiClient.anonymous(port).get(expired);
    assertThat(late.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(late).get("detail").asString()).contains("expired");
  }

  @Test
  void citizensAndAnalystsGet403ForVideoAndTheRefusalIsAudited() {
    register("api-snapshot", "snapshot", fixture.url("/snapshot.jpg"));
    for (ApiClient who : List.of(citizen, analyst, ApiClient.anonymous(port))) {
      HttpResponse<String> r = who.postJson("/api/cctv/cameras/api-snapshot/views", "{\"reason\": \"궁금해서\"}");
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
      assertThat(r.body()).doesNotContain("snapshot.jpg");
    }
    List<AuditTrail.AuditEntry> refused = audit.listFor("camera", "api-snapshot", 50).stream().filter(e -> e.action().equals("cctv.view.refused")).toList();
    assertThat(refused).extracting(AuditTrail.AuditEntry::actor).contains("cctv-api-citizen", "cctv-api-analyst", "anonymous");
    // camera details and locations are not theirs either (public-locations is off by default)
    assertThat(citizen.get("/api/cctv/cameras").statusCode()).isEqualTo(403);
    assertThat(ApiClient.anonymous(port).get("/public/cctv/cameras").statusCode()).isEqualTo(404);
  }

  @Test
  void theSsrfGuardRefusesPrivateAddressesAtRegistrationAndOnRedirects() {
    for (String url : List.of("http://10.0.0.1/cam.jpg", "http://169.254.169.254/latest/meta-data/", "http://192.168.0.10/snap.jpg", "file:///etc/passwd",
        "rtsp://cam.example/live")) {
      HttpResponse<String> r = official.postJson("/api/cctv/cameras", """
          {"id": "api-bad", "name": "나쁜 카메라", "purpose": "traffic", "lat": 37.57, "lon": 126.98, "stream_kind": "snapshot", "stream_url": "%s"}
          """.formatted(url));
      assertThat(r.statusCode()).as(url).isEqualTo(400);
      assertThat(ApiClient.json(r).get("field").asString()).isEqualTo("stream_url");
    }
    assertThat(registry.findCamera("api-bad")).isEmpty();

    register("api-redirect", "snapshot", fixture.url("/redirect-to-metadata"));
    long start = System.nanoTime();
    HttpResponse<String> r = ApiClient.anonymous(port).get(view("api-redirect", "SSRF 시험").get("snapshot").asString());
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(ApiClient.json(r).get("detail").asString()).contains("169.254.169.254").contains("link-local");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  private HttpResponse<String> upload(String fileName, byte[] content) {
    String boundary = "----cctvtest";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return official.send(HttpRequest.newBuilder(URI.create(official.base() + "/api/cctv/cameras/import"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void aCsvWithABadCoordinateNamesItsLineAndColumnAndImportsNothing() {
    long before = registry.count();
    String csv = """
        id,name,purpose,lat,lon,organization
        csv-1,광화문 교통,교통,37.5759,126.9769,transportation
        csv-2,시청 방범,방범,37.5665,126.9780,safety
        csv-3,잘못된 좌표,방범,37.56x,126.9780,safety
        """;
    HttpResponse<String> bad = upload("cameras.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    JsonNode problem = ApiClient.json(bad);
    assertThat(problem.get("line").asInt()).isEqualTo(4);
    assertThat(problem.get("column").asInt()).isEqualTo(4);
    assertThat(problem.get("field").asString()).isEqualTo("lat");
    assertThat(problem.get("detail").asString()).contains("Line 4, column 4").contains("37.56x");
    assertThat(registry.count()).isEqualTo(before);
    assertThat(registry.findCamera("csv-1")).isEmpty();

    HttpResponse<String> busan = upload("cameras.csv", csv.replace("37.56x,126.9780", "35.1796,129.0756").getBytes(StandardCharsets.UTF_8));
    assertThat(busan.statusCode()).isEqualTo(422);
    assertThat(ApiClient.json(busan).get("line").asInt()).isEqualTo(4);
    HttpResponse<String> range = upload("cameras.csv", csv.replace("37.56x,126.9780", "37.5665,226.9780").getBytes(StandardCharsets.UTF_8));
    assertThat(range.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(range).get("column").asInt()).isEqualTo(5);
    assertThat(registry.count()).isEqualTo(before);

    // the same file corrected, in CP949 as Seoul's files often are, imports whole
    HttpResponse<String> good = upload("cameras.csv", csv.replace("37.56x", "37.5651").getBytes(Charset.forName("x-windows-949")));
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    assertThat(ApiClient.json(good).get("imported").asInt()).isEqualTo(3);
    assertThat(registry.getCamera("csv-2").nameKo()).isEqualTo("시청 방범");
    assertThat(registry.getCamera("csv-2").districtCode()).isEqualTo("11140");
    assertThat(registry.getCamera("csv-1").purpose()).isEqualTo(Camera.Purpose.TRAFFIC);
  }

  @Test
  void aDeadCameraTurnsUnreachableAndRaisesAnAlertAndALiveOneIsOnline() throws Exception {
    register("api-dead", "snapshot", "http://127.0.0.1:1/dead.jpg");
    assertThat(health.check(registry.getCamera("api-dead"))).isEqualTo(Camera.Status.UNREACHABLE);
    JsonNode dead = ApiClient.json(official.get("/api/cctv/cameras/api-dead"));
    assertThat(dead.get("status").asString()).isEqualTo("unreachable");
    assertThat(dead.get("status_detail").asString()).isNotBlank();
    assertThat(dead.get("last_checked_at").isNull()).isFalse();

    JsonNode alert = null;
    for (int i = 0; i < 100 && alert == null; i++) {
      for (JsonNode a : ApiClient.json(ApiClient.anonymous(port).get("/api/alerts?feed=cctv&status=open")).get("alerts")) {
        if (a.get("station").asString().equals("api-dead")) {
          alert = a;
        }
      }
      Thread.sleep(100);
    }
    assertThat(alert).as("an open alert for the dead camera").isNotNull();
    assertThat(alert.get("title").asString()).contains("CCTV");
    assertThat(alert.get("district_code").asString()).isEqualTo("11110");

    // the alert's place is the camera itself: it comes first among the nearest cameras
    JsonNode near = ApiClient.json(official.get("/api/cctv/nearest?feed=cctv&station=api-dead&district=11110"));
    assertThat(near.get("placed_by").asString()).isEqualTo("station");
    assertThat(near.get("cameras").get(0).get("distance_m").asLong()).isZero();

    register("api-live", "snapshot", fixture.url("/snapshot.jpg"));
    assertThat(health.check(registry.getCamera("api-live"))).isEqualTo(Camera.Status.ONLINE);
    register("api-live-hls", "hls", fixture.url("/live.m3u8"));
    assertThat(health.check(registry.getCamera("api-live-hls"))).isEqualTo(Camera.Status.ONLINE);
    JsonNode live = ApiClient.json(official.get("/api/cctv/cameras/api-live-hls"));
    assertThat(live.get("last_frame_age_s").asLong()).isLessThan(60);
    register("api-old-hls", "hls", fixture.url("/old.m3u8"));
    assertThat(health.check(registry.getCamera("api-old-hls"))).isEqualTo(Camera.Status.STALE);
    JsonNode old = ApiClient.json(official.get("/api/cctv/cameras?status=stale"));
    assertThat(old.get("cameras").valueStream().filter(c -> c.get("id").asString().equals("api-old-hls")).findFirst().orElseThrow()
        .get("last_frame_age_s").asLong()).isGreaterThan(500);
  }
}
