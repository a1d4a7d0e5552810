package org.madang.analytics.transit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Designs Mandl's network with 4, 6, 7 and 8 routes of 2 to 8 stops (Mumford 2013's setting) for passengers over
 * several seeds, and prints ATT, d0, d1, d2, dun, operator cost, seconds and seed next to the best published
 * passenger-oriented ATT; CPU seconds are printed beside wall seconds because the machine may be shared. With
 * {@code synthetic SIDE ROUTES MIN MAX SECONDS} it designs a synthetic grid instead ({@link SyntheticCity}, not a real
 * city), for scale. Not a test (minutes). Run with {@code nice -n 10 mvn -q -pl madang-analytics exec:java
 * -Dexec.mainClass=org.madang.analytics.transit.MandlRouteDesignBench -Dexec.classpathScope=test
 * -Dexec.args="[seeds=5] [iterations=400000] [timeLimitSeconds=60]"}.
 */
final class MandlRouteDesignBench {

  /** The best published passenger-oriented ATT per route count, and who published it. */
  private static final Map<Integer, String> BEST_PUBLISHED = Map.of(
      4, "10.57 (Mumford 2013)", 6, "10.18 (Ahmed et al. 2019)", 7, "10.22 (Mumford 2013)", 8, "10.17 (Mumford 2013)");

  private MandlRouteDesignBench() {}

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("synthetic")) {
      synthetic(args);
      return;
    }
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    double limit = args.length > 2 ? Double.parseDouble(args[2]) : 60;
    TransitInstance mandl = MandlFixtures.mandl();
    System.out.println("| routes | seed | ATT | d0 | d1 | d2 | dun | operator cost | s to best | s | CPU s | stop | best published ATT |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int routes : new int[] {4, 6, 7, 8}) {
      double bestAtt = Double.POSITIVE_INFINITY;
      double worstAtt = 0;
      double slowest = 0;
      for (long seed = 1; seed <= seeds; seed++) {
        RouteDesignParameters parameters = RouteDesignParameters.of(routes, 8).withSeed(seed)
            .withIterations(iterations, 4).withTimeLimit(Duration.ofMillis((long) (limit * 1000)));
        long cpu = THREADS.getCurrentThreadCpuTime();
        RouteDesign design = RouteDesigner.design(mandl, parameters);
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        RouteSetEvaluation e = design.evaluation();
        bestAtt = Math.min(bestAtt, e.averageTravelTime());
        worstAtt = Math.max(worstAtt, e.averageTravelTime());
        slowest = Math.max(slowest, design.seconds());
        System.out.printf(Locale.ROOT, "| %d | %d | %.4f | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f | %.1f | %.1f | %s | %s |%n",
            routes, seed, e.averageTravelTime(), e.d0(), e.d1(), e.d2(), e.dUnsatisfied(), e.operatorCost(),
            design.secondsToBest(), design.seconds(), cpuSeconds, design.stopReason(), BEST_PUBLISHED.get(routes));
        System.out.println("    " + design.routes().toString().replace('\n', ' '));
      }
      System.out.printf(Locale.ROOT, "%d routes: best ATT %.4f, worst %.4f over %d seeds, slowest %.1f s; published %s%n",
          routes, bestAtt, worstAtt, seeds, slowest, BEST_PUBLISHED.get(routes));
    }
  }

  /** A synthetic grid of side × side nodes: the first design found (the time limit stops it) and where it ends. */
  private static void synthetic(String[] args) {
    int side = Integer.parseInt(args[1]);
    int routes = Integer.parseInt(args[2]);
    int min = Integer.parseInt(args[3]);
    int max = Integer.parseInt(args[4]);
    double seconds = Double.parseDouble(args[5]);
    TransitInstance city = SyntheticCity.grid(side, 1);
    System.out.printf(Locale.ROOT, "%s: %d nodes, %d links, %.0f trips; %d routes of %d-%d stops, %.0f s%n",
        city.name(), city.nodeCount(), city.network().linkCount(), city.demand().total(), routes, min, max, seconds);
    double[] firstAtt = {Double.NaN};
    long cpu = THREADS.getCurrentThreadCpuTime();
    RouteDesign design = RouteDesigner.design(city, RouteDesignParameters.of(routes, max).withStops(min, max)
        .withIterations(Integer.MAX_VALUE, 1).withTimeLimit(Duration.ofMillis((long) (seconds * 1000)))
        .withProgress((iteration, iterations, best, bound) -> {
          if (Double.isNaN(firstAtt[0])) {
            firstAtt[0] = best;
          }
        }));
    RouteSetEvaluation e = design.evaluation();
    System.out.printf(Locale.ROOT, "ATT %.3f (after 512 moves %.3f, lower bound %.3f), d0 %.2f d1 %.2f d2 %.2f dun %.2f,"
            + " operator cost %.0f, %d moves, %.1f s (CPU %.1f s), %s%n",
        e.averageTravelTime(), firstAtt[0], design.lowerBound(), e.d0(), e.d1(), e.d2(), e.dUnsatisfied(),
        e.operatorCost(), design.iterations(), design.seconds(), (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
        design.stopReason());
  }
}
