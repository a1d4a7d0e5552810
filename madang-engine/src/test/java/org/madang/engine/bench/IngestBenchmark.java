package org.madang.engine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.EngineOptions;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.geo.DistrictBoundaries;

/**
 * Ingest speed, side by side in one run on one file: DuckDB's own {@code read_csv} without enrichment (the floor),
 * and the engine's full ingest (encoding and dialect detection, typed load, district and H3 enrichment of every row,
 * checks, profile, publish). Two floors are printed: a scan ({@code SELECT count(*) FROM read_csv(...)}) and a load
 * into a table of a fresh database file ({@code CREATE TABLE AS SELECT * FROM read_csv(...)}), which is the same work as
 * an ingest minus everything the engine adds.
 *
 * <p>Not a test: timings depend on the machine. Run with {@code IngestBenchmark [rows=1000000] [threads=cores]
 * [memoryLimit=2GB] [workDir]}; the input is made by {@link BikeStationFileGenerator} (seeded) and kept in
 * {@code workDir} for the next run. Five rounds, each running the floors and two ingests back to back; medians. Each
 * round opens a fresh engine and ingests the file twice: the first ingest also draws the city's H3 cells (once per
 * engine, see {@code LocationFunctions}); the second is what every upload to a running platform costs.
 */
public final class IngestBenchmark {

  private static final int RUNS = 5;

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    String memory = args.length > 2 ? args[2] : "2GB";
    Path work = args.length > 3 ? Path.of(args[3]) : Path.of(System.getProperty("java.io.tmpdir"), "madang-bench");
    Files.createDirectories(work);
    DistrictIndex seoul = seoul();
    Path csv = work.resolve("bike_stations_" + rows + ".csv");
    if (!Files.exists(csv)) {
      long t = System.nanoTime();
      BikeStationFileGenerator.write(csv, rows, seoul, StandardCharsets.UTF_8);
      System.out.printf(Locale.ROOT, "generated %s (%,d bytes) in %.1f s%n", csv, Files.size(csv), (System.nanoTime() - t) / 1e9);
    }
    System.out.printf(Locale.ROOT, "rows=%,d threads=%d memory_limit=%s cores=%d%n", rows, threads, memory, Runtime.getRuntime().availableProcessors());

    // rounds interleave the floor and our ingest, so load on this shared machine hits both alike
    double[] scans = new double[RUNS];
    double[] loads = new double[RUNS];
    double[] firsts = new double[RUNS];
    double[] ingests = new double[RUNS];
    double[] ratios = new double[RUNS];
    String breakdown = "";
    for (int run = 0; run < RUNS; run++) {
      Path db = work.resolve("floor.duckdb");
      deleteTree(db);
      Files.deleteIfExists(work.resolve("floor.duckdb.wal"));
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
          Statement s = c.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute("SET memory_limit = '" + memory + "'");
        long t = System.nanoTime();
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_csv('" + csv + "')")) {
          r.next();
        }
        scans[run] = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        s.execute("CREATE TABLE stations AS SELECT * FROM read_csv('" + csv + "')");
        s.execute("CHECKPOINT");
        loads[run] = (System.nanoTime() - t) / 1e9;
      }
      Files.deleteIfExists(db);

      Path dataDir = work.resolve("engine");
      deleteTree(dataDir);
      EngineOptions options = new EngineOptions(dataDir, seoul, 9, Long.MAX_VALUE, 1024, 1L << 30, memory, threads);
      try (DataEngine engine = DataEngine.open(options)) {
        // the first upload after the engine opens also draws the city's H3 cells (LocationFunctions); a running
        // platform has drawn them at start-up (the demo city) and every later upload finds them drawn
        firsts[run] = ingest(engine, 1, csv, rows, null);
        PhaseTimer phases = new PhaseTimer();
        ingests[run] = ingest(engine, 2, csv, rows, phases);
        ratios[run] = ingests[run] / scans[run];
        breakdown = phases.toString();
      }
      deleteTree(dataDir);
      System.out.printf(Locale.ROOT, "round %d: scan %.3f s, load %.3f s, first ingest %.3f s (%.2fx scan), ingest %.3f s (%.2fx scan)%n",
          run + 1, scans[run], loads[run], firsts[run], firsts[run] / scans[run], ingests[run], ratios[run]);
    }
    double scan = median(scans);
    double load = median(loads);
    double ingest = median(ingests);

    System.out.println();
    System.out.printf(Locale.ROOT, "medians of %d interleaved rounds%n", RUNS);
    System.out.printf(Locale.ROOT, "%-76s %8s %14s %8s%n", "", "seconds", "rows/s", "ratio");
    line("DuckDB scan: SELECT count(*) FROM read_csv", scan, rows, scan);
    line("DuckDB load: CREATE TABLE AS SELECT * FROM read_csv", load, rows, scan);
    line("Madang ingest, the engine's first (draws the H3 cells too)", median(firsts), rows, scan);
    line("Madang ingest on a running engine (district + H3, checks, profile, publish)", ingest, rows, scan);
    System.out.printf(Locale.ROOT, "median of per-round ratios ingest/scan: %.2fx; ingest / load floor: %.2fx; phases of the last round: %s%n",
        median(ratios), ingest / load, breakdown);
    System.out.printf(Locale.ROOT, "peak RSS %s, JVM heap max %,d MB%n", peakRss(), Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Seconds to stage and publish one version of the file, checking that every row was stored and located. */
  private static double ingest(DataEngine engine, int version, Path csv, long rows, PhaseTimer phases) {
    IngestProgress progress = phases == null ? IngestProgress.NONE : phases;
    long t = System.nanoTime();
    progress.update("before reading", 0, 0);
    StagedVersion v = engine.stage(IngestRequest.of("bike-stations", version, csv), progress);
    progress.update("publishing", 0, 0);
    v.publish();
    progress.update("published", 0, 0);
    double seconds = (System.nanoTime() - t) / 1e9;
    if (v.rowCount() != rows || v.spatial().locatedRows() != rows) {
      throw new IllegalStateException("ingest lost rows: " + v.rowCount() + " stored, " + v.spatial().locatedRows() + " located");
    }
    return seconds;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Seconds spent in each phase the engine reports. */
  private static final class PhaseTimer implements IngestProgress {
    private final StringBuilder phases = new StringBuilder();
    private String phase;
    private long since = System.nanoTime();

    @Override
    public void update(String next, long done, long total) {
      if (next.equals(phase)) {
        return;
      }
      long now = System.nanoTime();
      if (phase != null) {
        phases.append(String.format(Locale.ROOT, "%s %.3f s, ", phase, (now - since) / 1e9));
      }
      phase = next;
      since = now;
    }

    @Override
    public String toString() {
      return phases.length() > 2 ? phases.substring(0, phases.length() - 2) : "";
    }
  }

  private static void line(String what, double seconds, long rows, double scan) {
    System.out.printf(Locale.ROOT, "%-76s %8.3f %,14.0f %7.2fx%n", what, seconds, rows / seconds, seconds / scan);
  }

  static DistrictIndex seoul() {
    try (InputStream in = IngestBenchmark.class.getResourceAsStream("/seoul/seoul_gu_juso2015_simple.geojson")) {
      return DistrictBoundaries.readSeoulGu(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String peakRss() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7)).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

}
