package org.madang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a newcomer runs it: {@code java -jar madang.jar} on an empty data dir starts, loads
 * the Seoul demo and serves it. Prints the start-up time (recorded in docs/BENCHMARKS.md); waits at most 3 minutes so
 * a hang fails instead of blocking the build.
 */
class MadangJarIT {

  @Test
  void theJarStartsOnAnEmptyDataDirWithTheSeoulDemoAndServesIt() throws Exception {
    Path dataDir = Path.of("target/test-data/jar-it").toAbsolutePath();
    FreshDataDir.delete(dataDir);
    Path log = Files.createTempFile("madang-jar", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", new File("target/madang.jar").getAbsolutePath(), "--port", "0", "--data-dir", dataDir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MADANG_ADMIN_PASSWORD", "jar-admin-password");
    long start = System.nanoTime();
    Process process = pb.start();
    try {
      String url = null;
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < deadline && process.isAlive()) {
        url = RunningServer.find(dataDir).orElse(null);
        if (url != null && ready(url)) {
          break;
        }
        url = null;
        Thread.sleep(200);
      }
      assertThat(url).as("server became ready; log:%n%s", Files.readString(log)).isNotNull();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("madang.jar: empty data dir to ready with the Seoul demo in %.1f s%n", seconds);

      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      ApiClient anonymous = ApiClient.anonymous(port);
      assertThat(ApiClient.json(anonymous.get("/api/datasets?limit=100")).path("total").asInt()).isGreaterThanOrEqualTo(12);
      HttpResponse<byte[]> csv = anonymous.getBytes("/api/datasets/bike-stations/download?format=csv");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().count()).isGreaterThan(2700);
      assertThat(ApiClient.basic(port, "admin", "jar-admin-password").get("/api/me").body()).contains("\"admin\"");
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static boolean ready(String url) {
    try {
      int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
      // readiness turns UP only after the start-up runners (admin, Seoul demo) have finished
      HttpResponse<String> readiness = ApiClient.anonymous(port).get("/actuator/health/readiness");
      return readiness.statusCode() == 200 && readiness.body().contains("UP");
    } catch (RuntimeException e) {
      return false;
    }
  }
}
