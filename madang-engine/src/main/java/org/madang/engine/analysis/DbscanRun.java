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
    int[] labels = new int[n];
    boolean[] core = new boolean[n];
    for (int i = 0; i < n; i++) {
      labels[i] = result.label(i);
      core[i] = result.isCore(i);
    }
    return outcome(spec, rows.ids(), rows.lon(), rows.lat(), rows.labels(), labels, core, result.clusterCount(), rows.leftOut());
  }

  /**
   * The result from every point (in increasing id order) with its cluster (-1: noise, clusters numbered by their
   * lowest-id core point) and whether it is a core point. The embedded run and the Spark job's read-back end here.
   */
  static Outcome outcome(
      AnalysisSpec.Dbscan spec, long[] ids, double[] lon, double[] lat, String[] names, int[] labels, boolean[] core, int clusters, long leftOut) {
    int n = ids.length;
    OutputTable table = OutputTable.ofPoints(List.of("source_id", "name", "cluster", "core"));
    int[] sizes = new int[clusters];
    int noise = 0;
    for (int i = 0; i < n; i++) {
      table.addPoint(lon[i], lat[i], ids[i], names[i] == null ? "" : names[i], (long) labels[i], core[i]);
      if (labels[i] < 0) {
        noise++;
      } else {
        sizes[labels[i]]++;
      }
    }
    int[] largest = Arrays.stream(sizes).boxed().sorted((a, b) -> b - a).limit(10).mapToInt(Integer::intValue).toArray();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("points", n);
    summary.put("left_out", leftOut);
    summary.put("eps_m", spec.eps_m());
    summary.put("min_points", spec.minPoints());
    summary.put("clusters", clusters);
    summary.put("noise", noise);
    summary.put("largest_clusters", Arrays.stream(largest).boxed().toList());
    return new Outcome(table, summary);
  }
}
