package org.madang.analytics.location;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Solves every OR-Library p-median instance in a folder and prints one Markdown row per instance: instance, n, p,
 * objective, published optimum, gap to the optimum in %, Lagrangian bound gap in %, stop reason, seconds to the best
 * solution (reading included) and in all. Each instance gets the default parameters with unlimited iterations and a
 * time limit, so it stops when the bound proves the solution optimal or at the limit. Not a unit test (minutes):
 *
 * <pre>
 *   cd madang-analytics &amp;&amp; mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   nice java -cp target/classes:target/test-classes:$(cat cp.txt) org.madang.analytics.location.OrLibraryBench \
 *       [folder=src/test/resources/orlib] [seconds=8] [pmedN ...]
 * </pre>
 */
final class OrLibraryBench {

  private OrLibraryBench() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "src/test/resources/orlib");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10.0;
    Map<String, Long> optimum = new LinkedHashMap<>();
    for (String line : Files.readAllLines(folder.resolve("pmedopt_shared.csv"))) {
      String[] parts = line.split(",");
      if (parts.length == 2 && parts[1].strip().matches("\\d+")) {
        optimum.put(parts[0].strip(), Long.parseLong(parts[1].strip()));
      }
    }
    List<String> names = new ArrayList<>();
    for (int k = 2; k < args.length; k++) {
      names.add(args[k]);
    }
    if (names.isEmpty()) {
      names.addAll(optimum.keySet());
    }
    System.out.println("| instance | n | p | objective | optimum | gap % | bound gap % | stop | s to best | s total |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    int solved = 0;
    double worst = 0;
    for (String name : names) {
      long start = System.nanoTime();
      OrLibraryInstance instance = OrLibraryPmedReader.read(folder.resolve(name + ".txt"));
      double readSeconds = (System.nanoTime() - start) / 1e9;
      PMedianSolution s = PMedianSolver.solve(instance.problem(),
          PMedianParameters.of(instance.p()).withIterations(Integer.MAX_VALUE).withTimeLimit(Duration.ofMillis((long) (seconds * 1000))));
      double total = (System.nanoTime() - start) / 1e9;
      long opt = optimum.getOrDefault(name, -1L);
      double gap = opt > 0 ? 100.0 * (s.objective() - opt) / opt : Double.NaN;
      if (opt > 0 && s.objective() == opt) {
        solved++;
      }
      worst = Math.max(worst, total);
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %.0f | %d | %.3f | %.3f | %s | %.2f | %.2f (read %.2f) |%n",
          name, instance.vertexCount(), instance.p(), s.objective(), opt, gap, 100 * s.gap(), s.stopReason(),
          s.secondsToBest() + readSeconds, total, readSeconds);
    }
    System.out.printf(Locale.ROOT, "%d of %d at the known optimum; slowest %.2f s (time limit %.1f s)%n",
        solved, names.size(), worst, seconds);
  }
}
