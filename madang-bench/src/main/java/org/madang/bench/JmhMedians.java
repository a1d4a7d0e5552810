package org.madang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff FILE}) into a Markdown table with the median of the measured
 * iterations (JMH itself prints the mean), every iteration, and, for benchmarks with a {@code points} parameter, the
 * throughput in points per second (and per thread, with a {@code threads} parameter).
 *
 * <pre>
 *   java -cp madang-bench/target/madang-bench.jar org.madang.bench.JmhMedians jmh-result.json
 * </pre>
 */
public final class JmhMedians {

  private JmhMedians() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
    System.out.println("| benchmark | parameters | median s (runs) | points / s | points / s per thread |");
    System.out.println("|---|---|---|---|---|");
    for (JsonNode result : results) {
      String benchmark = result.get("benchmark").asString().replaceFirst("^org\\.madang\\.bench\\.", "");
      List<String> parameters = new ArrayList<>();
      long points = 0;
      int threads = 0;
      JsonNode params = result.get("params");
      if (params != null) {
        for (Map.Entry<String, JsonNode> e : params.properties()) {
          parameters.add(e.getKey() + "=" + e.getValue().asString());
          if (e.getKey().equals("points")) {
            points = Long.parseLong(e.getValue().asString());
          }
          if (e.getKey().equals("threads")) {
            threads = Integer.parseInt(e.getValue().asString());
          }
        }
      }
      Samples samples = new Samples();
      String unit = result.get("primaryMetric").get("scoreUnit").asString();
      double toSeconds = switch (unit) {
        case "s/op" -> 1;
        case "ms/op" -> 1e-3;
        case "us/op" -> 1e-6;
        default -> throw new IllegalArgumentException("expected a time per operation, got " + unit);
      };
      for (JsonNode fork : result.get("primaryMetric").get("rawData")) {
        for (Iterator<JsonNode> it = fork.iterator(); it.hasNext(); ) {
          samples.add(it.next().asDouble() * toSeconds);
        }
      }
      boolean perPoint = points > 0 && !benchmark.endsWith("buildIndex");
      double rate = perPoint ? points / samples.median() : Double.NaN;
      System.out.printf(Locale.ROOT, "| %s | %s | %s (%s) | %s | %s |%n", benchmark, String.join(", ", parameters),
          Samples.format(samples.median()), samples.runs(),
          perPoint ? String.format(Locale.ROOT, "%,.0f", rate) : "",
          perPoint && threads > 0 ? String.format(Locale.ROOT, "%,.0f", rate / threads) : "");
    }
  }
}
