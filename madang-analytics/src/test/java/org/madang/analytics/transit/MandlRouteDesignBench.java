package org.madang.analytics.transit;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Designs Mandl's network with 4, 6, 7 and 8 routes of 2 to 8 stops (Mumford 2013's setting) for passengers over
 * several seeds, and prints ATT, d0, d1, d2, dun, operator cost, seconds and seed next to the best published
 * passenger-oriented ATT. Not a test (minutes). Run with {@code nice -n 10 mvn -q -pl madang-analytics exec:java
 * -Dexec.mainClass=org.madang.analytics.transit.MandlRouteDesignBench -Dexec.classpathScope=test
 * -Dexec.args="[seeds=5] [iterations=400000] [timeLimitSeconds=60]"}.
 */
final class MandlRouteDesignBench {

  /** The best published passenger-oriented ATT per route count, and who published it. */
  private static final Map<Integer, String> BEST_PUBLISHED = Map.of(
      4, "10.57 (Mumford 2013)", 6, "10.18 (Ahmed et al. 2019)", 7, "10.22 (Mumford 2013)", 8, "10.17 (Mumford 2013)");

  private MandlRouteDesignBench() {}

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
    double limit = args.length > 2 ? Double.parseDouble(args[2]) : 60;
    TransitInstance mandl = MandlFixtures.mandl();
    System.out.println("| routes | seed | ATT | d0 | d1 | d2 | dun | operator cost | s to best | s | stop | best published ATT |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (int routes : new int[] {4, 6, 7, 8}) {
      double bestAtt = Double.POSITIVE_INFINITY;
      double worstAtt = 0;
      double slowest = 0;
      for (long seed = 1; seed <= seeds; seed++) {
        RouteDesignParameters parameters = RouteDesignParameters.of(routes, 8).withSeed(seed)
            .withIterations(iterations, 4).withTimeLimit(Duration.ofMillis((long) (limit * 1000)));
        RouteDesign design = RouteDesigner.design(mandl, parameters);
        RouteSetEvaluation e = design.evaluation();
        bestAtt = Math.min(bestAtt, e.averageTravelTime());
        worstAtt = Math.max(worstAtt, e.averageTravelTime());
        slowest = Math.max(slowest, design.seconds());
        System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f | %.1f | %s | %s |%n",
            routes, seed, e.averageTravelTime(), e.d0(), e.d1(), e.d2(), e.dUnsatisfied(), e.operatorCost(),
            design.secondsToBest(), design.seconds(), design.stopReason(), BEST_PUBLISHED.get(routes));
        System.out.println("    " + design.routes().toString().replace('\n', ' '));
      }
      System.out.printf(Locale.ROOT, "%d routes: best ATT %.4f, worst %.4f over %d seeds, slowest %.1f s; published %s%n",
          routes, bestAtt, worstAtt, seeds, slowest, BEST_PUBLISHED.get(routes));
    }
  }
}
