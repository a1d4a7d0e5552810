package org.madang.feeds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.madang.MadangApplication;
import org.madang.engine.DataEngine;
import org.madang.engine.observation.StationReading;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Intake throughput of the real application (not a test: timings depend on the machine). Starts the platform without
 * the demo on a fresh data dir, then runs rounds that interleave three ways in:
 *
 * <ul>
 *   <li>{@code store 1000}: {@code DataEngine.observations().append} with batches of 1,000 from 4 threads, the floor
 *       (no checks, no registry, no events);
 *   <li>{@code intake 1000}: {@link FeedService#accept} with batches of 1,000 from 4 threads, as the MQTT connector
 *       and gateways call it (checks, registry, quarantine, metrics, {@link ObservationsReceived} to the live stream
 *       and the alert evaluator);
 *   <li>{@code intake 1}: {@link FeedService#accept} with one observation per call from 64 threads, as un-batched
 *       pushes arrive; the store's group commit is what makes this fast.
 * </ul>
 *
 * Each observation carries two measures ({@code pm10}, {@code pm25}) of one of 1,000 stations (registered in the warm-up),
 * each thread reporting for stations of its own, all observations new.
 * Prints each round and the medians. Run with {@code FeedIntakeBenchmark [rounds=5] [batchObservations=200000]
 * [singleObservations=20000] [dataDir]}:
 *
 * <pre>mvn -q -pl madang-app exec:java -Dexec.mainClass=org.madang.feeds.FeedIntakeBenchmark -Dexec.classpathScope=test</pre>
 */
public final class FeedIntakeBenchmark {

  private static final String FEED = "bench";
  private static final int STATIONS = 1000;
  private static final int BATCH_THREADS = 4;
  private static final int SINGLE_THREADS = 64;

  private FeedIntakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int batchObservations = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 200_000;
    int singleObservations = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 20_000;
    Path dataDir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("madang-feed-bench");
    ConfigurableApplicationContext app = SpringApplication.run(MadangApplication.class,
        "--madang.data-dir=" + dataDir, "--madang.demo=false", "--server.port=0", "--madang.admin-password=bench-password",
        "--madang.feeds.simulator.enabled=false", "--logging.level.root=WARN");
    try {
      FeedService intake = app.getBean(FeedService.class);
      DataEngine engine = app.getBean(DataEngine.class);
      FeedRegistry registry = app.getBean(FeedRegistry.class);
      registry.saveFeed(new Feed(FEED, "벤치마크", "Benchmark", null, 30, List.of()));
      registry.saveFeed(new Feed(FEED + "-store", "벤치마크 (저장소)", "Benchmark (store)", null, 30, List.of()));
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(6).truncatedTo(ChronoUnit.SECONDS);
      registry.saveFeed(new Feed(FEED + "-single", "벤치마크 (단건)", "Benchmark (single)", null, 30, List.of()));
      Clock batchClock = new Clock(start, BATCH_THREADS);
      Clock storeClock = new Clock(start, BATCH_THREADS);
      Clock singleClock = new Clock(start, SINGLE_THREADS);
      System.out.printf(Locale.ROOT, "cores=%d rounds=%d batch_observations=%,d single_observations=%,d data_dir=%s%n",
          Runtime.getRuntime().availableProcessors(), rounds, batchObservations, singleObservations, dataDir);

      // warm-up: registers the stations and compiles the paths
      intakeBatches(intake, batchClock, 20_000);
      storeBatches(engine, storeClock, 20_000);
      intakeSingles(intake, singleClock, 2_000);

      double[] store = new double[rounds];
      double[] batches = new double[rounds];
      double[] singles = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        store[r] = storeBatches(engine, storeClock, batchObservations);
        batches[r] = intakeBatches(intake, batchClock, batchObservations);
        singles[r] = intakeSingles(intake, singleClock, singleObservations);
        System.out.printf(Locale.ROOT, "round %d: store 1000 %,.0f obs/s | intake 1000 %,.0f obs/s | intake 1 %,.0f obs/s%n",
            r + 1, store[r], batches[r], singles[r]);
      }
      System.out.printf(Locale.ROOT, "median: store 1000 %,.0f obs/s | intake 1000 %,.0f obs/s | intake 1 %,.0f obs/s (rows = 2 x obs)%n",
          median(store), median(batches), median(singles));
    } finally {
      app.close();
    }
  }

  /**
   * Observation times per thread: each thread reports for stations of its own (as each gateway has its own sensors)
   * at times one microsecond apart, so every observation is newer than its station's last, as in a live feed.
   */
  private static final class Clock {
    private final OffsetDateTime start;
    private final AtomicLong[] ticks;
    private final int stationsPerThread;

    Clock(OffsetDateTime start, int threads) {
      this.start = start;
      this.ticks = new AtomicLong[threads];
      Arrays.setAll(ticks, t -> new AtomicLong());
      this.stationsPerThread = STATIONS / threads;
    }

    Observation next(int thread) {
      long tick = ticks[thread].getAndIncrement();
      int s = thread * stationsPerThread + (int) (tick % stationsPerThread);
      double lat = 37.45 + (s % 40) * 0.005;
      double lon = 126.85 + (s / 40) * 0.01;
      return new Observation("sensor-" + s, start.plusNanos(tick * 1000L), lat, lon, Map.of("pm10", 20.0 + s % 50, "pm25", 10.0 + s % 30), Map.of());
    }
  }

  private static double intakeBatches(FeedService intake, Clock clock, int total) throws Exception {
    return run(BATCH_THREADS, total / 1000, thread -> {
      List<Observation> batch = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        batch.add(clock.next(thread));
      }
      if (intake.accept(FEED, batch, "bench").accepted() != 1000) {
        throw new IllegalStateException("a batch was not accepted whole");
      }
    }, total);
  }

  private static double storeBatches(DataEngine engine, Clock clock, int total) throws Exception {
    return run(BATCH_THREADS, total / 1000, thread -> {
      List<StationReading> batch = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        Observation o = clock.next(thread);
        batch.add(new StationReading(o.station(), o.observedAt().toInstant(), o.lat(), o.lon(), null, o.values(), o.labels()));
      }
      engine.observations().append(FEED + "-store", batch);
    }, total);
  }

  private static double intakeSingles(FeedService intake, Clock clock, int total) throws Exception {
    return run(SINGLE_THREADS, total, thread -> {
      if (intake.accept(FEED + "-single", List.of(clock.next(thread)), "bench").accepted() != 1) {
        throw new IllegalStateException("an observation was not accepted");
      }
    }, total);
  }

  /** Runs {@code calls} calls on {@code threads} threads; returns observations per second. */
  private static double run(int threads, int calls, java.util.function.IntConsumer call, int observations) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicLong left = new AtomicLong(calls);
      long start = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          while (left.getAndDecrement() > 0) {
            call.accept(thread);
          }
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
      return observations / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
