package org.madang.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.hotspot.DbscanClustering;
import org.madang.analytics.hotspot.DbscanParameters;
import org.madang.analytics.hotspot.DbscanResult;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.analytics.hotspot.HotspotParameters;
import org.madang.analytics.hotspot.HotspotResult;
import org.madang.analytics.hotspot.LocalHotspot;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.analytics.weights.DistanceWeights;
import org.madang.analytics.weights.SpatialWeights;

/**
 * Our spatial kernels and PostGIS on the same points in one run, each step repeated with ours and PostGIS's runs
 * interleaved (so a burst of load on the shared machine hits both), printed as Markdown: medians, every run, and the
 * ratio PostGIS / ours (above 1: we are faster). Each comparison also checks that both sides found the same answer.
 *
 * <pre>
 *   nice java -Xmx12g -cp madang-bench/target/madang-bench.jar org.madang.bench.SpatialSideBySide \
 *       [--only dbscan,gistar,pip] [--points 1000000] [--pip-points 1000000,10000000] [--repeats 3] ...
 * </pre>
 * Timing covers the kernel on arrays already in memory (ours) and the query on a table already loaded and indexed
 * (PostGIS); loading and index building are reported on their own rows.
 */
public final class SpatialSideBySide {

  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("only", "dbscan,gistar,pip"),
      Map.entry("points", "1000000"),
      Map.entry("seed", Long.toString(SeoulPoints.DEFAULT_SEED)),
      Map.entry("repeats", "3"),
      Map.entry("peer-repeats", "3"),
      Map.entry("eps", "50"),
      Map.entry("min-points", "10"),
      Map.entry("band", "50"),
      Map.entry("gistar-peer-repeats", "1"),
      Map.entry("pip-points", "1000000,10000000"),
      Map.entry("pip-peer-repeats-large", "2"),
      Map.entry("dongs", "../shared/data/seoul_boundaries/seoul_admdong_kostat2013_simple.geojson"),
      Map.entry("pg-url", "jdbc:postgresql://127.0.0.1:5432/test"),
      Map.entry("pg-user", "postgres"),
      Map.entry("tables", "temp"),
      Map.entry("statement-timeout", "900"));

  private final Options options;
  private final List<String> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private SpatialSideBySide(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = new Options(args, DEFAULTS);
    new SpatialSideBySide(options).run();
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    try (PostgisPeer postgis = new PostgisPeer(options.text("pg-url"), options.text("pg-user"),
        !options.text("tables").equals("unlogged"), options.integer("statement-timeout"))) {
      System.out.println("## Spatial kernels side by side with PostGIS");
      System.out.println();
      MachineInfo.describe(postgis.connection()).forEach(System.out::println);
      System.out.println("- PostgreSQL session: " + postgis.settings());
      System.out.println("- options: " + options);
      System.out.println();
      System.out.flush();
      if (options.has("only", "dbscan") || options.has("only", "gistar")) {
        SeoulPoints points = SeoulPoints.generate(options.integer("points"), options.longValue("seed"));
        System.out.printf(Locale.ROOT, "Points: %,d from SeoulPoints (seed %d), projected to metres.%n%n",
            points.size(), points.seed());
        double load = postgis.loadPoints("pts", points.x(), points.y(), points.value(), 5186);
        row("PostGIS: COPY %,d points into a table + ANALYZE", points.size(), load);
        if (options.has("only", "dbscan")) {
          dbscan(points, postgis);
        }
        if (options.has("only", "gistar")) {
          double index = postgis.indexPoints("pts");
          row("PostGIS: GiST index on %,d points", points.size(), index);
          gistar(points, postgis);
        }
        postgis.drop("pts");
      }
      if (options.has("only", "pip")) {
        pointInPolygon(postgis);
      }
    }
    System.out.println("| step | ours: median s (runs) | PostGIS: median s (runs) | PostGIS / ours |");
    System.out.println("|---|---|---|---|");
    rows.forEach(System.out::println);
    System.out.println();
    notes.forEach(n -> System.out.println("- " + n));
    System.out.printf(Locale.ROOT, "%nWall time of the whole run: %.0f s; load average at the end: %s%n",
        Samples.since(started), MachineInfo.loadNow());
  }

  private void dbscan(SeoulPoints points, PostgisPeer postgis) throws SQLException {
    double eps = options.number("eps");
    int minPoints = options.integer("min-points");
    DbscanParameters parameters = new DbscanParameters(eps, minPoints);
    String sql = String.format(Locale.ROOT,
        "SELECT count(DISTINCT cid), count(*) FILTER (WHERE cid IS NULL) FROM ("
            + "SELECT ST_ClusterDBSCAN(geom, %s, %d) OVER () AS cid FROM %s) c", eps, minPoints, postgis.table("pts"));
    DbscanClustering.run(points.x(), points.y(), parameters); // warm-up (JIT)
    Samples ours = new Samples();
    Samples theirs = new Samples();
    DbscanResult result = null;
    double[] peer = null;
    int repeats = Math.max(options.integer("repeats"), options.integer("peer-repeats"));
    for (int r = 0; r < repeats; r++) {
      if (r < options.integer("repeats")) {
        long t = System.nanoTime();
        result = DbscanClustering.run(points.x(), points.y(), parameters);
        ours.add(Samples.since(t));
      }
      if (r < options.integer("peer-repeats")) {
        long t = System.nanoTime();
        peer = postgis.query(sql).get(0);
        theirs.add(Samples.since(t));
      }
      progress("dbscan", r, ours, theirs);
    }
    compare(String.format(Locale.ROOT, "DBSCAN, %,d points, eps %s m, minPoints %d (ST_ClusterDBSCAN)",
        points.size(), eps, minPoints), ours, theirs);
    notes.add(String.format(Locale.ROOT,
        "DBSCAN answers: ours %d clusters, %d noise points; PostGIS %d clusters, %d noise points (%s)",
        result.clusterCount(), result.noiseCount(), (long) peer[0], (long) peer[1],
        result.clusterCount() == (long) peer[0] && result.noiseCount() == (long) peer[1] ? "same" : "DIFFERENT"));
  }

  private void gistar(SeoulPoints points, PostgisPeer postgis) throws SQLException {
    double band = options.number("band");
    String pts = postgis.table("pts");
    String neighbourhood = String.format(Locale.ROOT,
        "SELECT a.id, sum(b.v) AS lag, count(*)::float8 AS w FROM %s a JOIN %s b ON ST_DWithin(a.geom, b.geom, %s) "
            + "GROUP BY a.id", pts, pts, band);
    String sumSql = "SELECT count(*), sum(lag), sum(w) FROM (" + neighbourhood + ") nb";
    // Gi* with binary weights and self included (Getis & Ord 1995; ArcGIS's z), population standard deviation
    String giStarSql = "WITH stats AS (SELECT count(*)::float8 AS n, avg(v) AS mean, sqrt(avg(v * v) - avg(v) ^ 2) AS s"
        + " FROM " + pts + "), nb AS (" + neighbourhood + "), z AS (SELECT (nb.lag - st.mean * nb.w)"
        + " / (st.s * sqrt((st.n * nb.w - nb.w * nb.w) / (st.n - 1))) AS z FROM nb, stats st)"
        + " SELECT count(*) FILTER (WHERE z > 1.959963984540054), count(*) FILTER (WHERE z < -1.959963984540054),"
        + " avg(z) FROM z";
    notes.add("PostGIS plan for the neighbourhood sum: "
        + postgis.explain(sumSql).lines().map(String::strip).filter(l -> !l.isEmpty()).limit(8).toList());
    HotspotParameters parameters = HotspotParameters.of(LocalStatistic.GI_STAR);
    // warm-up (JIT)
    SpatialWeights warm = DistanceWeights.distanceBand(points.x(), points.y(), band);
    HotspotAnalysis.run(points.value(), warm, parameters);
    warm = null;
    Samples oursWeights = new Samples();
    Samples oursLag = new Samples();
    Samples oursStatistic = new Samples();
    Samples oursSum = new Samples();
    Samples oursTotal = new Samples();
    Samples theirsSum = new Samples();
    Samples theirsGiStar = new Samples();
    double[] lag = null;
    HotspotResult result = null;
    SpatialWeights weights = null;
    double[] peerSum = null;
    double[] peerGiStar = null;
    int repeats = Math.max(options.integer("repeats"),
        Math.max(options.integer("peer-repeats"), options.integer("gistar-peer-repeats")));
    for (int r = 0; r < repeats; r++) {
      if (r < options.integer("repeats")) {
        weights = null;
        result = null;
        long t = System.nanoTime();
        weights = DistanceWeights.distanceBand(points.x(), points.y(), band);
        double w = Samples.since(t);
        oursWeights.add(w);
        long t2 = System.nanoTime();
        lag = weights.withSelfWeight(1.0).lag(points.value());
        double l = Samples.since(t2);
        oursLag.add(l);
        oursSum.add(w + l);
        long t3 = System.nanoTime();
        result = HotspotAnalysis.run(points.value(), weights, parameters);
        double s = Samples.since(t3);
        oursStatistic.add(s);
        oursTotal.add(w + s);
      }
      if (r < options.integer("peer-repeats")) {
        long t = System.nanoTime();
        peerSum = postgis.query(sumSql).get(0);
        theirsSum.add(Samples.since(t));
      }
      if (r < options.integer("gistar-peer-repeats")) {
        long t2 = System.nanoTime();
        peerGiStar = postgis.query(giStarSql).get(0);
        theirsGiStar.add(Samples.since(t2));
      }
      progress("gistar", r, oursSum, theirsSum);
    }
    String what = String.format(Locale.ROOT, "%,d points, distance band %s m", points.size(), band);
    compare("Gi* neighbourhood sum Σ_j w_ij x_j, " + what + ": ours = distance-band weights (k-d tree) + lag; "
        + "PostGIS = ST_DWithin self-join + GROUP BY", oursSum, theirsSum);
    rowOurs("  of which ours: building the weights", oursWeights);
    rowOurs("  of which ours: the lag (sparse matrix × vector)", oursLag);
    compare("Gi* complete, " + what + ": ours = weights + HotspotAnalysis.run (z, p, FDR, global Moran/Geary); "
        + "PostGIS = the same join + Gi* z in SQL", oursTotal, theirsGiStar);
    rowOurs("  of which ours: HotspotAnalysis.run on built weights", oursStatistic);
    long links = weights.linkCount();
    double lagSum = Arrays.stream(lag).sum();
    long hot = 0;
    long cold = 0;
    double zSum = 0;
    for (LocalHotspot f : result.features()) {
      hot += f.z() > 1.959963984540054 ? 1 : 0;
      cold += f.z() < -1.959963984540054 ? 1 : 0;
      zSum += f.z();
    }
    notes.add(String.format(Locale.ROOT,
        "Gi* answers: ours %,d links (%.1f neighbours per point), Σ lag %.0f, %,d with z > 1.96, %,d with z < -1.96, "
            + "mean z %.6f; PostGIS Σ lag %.0f, Σ w %.0f (= links + n: %s), %,d with z > 1.96, %,d with z < -1.96, "
            + "mean z %.6f; %,d significant at FDR 5%% (ours only)",
        links, (double) links / points.size(), lagSum, hot, cold, zSum / points.size(), peerSum[1], peerSum[2],
        (long) peerSum[2] == links + points.size() ? "same" : "DIFFERENT", (long) peerGiStar[0], (long) peerGiStar[1],
        peerGiStar[2], result.significantCount()));
  }

  private void pointInPolygon(PostgisPeer postgis) throws SQLException {
    Path file = Path.of(options.text("dongs"));
    SeoulDongs dongs = SeoulDongs.read(file);
    postgis.loadDongs(dongs);
    notes.add(String.format(Locale.ROOT, "Dongs: %d features from %s", dongs.size(), file.getFileName()));
    Samples build = new Samples();
    DistrictIndex index = null;
    for (int r = 0; r < options.integer("repeats"); r++) {
      long t = System.nanoTime();
      index = DistrictIndex.of(dongs.districts());
      build.add(Samples.since(t));
    }
    rowOurs(String.format(Locale.ROOT, "DistrictIndex.of(%d dongs): raster + STRtree", dongs.size()), build);
    String countSql = "SELECT d.idx, count(*) FROM " + postgis.table("dongs") + " d JOIN " + postgis.table("pip")
        + " p ON ST_Contains(d.geom, p.geom) GROUP BY d.idx";
    int[] sizes = Arrays.stream(options.text("pip-points").split(",")).mapToInt(s -> Integer.parseInt(s.strip()))
        .toArray();
    for (int size : sizes) {
      SeoulPoints points = SeoulPoints.generate(size, options.longValue("seed"));
      boolean large = size > 2_000_000;
      int peerRepeats = large ? options.integer("pip-peer-repeats-large") : options.integer("peer-repeats");
      double load = postgis.loadPoints("pip", points.lon(), points.lat(), null, 4326);
      double gist = postgis.indexPoints("pip");
      row("PostGIS: COPY %,d points (lon/lat) + ANALYZE", size, load);
      row("PostGIS: GiST index on %,d points", size, gist);
      if (size == sizes[0]) {
        notes.add("PostGIS plan for the dong join: "
            + postgis.explain(countSql).lines().map(String::strip).filter(l -> !l.isEmpty()).limit(8).toList());
      }
      DistrictAssignment.countPerDistrict(index, points.lon(), points.lat(), 1); // warm-up (JIT)
      Samples oneThread = new Samples();
      Samples twoThreads = new Samples();
      Samples theirs = new Samples();
      long[] ours = null;
      List<double[]> peer = null;
      int repeats = Math.max(options.integer("repeats"), peerRepeats);
      for (int r = 0; r < repeats; r++) {
        if (r < options.integer("repeats")) {
          long t = System.nanoTime();
          ours = DistrictAssignment.countPerDistrict(index, points.lon(), points.lat(), 1);
          oneThread.add(Samples.since(t));
          long t2 = System.nanoTime();
          long[] parallel = DistrictAssignment.countPerDistrict(index, points.lon(), points.lat(), 2);
          twoThreads.add(Samples.since(t2));
          if (!Arrays.equals(ours, parallel)) {
            throw new IllegalStateException("one and two threads disagree");
          }
        }
        if (r < peerRepeats) {
          long t = System.nanoTime();
          peer = postgis.query(countSql);
          theirs.add(Samples.since(t));
        }
        progress("pip " + size, r, oneThread, theirs);
      }
      String what = String.format(Locale.ROOT, "Point in polygon, %,d points → %d dongs", size, dongs.size());
      compare(what + ": ours DistrictIndex, 1 thread; PostGIS ST_Contains join + GiST", oneThread, theirs);
      compare(what + ": ours DistrictIndex, 2 threads; PostGIS ST_Contains join + GiST", twoThreads, theirs);
      long[] peerCounts = new long[dongs.size()];
      for (double[] row : peer) {
        peerCounts[(int) row[0]] = (long) row[1];
      }
      long inside = 0;
      long differ = 0;
      long differentDongs = 0;
      for (int d = 0; d < dongs.size(); d++) {
        inside += ours[d];
        differ += Math.abs(ours[d] - peerCounts[d]);
        differentDongs += ours[d] != peerCounts[d] ? 1 : 0;
      }
      notes.add(String.format(Locale.ROOT,
          "Point in polygon, %,d points: ours %,d inside a dong (%.1f%%), %,d outside; PostGIS %,d inside; "
              + "per-dong counts differ in %d dongs by %d points in all",
          size, inside, 100.0 * inside / size, ours[dongs.size()], Arrays.stream(peerCounts).sum(), differentDongs,
          differ));
      postgis.drop("pip");
    }
  }

  private void compare(String step, Samples ours, Samples theirs) {
    double ratio = theirs.median() / ours.median();
    rows.add(String.format(Locale.ROOT, "| %s | **%s** (%s) | **%s** (%s) | **%s** |", step,
        Samples.format(ours.median()), ours.runs(), Samples.format(theirs.median()), theirs.runs(),
        String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : "%.1f×", ratio)));
  }

  private void rowOurs(String step, Samples ours) {
    rows.add(String.format(Locale.ROOT, "| %s | %s (%s) | | |", step, Samples.format(ours.median()), ours.runs()));
  }

  private void row(String format, int size, double seconds) {
    rows.add(String.format(Locale.ROOT, "| " + format + " | | %s | |", size, Samples.format(seconds)));
  }

  private static void progress(String what, int run, Samples ours, Samples theirs) {
    System.err.printf(Locale.ROOT, "[%s] run %d: ours %s s, PostGIS %s s (load %s)%n", what, run + 1, ours.runs(),
        theirs.runs(), MachineInfo.loadNow());
  }
}
