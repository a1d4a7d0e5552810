package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.analytics.hotspot.HotspotParameters;
import org.madang.analytics.hotspot.HotspotResult;
import org.madang.analytics.hotspot.LocalHotspot;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.analytics.weights.H3RingWeights;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Hot spots over the H3 cells of a dataset's points ({@code h3_resolution}): each cell's value is its number of points,
 * or the sum of their {@code value}; cells are neighbours within {@code rings} grid steps ({@link H3RingWeights}, only
 * cells with points are features). The embedded run bins and groups the points inside DuckDB ({@link
 * InputReader#groupByPlace}); the Spark run bins them on the cluster,
 * computes each cell's neighbourhood sums there (Σ_j w_ij x_j and Σ_j w_ij) and hands them to {@link #cells}, which takes
 * Gi / Gi* from those sums through {@link HotspotAnalysis#getisOrdFromSums} and the global statistics, FDR and LISA
 * quadrants from the kernel over the per-cell table (one row per cell, small).
 */
final class CellHotspotRun {

  private CellHotspotRun() {}

  static Outcome run(
      AnalysisSpec.Hotspot spec, InputReader reader, Map<String, String> tables, AnalysisProgress progress, BooleanSupplier cancelled) {
    progress.update("grouping", 0.05);
    InputReader.Places places = reader.groupByPlace(spec.input(), tables.get(spec.input().dataset()), spec.value(), tables, spec.h3Resolution(), cancelled);
    if (places.firstWithoutNumber() != null) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Point " + places.firstWithoutNumber() + " of '" + spec.input().dataset()
          + "' has no value in column '" + spec.value().column() + "'; every point needs a number.", Map.of("field", spec.value().field()));
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    int n = places.places().size();
    List<String> addresses = new ArrayList<>(n);
    long[] points = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      InputReader.Place p = places.places().get(i);
      addresses.add(p.key());
      points[i] = p.rows();
      // without a value column each point counts 1
      values[i] = spec.value() == null ? p.rows() : p.sum();
    }
    progress.update("statistics", 0.5);
    return cells(spec, addresses, points, values, null, null, places.rows(), places.leftOut());
  }

  /**
   * The result over cells ordered by address, each with its points and value.
   *
   * @param lag per cell Σ_j w_ij x_j from a distributed run (Gi*: the cell itself included), or null to take the
   *     statistic from the kernel's own weights
   * @param weightSum per cell Σ_j w_ij, with {@code lag}
   */
  static Outcome cells(
      AnalysisSpec.Hotspot spec, List<String> addresses, long[] points, double[] values, double[] lag, double[] weightSum, long pointCount, long leftOut) {
    int n = addresses.size();
    if (n < 4) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A hot spot analysis needs at least 4 cells with points; '" + spec.input().dataset() + "' fills "
          + n + " at H3 resolution " + spec.h3Resolution() + ". Choose a finer resolution.", Map.of("field", "h3_resolution"));
    }
    for (int i = 0; i < n; i++) {
      if (values[i] < 0 && spec.statistic() != LocalStatistic.LOCAL_MORAN) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Getis-Ord statistics need values that are not negative (counts, rates); cell " + addresses.get(i)
            + " sums to " + values[i] + ". Use statistic local-moran for values that can be negative.", Map.of("field", spec.value() == null ? "input" : spec.value().field()));
      }
    }
    long[] cells = new long[n];
    for (int i = 0; i < n; i++) {
      cells[i] = Long.parseUnsignedLong(addresses.get(i), 16);
    }
    SpatialWeights weights = H3RingWeights.of(addresses, cells, spec.rings());
    HotspotParameters parameters = HotspotParameters.of(spec.statistic()).withFalseDiscoveryRate(spec.falseDiscoveryRate());
    if (spec.permutations() > 0) {
      parameters = parameters.withPermutations(spec.permutations(), spec.seed());
    }
    HotspotResult result;
    try {
      result = HotspotAnalysis.run(values, weights, parameters);
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, HotspotRun.sentence(e.getMessage()), Map.of("field", spec.value() == null ? "input" : spec.value().field()), e);
    }
    HotspotAnalysis.LocalGetisOrd fromSums = lag == null ? null
        : HotspotAnalysis.getisOrdFromSums(values, lag, weightSum, spec.statistic() == LocalStatistic.GI_STAR);
    OutputTable table = OutputTable.ofGeometries(List.of("h3_address", "points", "value", "statistic", "expected", "z", "p", "p_sim", "z_sim", "q",
        "significant", "hotspot_class", "quadrant", "neighbours"));
    int hot = 0;
    int cold = 0;
    List<Map<String, Object>> hotCells = new ArrayList<>();
    List<String> islands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalHotspot f = result.feature(i);
      if (fromSums != null) {
        f = new LocalHotspot(f.id(), fromSums.statistic()[i], fromSums.expected()[i], fromSums.variance()[i], fromSums.z()[i], fromSums.p()[i],
            f.pPermutation(), f.zPermutation(), f.q(), f.quadrant(), f.significant());
      }
      HotspotClass c = HotspotClass.of(f, spec.statistic());
      table.addGeometry(AggregateRun.hexagon(H3Binner.ringOf(cells[i])), addresses.get(i), points[i], values[i], f.statistic(), f.expected(), f.z(), f.p(),
          f.pPermutation(), f.zPermutation(), f.q(), f.significant(), c.code(), f.quadrant().name(), (long) weights.neighbourCount(i));
      if (c.code().startsWith("hot") || c == HotspotClass.HIGH_HIGH) {
        hot++;
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("h3_address", addresses.get(i));
        h.put("value", values[i]);
        h.put("z", f.z());
        h.put("class", c.code());
        hotCells.add(h);
      } else if (c.code().startsWith("cold") || c == HotspotClass.LOW_LOW) {
        cold++;
      }
      if (weights.neighbourCount(i) == 0) {
        islands.add(addresses.get(i));
      }
    }
    hotCells.sort((a, b) -> Double.compare((Double) b.get("z"), (Double) a.get("z")));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("features", n);
    summary.put("points", pointCount);
    summary.put("left_out", leftOut);
    summary.put("statistic", HotspotRun.statisticCode(spec.statistic()));
    summary.put("weights", "h3-rings:" + spec.rings());
    summary.put("h3_resolution", spec.h3Resolution());
    summary.put("permutations", spec.permutations());
    HotspotRun.putFindings(summary, spec.statistic(), result, hot, cold, hotCells, islands);
    return new Outcome(table, summary);
  }
}
