package org.madang.catalog.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GDAL's own OGC API - Features client ({@code ogrinfo} from Debian's gdal-bin, installed by
 * {@code .ci/install-test-deps.sh}) reads the platform: it lists the spatial datasets as layers and reports a layer's
 * geometry type, feature count and fields. Without ogrinfo the test fails under CI ({@code CI=true}) and is skipped
 * elsewhere.
 */
@DemoCityTest
class OgcGdalReadsCollectionsTest {

  @LocalServerPort int port;
  Path ogrinfo;

  @BeforeEach
  void findOgrinfo() {
    Optional<Path> found = onPath("ogrinfo");
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("ogrinfo is not installed; run .ci/install-test-deps.sh (it installs gdal-bin)");
      }
      Assumptions.abort("ogrinfo is not installed (apt-get install gdal-bin); this test runs in CI");
    }
    ogrinfo = found.get();
  }

  @Test
  void listsTheSpatialDatasetsAsLayers() throws Exception {
    String out = run(ogrinfo.toString(), "-ro", "OAPIF:http://127.0.0.1:" + port + "/ogc");
    assertThat(out).contains("using driver `OAPIF' successful");
    List<String> layers = out.lines().filter(l -> l.matches("\\d+: .*")).map(l -> l.replaceFirst("\\d+: ", "").replaceFirst(" \\(.*\\)$", "")).toList();
    List<String> collections = ApiClient.json(ApiClient.anonymous(port).get("/ogc/collections")).path("collections").findValuesAsString("id");
    assertThat(layers).containsExactlyInAnyOrderElementsOf(collections).contains("bike-stations", "seoul-districts")
        .doesNotContain("senior-nursing-homes-2024");
  }

  @Test
  void summarizesTheBikeStationsLayer() throws Exception {
    String out = run(ogrinfo.toString(), "-ro", "-so", "OAPIF:http://127.0.0.1:" + port + "/ogc", "bike-stations");
    long rows = ApiClient.json(ApiClient.anonymous(port).get("/api/3/action/datastore_search?limit=0&resource_id=bike-stations"))
        .path("result").path("total").asLong();
    assertThat(out).contains("Layer name: bike-stations");
    assertThat(out).contains("Geometry: Point");
    assertThat(out).contains("Feature Count: " + rows);
    assertThat(out).containsPattern("Extent: \\(126\\.\\d+, 37\\.\\d+\\) - \\(127\\.\\d+, 37\\.\\d+\\)");
    JsonNode fields = ApiClient.json(ApiClient.anonymous(port).get("/api/3/action/datastore_search?limit=0&resource_id=bike-stations"))
        .path("result").path("fields");
    List<String> expected = new ArrayList<>();
    fields.forEach(f -> {
      if (!f.path("id").asString().equals("_id")) {
        expected.add(f.path("id").asString());
      }
    });
    for (String field : expected) {
      assertThat(out).as("field " + field).containsPattern("(?m)^" + field + ": \\w+");
    }
  }

  @Test
  void filtersOnTheServerByAttributeAndBox() throws Exception {
    ApiClient api = ApiClient.anonymous(port);
    String district = null;
    for (JsonNode f : ApiClient.json(api.get("/api/3/action/datastore_search?limit=0&resource_id=bike-stations")).path("result").path("fields")) {
      if ("자치구".equals(f.path("info").path("label").asString())) {
        district = f.path("id").asString();
      }
    }
    long jongno = ApiClient.json(api.get("/ogc/collections/bike-stations/items?limit=1&" + district + "=%EC%A2%85%EB%A1%9C%EA%B5%AC"))
        .path("numberMatched").asLong();
    // --debug on makes GDAL print the URLs it fetches, to show the filter went to the server instead of paging through all rows
    String filtered = run(ogrinfo.toString(), "--debug", "on", "-ro", "-so", "OAPIF:http://127.0.0.1:" + port + "/ogc", "bike-stations",
        "-where", district + " = '종로구'");
    assertThat(filtered).contains("Feature Count: " + jongno);
    assertThat(filtered).contains("/ogc/collections/bike-stations/items?limit=10&" + district + "=%EC%A2%85%EB%A1%9C%EA%B5%AC");

    long inBox = ApiClient.json(api.get("/ogc/collections/bike-stations/items?limit=1&bbox=126.97,37.57,126.99,37.58")).path("numberMatched").asLong();
    String boxed = run(ogrinfo.toString(), "-ro", "-so", "OAPIF:http://127.0.0.1:" + port + "/ogc", "bike-stations",
        "-spat", "126.97", "37.57", "126.99", "37.58");
    assertThat(boxed).contains("Feature Count: " + inBox);
  }

  /** Runs a command with GDAL's settings for tests, waits at most a minute, and returns what it printed. */
  private static String run(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("ogrinfo-", ".txt");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().put("GDAL_HTTP_TIMEOUT", "30");
      builder.environment().put("CPL_DEBUG", "OFF");
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(String.join(" ", command) + " printed:\n" + out).isZero();
      return out;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
