package org.madang.feeds;

import java.io.IOException;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madang.MadangApplication;
import org.madang.engine.observation.StoredReading;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3's fan-out benchmark (a command, not a test; see docs/BENCHMARKS.md): live push to many SSE clients. Starts
 * the whole platform in this JVM (demo off, fresh data dir), creates a feed through {@code PUT /api/feeds/{feed}},
 * opens SSE clients of {@code /api/feeds/{feed}/stream} over java.net.http (one client object, a pool of 4 threads
 * for all streams), and pushes observations at a steady rate through {@code POST /api/feeds/{feed}/observations}
 * (admin's API token; asynchronous sends, so a slow answer does not shift the schedule). Each push carries its number
 * in a measure ({@code seq}); every client notes when each number arrives. For each phase:
 *
 * <ul>
 *   <li>push→client: from just before the HTTP send to the client reading the event's data line, p50/p99/max over
 *       every delivery to every client;
 *   <li>push→committed: to the intake's {@link ObservationsReceived} event (after the commit), the part before fan-out;
 *   <li>deliveries lost (a client connected for the whole phase that never saw a push), connections dropped (streams
 *       that ended, and the server's client count), heap after a full GC.
 * </ul>
 *
 * The peer is the floor: the same pushes with one client. Phases alternate: floor, fan-out (clients opened before it,
 * closed after), as many rounds as asked. Options: {@code --clients 1000 --rate 10 --batch 10 --seconds 60 --rounds 1}.
 */
final class SseFanOutBenchmark {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String FEED = "bench-live";
  private static final Pattern SEQ = Pattern.compile("\"seq\":(-?[0-9.Ee+-]+)");
  private static final int MAX_PUSHES = 1 << 20;

  private final long[] sentAt = new long[MAX_PUSHES];
  private final long[] committedAt = new long[MAX_PUSHES];
  private final AtomicInteger nextSeq = new AtomicInteger();
  private HttpClient streams;
  private HttpClient publisher;
  private String base;
  private String token;
  private long lastTime;

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int clients = Integer.parseInt(o.getOrDefault("--clients", "1000"));
    int rate = Integer.parseInt(o.getOrDefault("--rate", "10"));
    int batch = Integer.parseInt(o.getOrDefault("--batch", "10"));
    int seconds = Integer.parseInt(o.getOrDefault("--seconds", "60"));
    int rounds = Integer.parseInt(o.getOrDefault("--rounds", "1"));
    try {
      new SseFanOutBenchmark().run(clients, rate, batch, seconds, rounds);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private void run(int clients, int rate, int batch, int seconds, int rounds) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s; load average %s; open files limit %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), LocalDateTime.now().withNano(0), loadAverage(), fileLimit());
    System.out.printf(Locale.ROOT, "settings: %,d clients, %d pushes/s of %d observations each, %d s per phase, %d round(s)%n", clients, rate, batch, seconds, rounds);
    Path dir = Files.createTempDirectory("madang-bench-sse");
    ConfigurableApplicationContext app = new SpringApplication(MadangApplication.class).run(
        "--server.port=0",
        "--madang.data-dir=" + dir.resolve("data"),
        "--madang.admin-password=bench-password",
        "--madang.demo=false",
        "--madang.analyses.demo=false",
        "--madang.feeds.simulator.enabled=false",
        "--logging.level.root=WARN");
    ExecutorService clientPool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bench-sse-client");
      t.setDaemon(true);
      return t;
    });
    try {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      base = "http://127.0.0.1:" + port;
      app.addApplicationListener(ApplicationListener.forPayload(this::received));
      streams = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool).connectTimeout(Duration.ofSeconds(30)).build();
      publisher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      String admin = "Basic " + Base64.getEncoder().encodeToString("admin:bench-password".getBytes(StandardCharsets.UTF_8));
      send(HttpRequest.newBuilder(URI.create(base + "/api/feeds/" + FEED)).header("Authorization", admin).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"벤치마크 (SSE)\",\"title_en\":\"Benchmark (SSE fan-out)\",\"retention_days\":1}")), 200);
      token = "Bearer " + JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/tokens")).header("Authorization", admin)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"valid_days\":1}")), 201)).path("token").asString();
      LiveStream stream = app.getBean(LiveStreams.class).feed(FEED);

      // warm-up: registers the stations, compiles the path
      Client first = Client.open(streams, base, 0);
      awaitClients(stream, 1);
      push(rate, batch, 5);

      List<String> table = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        Phase floor = phase("floor: 1 client", List.of(first), stream, rate, batch, seconds);
        table.add(floor.row(null));
        long heapBefore = heapAfterGc();
        Map<String, long[]> histoBefore = histogram();
        long fdBefore = openFiles();
        long t0 = System.nanoTime();
        List<Client> all = new ArrayList<>(List.of(first));
        for (int i = 1; i < clients; i++) {
          all.add(Client.open(streams, base, i));
          if (i % 100 == 0) {
            awaitClients(stream, i + 1);
          }
        }
        awaitClients(stream, clients);
        System.out.printf(Locale.ROOT, "opened %,d SSE connections in %.1f s; open files %d → %d; heap after full GC %d MB (before opening)%n",
            clients, (System.nanoTime() - t0) / 1e9, fdBefore, openFiles(), heapBefore >> 20);
        push(rate, batch, 3); // warm-up with everyone connected
        Phase fan = phase(String.format(Locale.ROOT, "fan-out: %,d clients", clients), all, stream, rate, batch, seconds);
        long heapWith = heapAfterGc();
        Map<String, long[]> histoWith = histogram();
        System.out.println("  live heap the clients added (class histograms after full GCs, with them connected minus before opening), largest:");
        diff(histoBefore, histoWith, 10).forEach(l -> System.out.println("    " + l));
        table.add(fan.row(floor));
        System.out.printf(Locale.ROOT, "heap after full GC with %,d clients connected: %d MB (%d MB before opening them); server-side clients %d%n",
            clients, heapWith >> 20, heapBefore >> 20, stream.clientCount());
        for (Client c : all.subList(1, all.size())) {
          c.close();
        }
        push(rate, batch, 3); // lets the server notice the closed streams
        System.out.println("  live heap still there after closing them (minus before opening), largest:");
        diff(histoBefore, histogram(), 6).forEach(l -> System.out.println("    " + l));
        System.out.printf(Locale.ROOT, "after closing: server-side clients %d, heap after full GC %d MB, open files %d%n", stream.clientCount(),
            heapAfterGc() >> 20, openFiles());
      }
      System.out.printf(Locale.ROOT, "%n### SSE fan-out, %d pushes/s of %d observations, %d s per phase; load average at the end %s%n%n", rate, batch, seconds, loadAverage());
      System.out.println("| phase | pushes (achieved /s) | deliveries | lost | dropped (client / server) | push→committed p50 / p99 ms | committed→client p50 / p99 ms | push→client p50 ms | p99 ms | max ms | p99 / floor p99 | load average |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
      table.forEach(System.out::println);
    } finally {
      app.close();
      clientPool.shutdownNow();
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void received(ObservationsReceived event) {
    if (!event.feed().equals(FEED)) {
      return;
    }
    long now = System.nanoTime();
    for (StoredReading r : event.readings()) {
      Double seq = r.values().get("seq");
      if (seq != null && seq >= 0 && seq < MAX_PUSHES) {
        committedAt[seq.intValue()] = now;
      }
    }
  }

  private static void awaitClients(LiveStream stream, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (stream.clientCount() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    if (stream.clientCount() < n) {
      throw new IllegalStateException("only " + stream.clientCount() + " of " + n + " SSE clients connected");
    }
  }

  /** What one phase saw. */
  private record Phase(String name, int pushes, double achievedRate, long deliveries, long lost, int droppedClient, int droppedServer, double[] committed,
      double[] latencies, double[] fanOut, String load) {

    String row(Phase floor) {
      double p99 = percentile(latencies, 99);
      return String.format(Locale.ROOT, "| %s | %,d (%.1f) | %,d | %,d | %d / %d | %.1f / %.1f | %.1f / %.1f | %.1f | %.1f | %.1f | %s | %s |", name, pushes, achievedRate, deliveries,
          lost, droppedClient, droppedServer, percentile(committed, 50), percentile(committed, 99), percentile(fanOut, 50), percentile(fanOut, 99),
          percentile(latencies, 50), p99,
          latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1],
          floor == null ? "1 (the floor)" : String.format(Locale.ROOT, "%.2fx", p99 / percentile(floor.latencies, 99)), load);
    }
  }

  private Phase phase(String name, List<Client> clients, LiveStream stream, int rate, int batch, int seconds) throws Exception {
    int firstSeq = nextSeq.get();
    for (Client c : clients) {
      c.reset(firstSeq);
    }
    Map<Long, long[]> cpuBefore = threadCpu();
    long[] gcBefore = gc();
    long wallBefore = System.nanoTime();
    int serverBefore = stream.clientCount();
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    int pushes = push(rate, batch, seconds);
    double achieved = pushes / ((System.nanoTime() - t0) / 1e9);
    int lastSeq = firstSeq + pushes; // exclusive
    // wait until every client has every push, or 10 s after the last
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && clients.stream().anyMatch(c -> c.open() && c.countIn(firstSeq, lastSeq) < pushes)) {
      Thread.sleep(20);
    }
    long deliveries = 0;
    long lost = 0;
    int dropped = 0;
    int n = 0;
    for (Client c : clients) {
      deliveries += c.countIn(firstSeq, lastSeq);
      lost += pushes - c.countIn(firstSeq, lastSeq);
      dropped += c.open() ? 0 : 1;
      n += c.samples();
    }
    double[] latencies = new double[n];
    double[] fanOut = new double[n];
    int at = 0;
    for (Client c : clients) {
      at = c.copyLatencies(sentAt, firstSeq, lastSeq, latencies, at);
    }
    latencies = Arrays.copyOf(latencies, at);
    Arrays.sort(latencies);
    at = 0;
    for (Client c : clients) {
      at = c.copyLatencies(committedAt, firstSeq, lastSeq, fanOut, at);
    }
    fanOut = Arrays.copyOf(fanOut, at);
    Arrays.sort(fanOut);
    double[] committed = new double[pushes];
    int k = 0;
    for (int s = firstSeq; s < lastSeq; s++) {
      if (committedAt[s] != 0) {
        committed[k++] = (committedAt[s] - sentAt[s]) / 1e6;
      }
    }
    committed = Arrays.copyOf(committed, k);
    Arrays.sort(committed);
    String load = loadBefore + " → " + loadAverage();
    long[] gcAfter = gc();
    System.out.println("  CPU by thread group during the phase (s of CPU per s of wall time): " + cpuByGroup(cpuBefore, threadCpu(), System.nanoTime() - wallBefore)
        + String.format(Locale.ROOT, "; GC: %d collections, %d ms in all", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]));
    Phase p = new Phase(name, pushes, achieved, deliveries, lost, dropped, serverBefore - stream.clientCount(), committed, latencies, fanOut, load);
    System.out.println("phase " + p.row(null));
    return p;
  }

  /** Pushes {@code rate} payloads a second for {@code seconds}, asynchronously; returns after every answer. */
  private int push(int rate, int batch, int seconds) throws Exception {
    int total = rate * seconds;
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      int seq = nextSeq.getAndIncrement();
      byte[] payload = payload(seq, batch);
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/feeds/" + FEED + "/observations")).header("Authorization", token)
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build();
      sentAt[seq] = System.nanoTime();
      answers.add(publisher.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> a : answers) {
      HttpResponse<String> r = a.get(120, TimeUnit.SECONDS);
      if (r.statusCode() != 202) {
        throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
      }
    }
    return total;
  }

  private byte[] payload(int seq, int n) {
    lastTime = Math.max(System.currentTimeMillis(), lastTime + 1);
    String time = Instant.ofEpochMilli(lastTime).toString();
    StringBuilder json = new StringBuilder(n * 150).append('[');
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        json.append(',');
      }
      json.append("{\"station\":\"live-").append(k).append("\",\"observed_at\":\"").append(time).append("\",\"lat\":").append(37.50 + k * 0.002)
          .append(",\"lon\":").append(126.95 + k * 0.003).append(",\"values\":{\"speed\":").append(20 + (seq + k) % 50);
      if (k == 0) {
        json.append(",\"seq\":").append(seq);
      }
      json.append("}}");
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
    HttpResponse<String> r = publisher.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** One SSE client: notes the arrival time of every push number, on the client pool's threads. */
  private static final class Client implements Flow.Subscriber<String> {
    private final int index;
    // arrival time by push number minus the phase's first; written by one thread at a time (Flow), read after the phase
    private long[] arrivals = new long[1024];
    private final AtomicLong received = new AtomicLong();
    private volatile int from;
    private volatile boolean ended;
    private volatile Flow.Subscription subscription;
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

    private Client(int index) {
      this.index = index;
    }

    static Client open(HttpClient http, String base, int index) {
      Client c = new Client(index);
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/feeds/" + FEED + "/stream")).header("Accept", "text/event-stream").GET().build();
      http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(c)).whenComplete((r, e) -> {
        if (e != null) {
          c.errors.add(String.valueOf(e));
        }
        c.ended = true;
      });
      return c;
    }

    synchronized void reset(int firstSeq) {
      from = firstSeq;
      arrivals = new long[1024];
      received.set(0);
    }

    boolean open() {
      return !ended;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (!line.startsWith("data:")) {
        return;
      }
      long now = System.nanoTime();
      Matcher m = SEQ.matcher(line);
      while (m.find()) {
        int seq = (int) Double.parseDouble(m.group(1));
        record(seq, now);
      }
    }

    private synchronized void record(int seq, long now) {
      int i = seq - from;
      if (i < 0) {
        return; // before the phase
      }
      if (i >= arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, Math.max(arrivals.length * 2, i + 1));
      }
      if (arrivals[i] == 0) {
        arrivals[i] = now;
        received.incrementAndGet();
      }
    }

    synchronized long countIn(int first, int last) {
      long n = 0;
      for (int s = first; s < last; s++) {
        int i = s - from;
        if (i >= 0 && i < arrivals.length && arrivals[i] != 0) {
          n++;
        }
      }
      return n;
    }

    int samples() {
      return (int) received.get();
    }

    synchronized int copyLatencies(long[] sentAt, int first, int last, double[] into, int at) {
      for (int s = first; s < last && at < into.length; s++) {
        int i = s - from;
        if (i >= 0 && i < arrivals.length && arrivals[i] != 0 && sentAt[s] != 0) {
          into[at++] = (arrivals[i] - sentAt[s]) / 1e6;
        }
      }
      return at;
    }

    @Override
    public void onError(Throwable t) {
      errors.add(String.valueOf(t));
      ended = true;
    }

    @Override
    public void onComplete() {
      ended = true;
    }

    void close() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }

    @Override
    public String toString() {
      return "client " + index;
    }
  }

  // ---- helpers

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int at = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
    return sorted[at];
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU time (ns) by thread id, with the thread's name: {cpu} and the name kept aside. */
  private final Map<Long, String> threadNames = new java.util.concurrent.ConcurrentHashMap<>();

  private Map<Long, long[]> threadCpu() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, long[]> out = new LinkedHashMap<>();
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        out.put(info.getThreadId(), new long[] {cpu});
        threadNames.put(info.getThreadId(), info.getThreadName());
      }
    }
    return out;
  }

  private String cpuByGroup(Map<Long, long[]> before, Map<Long, long[]> after, long wallNanos) {
    Map<String, Long> groups = new java.util.TreeMap<>();
    after.forEach((id, cpu) -> {
      long used = cpu[0] - (before.containsKey(id) ? before.get(id)[0] : 0);
      String group = threadNames.getOrDefault(id, "?").replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-");
      groups.merge(group, used, Long::sum);
    });
    return groups.entrySet().stream().filter(e -> e.getValue() > wallNanos / 100).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) wallNanos)).collect(java.util.stream.Collectors.joining(", "));
  }

  /** The live-object histogram (jcmd GC.class_histogram through the diagnostic MBean, which runs a full GC): class → {instances, bytes}. */
  private static Map<String, long[]> histogram() {
    Map<String, long[]> out = new LinkedHashMap<>();
    try {
      javax.management.ObjectName name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "gcClassHistogram", new Object[] {new String[0]},
          new String[] {String[].class.getName()});
      Pattern line = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
      text.lines().forEach(l -> {
        Matcher m = line.matcher(l);
        if (m.matches()) {
          out.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
      });
    } catch (Exception e) {
      out.put("(no histogram: " + e + ")", new long[] {0, 0});
    }
    return out;
  }

  private static List<String> diff(Map<String, long[]> before, Map<String, long[]> after, int top) {
    Map<String, long[]> d = new LinkedHashMap<>();
    after.forEach((k, v) -> {
      long[] b = before.getOrDefault(k, new long[2]);
      d.put(k, new long[] {v[0] - b[0], v[1] - b[1]});
    });
    long total = d.values().stream().mapToLong(v -> v[1]).sum();
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "in all %+.1f MB", total / 1048576.0));
    d.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(top)
        .forEach(e -> out.add(String.format(Locale.ROOT, "%+,d instances %+.1f MB %s", e.getValue()[0], e.getValue()[1] / 1048576.0, e.getKey())));
    return out;
  }

  /** Collections and milliseconds of GC so far, all collectors. */
  private static long[] gc() {
    long n = 0;
    long ms = 0;
    for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new long[] {n, ms};
  }

  private static long openFiles() {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String fileLimit() {
    try {
      return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files")).findFirst()
          .map(l -> l.replaceAll("\\s+", " ").replace("Max open files ", "")).orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static Map<String, String> options(String[] args) {
    Set<String> known = Set.of("--clients", "--rate", "--batch", "--seconds", "--rounds");
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!known.contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i] + "; options: " + known);
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }
}
