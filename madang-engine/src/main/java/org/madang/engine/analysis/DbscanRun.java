package org.madang.engine.analysis;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.madang.analytics.hotspot.DbscanClustering;
import org.madang.analytics.hotspot.DbscanParameters;
import org.madang.analytics.hotspot.DbscanResult;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/** DBSCAN over a dataset's points in projected metres; the result is every point with its cluster (-1: noise). */
final class DbscanRun {

  private DbscanRun() {}

  static Outcome run(
      AnalysisSpec.Dbscan spec, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    progress.update("reading", 0.05);
    InputReader.Rows rows = reader.read(spec.input(), tables.get(spec.input().dataset()), List.of(), tables);
    int n = rows.size();
    if (n == 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The dataset '" + spec.input().dataset() + "' has no located points inside the city to cluster.", Map.of("field", spec.input().field()));
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    progress.update("clustering", 0.3);
    DbscanResult result = DbscanClustering.run(projection.xs(rows.lon()), projection.ys(rows.lat()), new DbscanParameters(spec.eps_m(), spec.minPoints()));
    progress.update("writing", 0.9);
    OutputTable table = OutputTable.ofPoints(List.of("source_id", "name", "cluster", "core"));
    for (int i = 0; i < n; i++) {
      table.addPoint(rows.lon()[i], rows.lat()[i], rows.ids()[i], rows.labels()[i] == null ? "" : rows.labels()[i], (long) result.label(i), result.isCore(i));
    }
    int[] sizes = result.clusterSizes();
    int[] largest = Arrays.stream(sizes).boxed().sorted((a, b) -> b - a).limit(10).mapToInt(Integer::intValue).toArray();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("points", n);
    summary.put("left_out", rows.leftOut());
    summary.put("eps_m", spec.eps_m());
    summary.put("min_points", spec.minPoints());
    summary.put("clusters", result.clusterCount());
    summary.put("noise", result.noiseCount());
    summary.put("largest_clusters", Arrays.stream(largest).boxed().toList());
    return new Outcome(table, summary);
  }
}
