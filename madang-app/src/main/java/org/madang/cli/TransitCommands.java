package org.madang.cli;

import static org.madang.cli.AnalyzeCommand.invalid;
import static org.madang.cli.AnalyzeCommand.kernel;
import static org.madang.cli.AnalyzeCommand.limit;
import static org.madang.cli.AnalyzeCommand.print;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.madang.analytics.transit.MumfordInstanceReader;
import org.madang.analytics.transit.RouteDesign;
import org.madang.analytics.transit.RouteDesignParameters;
import org.madang.analytics.transit.RouteDesigner;
import org.madang.analytics.transit.RouteSet;
import org.madang.analytics.transit.RouteSetEvaluation;
import org.madang.analytics.transit.RouteSetEvaluator;
import org.madang.analytics.transit.TransitInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code madang analyze transit} and {@code analyze transit-evaluate}: design a bus route set for a network in
 * Mumford's format, or evaluate one from a route-set file, printing the same JSON (routes with 1-based node ids, ATT,
 * d0/d1/d2/dun in %, operator cost, seconds).
 */
final class TransitCommands {

  private TransitCommands() {}

  static TransitInstance network(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      throw invalid("There is no folder at " + folder + "; --network takes a folder with NAMETravelTimes.txt and NAMEDemand.txt.");
    }
    return kernel(() -> MumfordInstanceReader.read(folder));
  }

  static Map<String, Object> json(RouteSet routes, RouteSetEvaluation e, long start) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("routes", routes.oneBased());
    out.put("att", e.averageTravelTime());
    out.put("d0", e.d0());
    out.put("d1", e.d1());
    out.put("d2", e.d2());
    out.put("dun", e.dUnsatisfied());
    out.put("operator_cost", e.operatorCost());
    out.put("seconds", (System.nanoTime() - start) / 1e9);
    return out;
  }

  @Command(name = "transit", mixinStandardHelpOptions = true,
      description = "Design bus routes for a network in Mumford's format (NAMETravelTimes.txt, NAMEDemand.txt) for passengers' average travel time.")
  static final class Design implements Callable<Integer> {
    @Option(names = "--network", required = true, description = "Folder with NAMETravelTimes.txt and NAMEDemand.txt.")
    Path network;

    @Option(names = "--routes", required = true, description = "How many routes to design.")
    int routes;

    @Option(names = "--min-stops", defaultValue = "2", description = "Fewest stops a route may have (default 2).")
    int minStops;

    @Option(names = "--max-stops", description = "Most stops a route may have (default 8, or the node count if smaller).")
    Integer maxStops;

    @Option(names = "--transfer-penalty", defaultValue = "5", description = "Minutes added per transfer (default 5).")
    double transferPenalty;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--time-limit", defaultValue = "60", description = "Seconds to search at most (default 60).")
    double timeLimit;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long start = System.nanoTime();
      Duration limit = limit(timeLimit);
      TransitInstance instance = network(network);
      int max = maxStops != null ? maxStops : Math.min(8, instance.nodeCount());
      RouteDesignParameters parameters = kernel(() -> RouteDesignParameters.of(routes, max)
          .withStops(minStops, max).withTransferPenalty(transferPenalty).withSeed(seed).withTimeLimit(limit));
      RouteDesign design = kernel(() -> RouteDesigner.design(instance, parameters));
      print(spec.commandLine().getOut(), json(design.routes(), design.evaluation(), start));
      return 0;
    }
  }

  @Command(name = "transit-evaluate", mixinStandardHelpOptions = true,
      description = "Evaluate a route set (one route a line, 1-based node ids joined by '-') on a network in Mumford's format.")
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--network", required = true, description = "Folder with NAMETravelTimes.txt and NAMEDemand.txt.")
    Path network;

    @Option(names = "--routes-file", required = true, description = "The route set: one route a line, e.g. 1-2-3-6.")
    Path routesFile;

    @Option(names = "--transfer-penalty", defaultValue = "5", description = "Minutes added per transfer (default 5).")
    double transferPenalty;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      long start = System.nanoTime();
      TransitInstance instance = network(network);
      if (!Files.isRegularFile(routesFile)) {
        throw invalid("There is no file at " + routesFile + ".");
      }
      RouteSet routes = kernel(() -> RouteSet.read(routesFile));
      RouteSetEvaluation e = kernel(() -> RouteSetEvaluator.of(instance, transferPenalty).evaluate(routes));
      print(spec.commandLine().getOut(), json(routes, e, start));
      return 0;
    }
  }
}
