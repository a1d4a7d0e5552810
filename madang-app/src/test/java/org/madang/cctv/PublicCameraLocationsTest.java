package org.madang.cctv;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.FreshDataDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * With {@code madang.cctv.public-locations=true} the citizens' view gets where cameras are, and nothing more: no
 * status, no stream kind, never an address, and still no video.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"madang.data-dir=./target/test-data/cctv-public", "madang.demo=false", "madang.admin-password=cctv-public-admin",
        "madang.cctv.public-locations=true"})
@ContextConfiguration(initializers = FreshDataDir.class)
class PublicCameraLocationsTest {

  @LocalServerPort int port;
  @Autowired CameraRegistry registry;

  @Test
  void citizensSeeLocationsOnlyWhenTheyArePublic() {
    registry.save(new Camera("pub-1", "광화문 교통", "Gwanghwamun traffic", Camera.Purpose.TRAFFIC, 37.5759, 126.9769, "11110", "transportation",
        Camera.StreamKind.SNAPSHOT, "https://cams.example.org/secret-path/gwanghwamun.jpg", false, Camera.Status.ONLINE, null, null, null));

    HttpResponse<String> page = ApiClient.anonymous(port).get("/public/cctv/cameras");
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode feature = ApiClient.json(page).get("features").get(0);
    assertThat(feature.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(37.5759);
    assertThat(feature.get("properties").get("name").asString()).isEqualTo("광화문 교통");
    assertThat(feature.get("properties").has("status")).isFalse();
    assertThat(feature.get("properties").has("stream_kind")).isFalse();
    assertThat(page.body()).doesNotContain("cams.example.org").doesNotContain("secret-path");

    HttpResponse<String> api = ApiClient.anonymous(port).get("/api/cctv/cameras");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).doesNotContain("cams.example.org").doesNotContain("\"status\"");
    assertThat(ApiClient.anonymous(port).postJson("/api/cctv/cameras/pub-1/views", "{\"reason\": \"보고 싶어요\"}").statusCode()).isEqualTo(403);
    assertThat(ApiClient.anonymous(port).get("/api/cctv/cameras/pub-1").statusCode()).isEqualTo(403);
  }
}
