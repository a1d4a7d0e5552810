package org.madang.bench;

import com.google.ortools.Loader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.analytics.location.OrLibraryInstance;
import org.madang.analytics.location.OrLibraryPmedReader;
import org.madang.analytics.location.PMedianParameters;
import org.madang.analytics.location.PMedianSolution;
import org.madang.analytics.location.PMedianSolver;

/**
 * Our p-median solver and Google OR-Tools' exact MIP ({@link MipPMedian}) on every OR-Library instance in a folder, in
 * one run, printed as a Markdown table.
 *
 * <p>Ours: {@link PMedianSolver} with its defaults (32-iteration budget lifted, stopping when the Lagrangian bound
 * proves the incumbent optimal or at the time limit), once per seed 0, 1, ...; "time to optimum" is the solution's
 * {@code secondsToBest} when the best objective equals the published optimum, and the median is over the seeds that
 * reached it. With {@code --stop-at-optimum true} (the default) a run is also cancelled, through the progress
 * callback, after the iteration in which its incumbent reached the published optimum (time-to-target, as in
 * Aiex, Resende and Ribeiro's TTT plots); this keeps runs whose bound cannot prove optimality from idling until the
 * time limit, and does not change the time to the optimum. OR-Tools: time to the proven optimum (the solver's wall time when it returns OPTIMAL with the published
 * value); it has no incumbent callback through {@code MPSolver}, so the moment its incumbent first equals the
 * optimum is not observable. Reading the file and computing all-pairs shortest paths is shared and timed apart.
 *
 * <pre>
 *   nice java -Xmx12g -cp madang-bench/target/madang-bench.jar org.madang.bench.PMedianSideBySide \
 *       [--orlib madang-analytics/src/test/resources/orlib] [--instances pmed1,pmed2] [--seeds 3] \
 *       [--our-limit 10] [--mip-limit 120] [--mip-solver SCIP]
 * </pre>
 */
public final class PMedianSideBySide {

  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("orlib", "madang-analytics/src/test/resources/orlib"),
      Map.entry("instances", "all"),
      Map.entry("seeds", "3"),
      Map.entry("our-limit", "10"),
      Map.entry("mip-limit", "120"),
      Map.entry("mip-solver", "SCIP"),
      Map.entry("mip-repeats", "3"),
      Map.entry("mip-repeat-below", "5"),
      Map.entry("mip", "true"),
      Map.entry("stop-at-optimum", "true"));

  private PMedianSideBySide() {}

  public static void main(String[] args) throws IOException {
    Options options = new Options(args, DEFAULTS);
    long started = System.nanoTime();
    Path folder = Path.of(options.text("orlib"));
    Map<String, Long> optimum = readOptima(folder.resolve("pmedopt_shared.csv"));
    List<String> names = new ArrayList<>();
    if (options.text("instances").equals("all")) {
      names.addAll(optimum.keySet());
    } else {
      for (String s : options.text("instances").split(",")) {
        names.add(s.strip());
      }
    }
    boolean mip = Boolean.parseBoolean(options.text("mip"));
    String solverId = options.text("mip-solver");
    double mipLimit = options.number("mip-limit");
    int seeds = options.integer("seeds");
    double ourLimit = options.number("our-limit");
    boolean stopAtOptimum = Boolean.parseBoolean(options.text("stop-at-optimum"));
    if (mip) {
      Loader.loadNativeLibraries();
    }
    System.out.println("## p-median on OR-Library: ours against OR-Tools' exact MIP");
    System.out.println();
    MachineInfo.describe(null).forEach(System.out::println);
    System.out.println("- options: " + options);
    System.out.println();
    System.out.flush();

    // warm-up: let the JIT compile the solver's loops before the first measured instance
    OrLibraryInstance warm = OrLibraryPmedReader.read(folder.resolve(names.get(0) + ".txt"));
    PMedianSolver.solve(warm.problem(), parameters(warm.p(), 99, 2));
    if (mip) {
      MipPMedian.solve(warm.distances(), warm.p(), solverId, 10);
    }

    System.out.println("| instance | n | p | optimum | read + APSP s | ours: at optimum | ours: s to optimum, median (runs) "
        + "| ours: s total, median (stop) | OR-Tools " + solverId + ": status, objective | OR-Tools: build s "
        + "| OR-Tools: solve s to proven optimum, median (runs) | ours / OR-Tools | speed-up |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    int oursAtOptimum = 0;
    int mipOptimal = 0;
    for (String name : names) {
      long readStart = System.nanoTime();
      OrLibraryInstance instance = OrLibraryPmedReader.read(folder.resolve(name + ".txt"));
      double read = Samples.since(readStart);
      long opt = optimum.getOrDefault(name, -1L);
      Samples toOptimum = new Samples();
      Samples total = new Samples();
      Map<String, Integer> stops = new LinkedHashMap<>();
      double worstObjective = Double.NEGATIVE_INFINITY;
      int reached = 0;
      for (int s = 0; s < seeds; s++) {
        PMedianParameters parameters = parameters(instance.p(), s, ourLimit);
        if (stopAtOptimum) {
          // time-to-target: stop once the incumbent equals the published optimum (checked after each iteration)
          boolean[] reachedTarget = new boolean[1];
          parameters = parameters
              .withProgress((iteration, iterations, best, bound) -> reachedTarget[0] |= Math.round(best) <= opt)
              .withCancellation(() -> reachedTarget[0]);
        }
        PMedianSolution solution = PMedianSolver.solve(instance.problem(), parameters);
        total.add(solution.seconds());
        stops.merge(solution.stopReason().name(), 1, Integer::sum);
        worstObjective = Math.max(worstObjective, solution.objective());
        if (Math.round(solution.objective()) == opt) {
          reached++;
          toOptimum.add(solution.secondsToBest());
        }
      }
      if (reached == seeds) {
        oursAtOptimum++;
      }
      String mipStatus = "not run";
      String build = "";
      Samples mipSolve = new Samples();
      boolean mipAtOptimum = false;
      if (mip) {
        int repeats = options.integer("mip-repeats");
        for (int r = 0; r < repeats; r++) {
          MipPMedian.Outcome outcome = MipPMedian.solve(instance.distances(), instance.p(), solverId, mipLimit);
          build = Samples.format(outcome.buildSeconds());
          mipAtOptimum = outcome.optimal() && Math.round(outcome.objective()) == opt;
          mipStatus = outcome.optimal()
              ? String.format(Locale.ROOT, "OPTIMAL %.0f", outcome.objective())
              : String.format(Locale.ROOT, "%s after %.0f s: not solved within limit (best %.0f, bound %.1f)",
                  outcome.status(), outcome.solveSeconds(), outcome.objective(), outcome.bound());
          mipStatus += String.format(Locale.ROOT, " [%,d vars, %,d rows]", outcome.variables(), outcome.constraints());
          if (!mipAtOptimum) {
            break;
          }
          mipSolve.add(outcome.solveSeconds());
          if (outcome.solveSeconds() > options.number("mip-repeat-below")) {
            break;
          }
        }
        if (mipAtOptimum) {
          mipOptimal++;
        }
      }
      String ratio = "–";
      String speedUp = "–";
      if (!toOptimum.isEmpty() && !mipSolve.isEmpty()) {
        double r = toOptimum.median() / mipSolve.median();
        ratio = String.format(Locale.ROOT, r < 0.01 ? "%.4f" : "%.3f", r);
        speedUp = String.format(Locale.ROOT, 1 / r >= 10 ? "%.0f×" : "%.1f×", 1 / r);
      } else if (!toOptimum.isEmpty() && mip) {
        ratio = String.format(Locale.ROOT, "< %.4f", toOptimum.median() / mipLimit);
        speedUp = String.format(Locale.ROOT, "> %.0f×", mipLimit / toOptimum.median());
      }
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s | %d of %d%s | %s (%s) | %s (%s) | %s | %s | %s (%s) | %s | %s |%n",
          name, instance.vertexCount(), instance.p(), opt, Samples.format(read), reached, seeds,
          reached < seeds ? String.format(Locale.ROOT, " (worst %.0f)", worstObjective) : "",
          Samples.format(toOptimum.median()), toOptimum.runs(), Samples.format(total.median()), stops, mipStatus,
          build, mipSolve.isEmpty() ? "–" : Samples.format(mipSolve.median()), mipSolve.runs(), ratio, speedUp);
      System.out.flush();
      System.err.printf(Locale.ROOT, "[%s] done at %.0f s, load %s%n", name, Samples.since(started),
          MachineInfo.loadNow());
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "Ours at the optimum on every seed: %d of %d instances; OR-Tools %s proven optimal "
        + "within %.0f s: %d of %d. Wall time %.0f s; load average at the end %s.%n", oursAtOptimum, names.size(),
        solverId, mipLimit, mipOptimal, mip ? names.size() : 0, Samples.since(started), MachineInfo.loadNow());
  }

  private static PMedianParameters parameters(int p, long seed, double limitSeconds) {
    return PMedianParameters.of(p).withSeed(seed).withIterations(Integer.MAX_VALUE)
        .withTimeLimit(Duration.ofMillis((long) (limitSeconds * 1000)));
  }

  private static Map<String, Long> readOptima(Path csv) throws IOException {
    Map<String, Long> optimum = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv)) {
      String[] parts = line.split(",");
      if (parts.length == 2 && parts[1].strip().matches("\\d+")) {
        optimum.put(parts[0].strip(), Long.parseLong(parts[1].strip()));
      }
    }
    return optimum;
  }
}
