package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.FreshDataDir;
import org.madang.RunningServer;
import tools.jackson.databind.JsonNode;

/**
 * Kill -9 during ingest: the packaged jar takes concurrent HTTP pushes, is killed with SIGKILL while pushes are in
 * flight, and after a restart on the same data dir every acknowledged (202) observation is there, and every batch is
 * there whole or not at all.
 */
class ObservationDurabilityIT {

  private static final String PASSWORD = "durability-admin-password";
  private static final int PUSHERS = 4;
  private static final int BATCH = 100;

  @Test
  void everyAcknowledgedObservationSurvivesAKilledProcessAndNoBatchIsHalfWritten() throws Exception {
    Path dataDir = Path.of("target/test-data/durability-it").toAbsolutePath();
    FreshDataDir.delete(dataDir);
    OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).truncatedTo(ChronoUnit.SECONDS);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Map<String, Integer> sent = new ConcurrentHashMap<>();

    Process first = start(dataDir);
    int port;
    try {
      port = awaitReady(first, dataDir);
      HttpResponse<String> feed = admin(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feeds/durable"))
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"title\": \"내구성 시험\"}")));
      assertThat(feed.statusCode()).isEqualTo(200);

      AtomicBoolean running = new AtomicBoolean(true);
      CountDownLatch enough = new CountDownLatch(PUSHERS * 20);
      List<Thread> pushers = new ArrayList<>();
      for (int p = 0; p < PUSHERS; p++) {
        int pusher = p;
        Thread t = new Thread(() -> {
          ApiClient client = admin(port);
          for (int b = 0; running.get(); b++) {
            String station = "p" + pusher + "-b" + b;
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
              json.append(i == 0 ? "" : ",").append("{\"station\": \"").append(station)
                  .append("\", \"observed_at\": \"").append(base.plusSeconds(i)).append("\", \"lat\": 37.5665, \"lon\": 126.978, \"values\": {\"pm10\": ")
                  .append(i).append("}}");
            }
            sent.put(station, BATCH);
            try {
              HttpResponse<String> r = client.postJson("/api/feeds/durable/observations", json.append(']').toString());
              if (r.statusCode() == 202 && ApiClient.json(r).get("accepted").asInt() == BATCH) {
                acknowledged.add(station);
                enough.countDown();
              }
            } catch (RuntimeException killed) {
              return;
            }
          }
        });
        t.setDaemon(true);
        t.start();
        pushers.add(t);
      }
      assertThat(enough.await(3, TimeUnit.MINUTES)).as("pushes were acknowledged").isTrue();
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      running.set(false);
      for (Thread t : pushers) {
        t.join(60_000);
      }
    } finally {
      first.destroyForcibly();
    }

    Files.deleteIfExists(dataDir.resolve("server.url"));
    Process second = start(dataDir);
    try {
      int again = awaitReady(second, dataDir);
      HttpResponse<String> counted = admin(again).postJson("/api/admin/query",
          "{\"sql\": \"SELECT station, count(*) AS n FROM observations.readings WHERE feed = 'durable' GROUP BY station\", \"max_rows\": 1000000}");
      assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
      Map<String, Integer> stored = new HashMap<>();
      for (JsonNode row : ApiClient.json(counted).get("rows")) {
        stored.put(row.get("station").asString(), row.get("n").asInt());
      }

      System.out.printf("kill -9: %d batches acknowledged, %d stored, %d sent%n", acknowledged.size(), stored.size(), sent.size());
      assertThat(acknowledged).isNotEmpty();
      assertThat(stored.keySet()).containsAll(acknowledged);
      assertThat(stored.values()).allMatch(n -> n == BATCH);
    } finally {
      second.destroy();
      if (!second.waitFor(30, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  private static ApiClient admin(int port) {
    return ApiClient.basic(port, "admin", PASSWORD);
  }

  private static Process start(Path dataDir) throws Exception {
    Path log = Files.createTempFile("madang-durability", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", new File("target/madang.jar").getAbsolutePath(), "--port", "0",
        "--data-dir", dataDir.toString(), "--no-demo"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("MADANG_ADMIN_PASSWORD", PASSWORD);
    return pb.start();
  }

  private static int awaitReady(Process process, Path dataDir) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      String url = RunningServer.find(dataDir).orElse(null);
      if (url != null) {
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try {
          HttpResponse<String> readiness = ApiClient.anonymous(port).get("/actuator/health/readiness");
          if (readiness.statusCode() == 200 && readiness.body().contains("UP")) {
            return port;
          }
        } catch (RuntimeException notYet) {
          // still starting
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the jar did not become ready on " + dataDir);
  }
}
