package org.madang.analytics.geo;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * H3 cells of random points across Seoul's bounding box, one thread: H3's native {@code latLngToCell} per point
 * against {@link H3CellLocator}, interleaved rounds, medians. Not a test. Run with {@code mvn -q -pl madang-analytics
 * exec:java -Dexec.mainClass=org.madang.analytics.geo.H3CellLocatorBench -Dexec.classpathScope=test
 * -Dexec.args="[points=1000000] [resolution=9]"}. Each round builds a fresh locator for Seoul's bounding box; its
 * build time is printed apart.
 */
final class H3CellLocatorBench {

  private H3CellLocatorBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int resolution = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    SplittableRandom random = new SplittableRandom(20240601);
    double[] lats = new double[n];
    double[] lons = new double[n];
    for (int i = 0; i < n; i++) {
      lats[i] = 37.41 + random.nextDouble() * 0.31;
      lons[i] = 126.76 + random.nextDouble() * 0.43;
    }
    H3Binner h3 = H3Binner.atResolution(resolution);
    int rounds = 7;
    double[] natives = new double[rounds];
    double[] located = new double[rounds];
    long check = 0;
    for (int round = 0; round < rounds; round++) {
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        check += h3.cellOf(lats[i], lons[i]);
      }
      natives[round] = (System.nanoTime() - t) / 1e9;
      long built = System.nanoTime();
      H3CellLocator locator = H3CellLocator.covering(h3, 37.41, 126.76, 37.72, 127.19);
      double buildSeconds = (System.nanoTime() - built) / 1e9;
      t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        check -= locator.cellOf(lats[i], lons[i]);
      }
      located[round] = (System.nanoTime() - t) / 1e9;
      System.out.printf(Locale.ROOT, "round %d: native %.3f s, locator %.3f s (built in %.3f s, %d cells%s)%n", round + 1, natives[round], located[round], buildSeconds, locator.drawnCells(),
          locator.hasLattice() ? ", as a lattice" : "");
    }
    if (check != 0) {
      throw new IllegalStateException("the locator disagreed with H3");
    }
    double a = median(natives);
    double b = median(located);
    System.out.printf(Locale.ROOT, "%,d points, resolution %d, medians of %d rounds: native %.1f ns/point, locator %.1f ns/point, %.1fx faster%n",
        n, resolution, rounds, a * 1e9 / n, b * 1e9 / n, a / b);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
