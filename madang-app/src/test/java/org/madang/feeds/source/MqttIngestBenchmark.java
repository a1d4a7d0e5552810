package org.madang.feeds.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.madang.MadangApplication;
import org.madang.feeds.ObservationsReceived;
import org.madang.engine.observation.StoredReading;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 3's MQTT ingest benchmark (a command, not a test; see docs/BENCHMARKS.md). In one run, on a private Mosquitto
 * configured not to drop QoS 1 messages to a slow subscriber:
 * <ol>
 *   <li>the floor: {@code mosquitto_pub -l} → broker → {@code mosquitto_sub} at a fixed rate, latency p50/p99, and as
 *       fast as the tools go;
 *   <li>Madang, the whole platform started in this JVM with {@code --mqtt}: sustained single-observation messages and
 *       1,000-observation messages at offered rates, the observations/s stored and the latency from publish to
 *       durable (the intake's event after commit) and to an SSE client of {@code /api/feeds/{feed}/stream}.
 * </ol>
 * {@code --soak SECONDS} instead runs the batching load that long and reports the heap after a full GC before and after.
 */
final class MqttIngestBenchmark {

  private static final String FEED = "road-speed";
  private static final int STATIONS = 1000;
  private static final Pattern SEQ = Pattern.compile("\"seq\":(-?[0-9.Ee+-]+)");

  private final AtomicLong storedObservations = new AtomicLong();
  private final Latencies durable = new Latencies();
  private final Latencies pushed = new Latencies();
  // send times by message number: the message carries only its number (exact as a double, unlike a nanosecond clock)
  private volatile long[] sentAt = new long[0];
  private MqttAsyncClient publisher;
  private long lastTime;

  public static void main(String[] args) throws Exception {
    int seconds = intArg(args, "--seconds", 20);
    int soak = intArg(args, "--soak", 0);
    int singleRate = intArg(args, "--single-rate", 5_000);
    int batchRate = intArg(args, "--batch-rate", 60);
    new MqttIngestBenchmark().run(seconds, soak, singleRate, batchRate);
    System.exit(0);
  }

  private void run(int seconds, int soak, int singleRate, int batchRate) throws Exception {
    Path dir = Files.createTempDirectory("madang-bench-mqtt");
    // Mosquitto's defaults (max_queued_messages 1000, max_inflight_messages 20) drop QoS 1 messages to a subscriber
    // that acknowledges only after storing, and throttle it: lift both for the benchmark
    try (PrivateMosquitto broker = new PrivateMosquitto(dir, "max_queued_messages 0", "max_queued_bytes 0",
        "max_inflight_messages 5000", "set_tcp_nodelay true")) {
      System.out.printf(Locale.ROOT, "machine: %d cores, %s, Java %s; broker %s (max_queued_messages 0, max_inflight_messages 5000)%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("java.version"), broker.url());

      if (soak == 0) {
        floor(broker, 1_000, 10);
        floorThroughput(broker, 100_000);
      }

      ConfigurableApplicationContext app = startMadang(broker, dir.resolve("data"));
      try {
        app.addApplicationListener(ApplicationListener.forPayload(this::received));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        publisher = new MqttAsyncClient(broker.url(), "bench-publisher", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(20_000);
        publisher.connect(o).waitForCompletion();
        SseClient sse = SseClient.open(port, FEED, pushed, this::sentAt);

        // warm-up: registers the stations (first report with a place) and lets the JIT compile the path
        runBatching(batchRate, 5, false);

        if (soak > 0) {
          long before = heapAfterGc();
          runBatching(batchRate, soak, true);
          long after = heapAfterGc();
          System.out.printf(Locale.ROOT, "soak %d s at %d x 1,000 observations/s: heap after full GC %d MB before, %d MB after%n",
              soak, batchRate, before >> 20, after >> 20);
          return;
        }
        runSingle(singleRate, seconds);
        runBatching(batchRate, seconds, true);
        if (sse == null) {
          System.out.println("SSE leg: /api/feeds/" + FEED + "/stream not available in this build (TODO)");
        }
      } finally {
        if (publisher != null && publisher.isConnected()) {
          publisher.disconnect().waitForCompletion();
        }
        app.close();
      }
    }
  }

  private static ConfigurableApplicationContext startMadang(PrivateMosquitto broker, Path data) {
    SpringApplication app = new SpringApplication(MadangApplication.class);
    return app.run(
        "--server.port=0",
        "--madang.data-dir=" + data,
        "--madang.admin-password=bench-password",
        "--madang.demo=true",
        "--madang.analyses.demo=false",
        "--madang.feeds.simulator.enabled=false",
        "--madang.feeds.mqtt.url=" + broker.url(),
        "--madang.feeds.mqtt.client-id=madang-bench",
        "--logging.level.root=WARN");
  }

  private void received(ObservationsReceived event) {
    if (!event.feed().equals(FEED)) {
      return;
    }
    long now = System.nanoTime();
    storedObservations.addAndGet(event.readings().size());
    for (StoredReading r : event.readings()) {
      Double seq = r.values().get("seq");
      long sent = seq == null ? 0 : sentAt(seq.longValue());
      if (sent != 0) {
        durable.add(now - sent);
      }
    }
  }

  // ---- Madang

  private long sentAt(long seq) {
    long[] sent = sentAt;
    return seq >= 0 && seq < sent.length ? sent[(int) seq] : 0;
  }

  private void runSingle(int rate, int seconds) throws Exception {
    measure("Madang, 1-observation messages", rate, 1, seconds, true);
  }

  private void runBatching(int rate, int seconds, boolean report) throws Exception {
    measure("Madang, 1,000-observation messages", rate, STATIONS, seconds, report);
  }

  private void measure(String what, int messagesPerSecond, int perMessage, int seconds, boolean report) throws Exception {
    durable.clear();
    pushed.clear();
    long offered = (long) messagesPerSecond * seconds;
    sentAt = new long[(int) offered];
    long storedBefore = storedObservations.get();
    long start = System.nanoTime();
    long interval = 1_000_000_000L / messagesPerSecond;
    for (long i = 0; i < offered; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      byte[] payload = message(i, perMessage);
      sentAt[(int) i] = System.nanoTime();
      publish(payload);
    }
    long published = System.nanoTime();
    long expected = storedBefore + offered * perMessage;
    long deadline = published + TimeUnit.SECONDS.toNanos(120);
    while (storedObservations.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long end = System.nanoTime();
    long stored = storedObservations.get() - storedBefore;
    double elapsed = (end - start) / 1e9;
    if (report) {
      System.out.printf(Locale.ROOT, "%s: offered %,d msg/s (%,d obs/s) for %d s; stored %,d of %,d observations in %.1f s = %,.0f obs/s"
              + "; publish→durable p50 %.1f ms p99 %.1f ms; publish→SSE p50 %.1f ms p99 %.1f ms (%d samples)%n",
          what, messagesPerSecond, (long) messagesPerSecond * perMessage, seconds, stored, offered * perMessage, elapsed, stored / elapsed,
          durable.percentile(50), durable.percentile(99), pushed.percentile(50), pushed.percentile(99), pushed.size());
    }
  }

  /** A message of {@code n} observations; the first carries the message's number. Times are unique per station. */
  private byte[] message(long i, int n) {
    StringBuilder json = new StringBuilder(n * 120).append(n == 1 ? "" : "[");
    // one millisecond per message at least, so a station's times are unique; at 5,000 messages/s this runs ahead of the
    // clock by a few tens of seconds, well within the intake's allowance of 5 minutes
    lastTime = Math.max(System.currentTimeMillis(), lastTime + 1);
    String time = Instant.ofEpochMilli(lastTime).toString();
    for (int k = 0; k < n; k++) {
      int station = (int) ((i * n + k) % STATIONS);
      if (k > 0) {
        json.append(',');
      }
      json.append("{\"station\":\"bench-").append(station).append("\",\"observed_at\":\"").append(time)
          .append("\",\"lat\":").append(37.45 + (station % 40) * 0.005).append(",\"lon\":").append(126.85 + (station / 40) * 0.01)
          .append(",\"values\":{\"speed\":").append(20 + station % 50);
      if (k == 0) {
        json.append(",\"seq\":").append(i);
      }
      json.append("}}");
    }
    if (n > 1) {
      json.append(']');
    }
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void publish(byte[] payload) throws InterruptedException {
    while (true) {
      try {
        publisher.publish("madang/obs/" + FEED, payload, 1, false);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
          throw new IllegalStateException(e);
        }
        Thread.sleep(1);
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  // ---- the floor: the broker's own tools

  private static void floor(PrivateMosquitto broker, int rate, int seconds) throws Exception {
    Latencies latencies = new Latencies();
    Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-t", "floor/latency", "-q", "1")
        .redirectErrorStream(true).start();
    Thread reader = reader(sub, line -> latencies.add(System.nanoTime() - Long.parseLong(line.strip())));
    Thread.sleep(500);
    Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-t", "floor/latency", "-q", "1", "-l")
        .start();
    long total = (long) rate * seconds;
    try (Writer w = new OutputStreamWriter(pub.getOutputStream(), StandardCharsets.UTF_8)) {
      long start = System.nanoTime();
      long interval = 1_000_000_000L / rate;
      for (long i = 0; i < total; i++) {
        long wait = start + i * interval - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        w.write(System.nanoTime() + "\n");
        w.flush();
      }
    }
    pub.waitFor(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (latencies.size() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    sub.destroy();
    reader.join(2_000);
    System.out.printf(Locale.ROOT, "floor, mosquitto_pub -l → mosquitto_sub at %,d msg/s for %d s: %,d of %,d received; p50 %.2f ms p99 %.2f ms%n",
        rate, seconds, latencies.size(), total, latencies.percentile(50), latencies.percentile(99));
  }

  private static void floorThroughput(PrivateMosquitto broker, int messages) throws Exception {
    AtomicLong received = new AtomicLong();
    Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-t", "floor/rate", "-q", "1")
        .redirectErrorStream(true).start();
    Thread reader = reader(sub, line -> received.incrementAndGet());
    Thread.sleep(500);
    Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()), "-t", "floor/rate", "-q", "1", "-l")
        .start();
    long start = System.nanoTime();
    double elapsed;
    // stdin stays open until everything arrived: mosquitto_pub -l disconnects at end of input, dropping what is in flight
    try (Writer w = new OutputStreamWriter(pub.getOutputStream(), StandardCharsets.UTF_8)) {
      for (int i = 0; i < messages; i++) {
        w.write("{\"station\":\"s\",\"values\":{\"v\":" + i + "}}\n");
      }
      w.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (received.get() < messages && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      elapsed = (System.nanoTime() - start) / 1e9;
    }
    pub.waitFor(10, TimeUnit.SECONDS);
    sub.destroy();
    reader.join(2_000);
    System.out.printf(Locale.ROOT, "floor, mosquitto_pub -l → mosquitto_sub as fast as they go: %,d of %,d messages in %.2f s = %,.0f msg/s%n",
        received.get(), messages, elapsed, received.get() / elapsed);
  }

  private static Thread reader(Process p, java.util.function.Consumer<String> onLine) {
    Thread t = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          try {
            onLine.accept(line);
          } catch (RuntimeException ignored) {
            // a line that is not ours
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "bench-reader");
    t.setDaemon(true);
    t.start();
    return t;
  }

  // ---- measurements

  /** Latencies in nanoseconds, kept whole (a run has at most a few hundred thousand). */
  static final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized int size() {
      return size;
    }

    synchronized void clear() {
      size = 0;
    }

    /** The percentile in milliseconds, NaN without samples. */
    synchronized double percentile(double p) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int at = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
      return sorted[at] / 1e6;
    }
  }

  /** One SSE client of a feed's stream, reading events on its own thread and timing the probes in them. */
  static final class SseClient {
    static SseClient open(int port, String feed, Latencies latencies, java.util.function.LongUnaryOperator sentAt) throws Exception {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/feeds/" + feed + "/stream"))
          .header("Accept", "text/event-stream").GET().build();
      HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        System.out.println("SSE: /api/feeds/" + feed + "/stream answered HTTP " + response.statusCode());
        return null;
      }
      Thread t = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("data:")) {
              long now = System.nanoTime();
              Matcher m = SEQ.matcher(line);
              while (m.find()) {
                long sent = sentAt.applyAsLong((long) Double.parseDouble(m.group(1)));
                if (sent != 0) {
                  latencies.add(now - sent);
                }
              }
            }
          }
        } catch (IOException ignored) {
          // the server closed the stream
        }
      }, "bench-sse");
      t.setDaemon(true);
      t.start();
      return new SseClient();
    }
  }

  private static int intArg(String[] args, String name, int fallback) {
    List<String> list = new ArrayList<>(List.of(args));
    int at = list.indexOf(name);
    return at >= 0 && at + 1 < list.size() ? Integer.parseInt(list.get(at + 1)) : fallback;
  }
}
