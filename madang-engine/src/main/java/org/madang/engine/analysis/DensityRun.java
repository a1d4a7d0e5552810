package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.hotspot.DensityGrid;
import org.madang.analytics.hotspot.H3Density;
import org.madang.analytics.hotspot.KernelDensity;
import org.madang.analytics.hotspot.KernelDensityParameters;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Kernel density of a dataset's points on a grid of square cells in projected metres, or on H3 hexagons. The result
 * has one row per cell whose density is at least a thousandth of the highest, with the density per km² and a class 1-5
 * by fifths of the highest density (5: at least 80% of it): square cells as points at their centres, H3 cells as their
 * hexagons with the cell's address ({@code h3_address}).
 */
final class DensityRun {

  /** More cells than this would make a result nobody can draw; a larger cell size is asked for. */
  static final int MAX_CELLS = 250_000;

  private DensityRun() {}

  static Outcome run(
      AnalysisSpec.Density spec, InputReader reader, Map<String, String> tables, LocalProjection projection,
      AnalysisProgress progress, BooleanSupplier cancelled) {
    progress.update("reading", 0.05);
    List<AnalysisSpec.ValueColumn> numbers = spec.weight() == null ? List.of() : List.of(spec.weight());
    InputReader.Rows rows = reader.read(spec.input(), tables.get(spec.input().dataset()), numbers, tables);
    int n = rows.size();
    if (n == 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The dataset '" + spec.input().dataset() + "' has no located points inside the city to estimate a density from.", Map.of("field", spec.input().field()));
    }
    double[] weights = null;
    if (spec.weight() != null) {
      weights = rows.values()[0].clone();
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(weights[i])) {
          weights[i] = 0;
        } else if (weights[i] < 0) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "Point " + rows.ids()[i] + " has the negative weight " + weights[i] + "; weights must not be negative.", Map.of("field", spec.weight().field()));
        }
      }
    }
    double[] x = projection.xs(rows.lon());
    double[] y = projection.ys(rows.lat());
    KernelDensityParameters parameters = new KernelDensityParameters(spec.kernel(), spec.bandwidth_m(), spec.cell_m());
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    progress.update("density", 0.3);
    if (spec.h3Resolution() != null) {
      return onH3Cells(spec, rows, weights, parameters, progress);
    }
    DensityGrid grid;
    try {
      grid = KernelDensity.onGrid(x, y, weights, parameters);
    } catch (IllegalArgumentException e) {
      throw invalid(e, spec, "cell_m");
    }
    int positive = 0;
    for (double d : grid.densities()) {
      positive += d > 0 ? 1 : 0;
    }
    long[] cells = new long[positive];
    double[] values = new double[positive];
    int k = 0;
    for (int row = 0; row < grid.rows(); row++) {
      for (int column = 0; column < grid.columns(); column++) {
        double d = grid.density(column, row);
        if (d > 0) {
          cells[k] = (long) row * grid.columns() + column;
          values[k++] = d;
        }
      }
    }
    progress.update("writing", 0.9);
    return gridOutcome(spec, projection, n, rows.leftOut(), new GridFrame(grid.minX(), grid.minY(), grid.cellSize_m(), grid.columns(), grid.bandwidth_m()),
        cells, values, grid.integral());
  }

  /** Where a grid lies in projected metres: its lower-left corner, cell size and columns, and the bandwidth used. */
  record GridFrame(double minX, double minY, double cell_m, int columns, double bandwidth_m) {}

  /**
   * The result from a grid's cells with a positive density (at least those at or above a thousandth of the highest),
   * each as its row-major index {@code row * columns + column}, in increasing order; {@code integral} is Σ density ×
   * cell area over the whole grid. The embedded run and the Spark job's read-back both end here.
   */
  static Outcome gridOutcome(
      AnalysisSpec.Density spec, LocalProjection projection, int points, long leftOut, GridFrame grid, long[] cells, double[] densities,
      double integral) {
    double max = max(densities);
    double floor = max / 1000;
    int kept = kept(densities, floor);
    if (kept > MAX_CELLS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "A cell size of " + spec.cell_m() + " m gives " + kept + " cells, more than " + MAX_CELLS + "; choose larger cells.", Map.of("field", "cell_m"));
    }
    OutputTable table = OutputTable.ofPoints(List.of("density_per_km2", "density_class", "share_of_max"));
    double bestX = 0;
    double bestY = 0;
    for (int i = 0; i < cells.length; i++) {
      double d = densities[i];
      if (!(d > 0 && d >= floor)) {
        continue;
      }
      int column = (int) (cells[i] % grid.columns());
      int row = (int) (cells[i] / grid.columns());
      double centreX = grid.minX() + (column + 0.5) * grid.cell_m();
      double centreY = grid.minY() + (row + 0.5) * grid.cell_m();
      double share = d / max;
      table.addPoint(projection.longitude(centreX), projection.latitude(centreY), d * 1e6, densityClass(share), share);
      if (d == max) {
        bestX = centreX;
        bestY = centreY;
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("points", points);
    summary.put("left_out", leftOut);
    summary.put("kernel", spec.kernel().name().toLowerCase(Locale.ROOT));
    summary.put("bandwidth_m", grid.bandwidth_m());
    summary.put("bandwidth_by_rule", Double.isNaN(spec.bandwidth_m()));
    summary.put("cell_m", grid.cell_m());
    summary.put("cells", kept);
    summary.put("max_density_per_km2", max * 1e6);
    summary.put("max_at", new ArrayList<>(List.of(projection.longitude(bestX), projection.latitude(bestY))));
    summary.put("total_weight", integral);
    return new Outcome(table, summary);
  }

  private static Outcome onH3Cells(
      AnalysisSpec.Density spec, InputReader.Rows rows, double[] weights, KernelDensityParameters parameters, AnalysisProgress progress) {
    int resolution = spec.h3Resolution();
    H3Density density;
    try {
      density = KernelDensity.onH3Cells(rows.lat(), rows.lon(), weights, resolution, parameters);
    } catch (IllegalArgumentException e) {
      throw invalid(e, spec, "h3_resolution");
    }
    progress.update("writing", 0.9);
    // rows by address, as the Spark job's read-back orders them, so both engines print the same rows
    Integer[] order = new Integer[density.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> H3Binner.toAddress(density.cell(i))));
    long[] cells = new long[order.length];
    double[] values = new double[order.length];
    for (int k = 0; k < order.length; k++) {
      cells[k] = density.cell(order[k]);
      values[k] = density.density(order[k]);
    }
    return h3Outcome(spec, rows.size(), rows.leftOut(), density.bandwidth_m(), cells, values, density.integral());
  }

  /**
   * The result from the H3 cells with a positive density (at least those at or above a thousandth of the highest), in
   * the order given (by address on both engines); {@code integral} is Σ density × cell area over every cell. The embedded
   * run and the Spark job's read-back both end here.
   */
  static Outcome h3Outcome(AnalysisSpec.Density spec, int points, long leftOut, double bandwidth_m, long[] cells, double[] densities, double integral) {
    int resolution = spec.h3Resolution();
    double max = max(densities);
    double floor = max / 1000;
    int kept = kept(densities, floor);
    if (kept > MAX_CELLS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "H3 resolution " + resolution + " gives " + kept + " cells, more than " + MAX_CELLS + "; choose a coarser resolution.", Map.of("field", "h3_resolution"));
    }
    OutputTable table = OutputTable.ofGeometries(List.of("h3_address", "density_per_km2", "density_class", "share_of_max"));
    String best = null;
    for (int i = 0; i < cells.length; i++) {
      double d = densities[i];
      if (!(d > 0 && d >= floor)) {
        continue;
      }
      String address = H3Binner.toAddress(cells[i]);
      double share = d / max;
      table.addGeometry(hexagon(H3Binner.ringOf(cells[i])), address, d * 1e6, densityClass(share), share);
      if (d == max) {
        best = address;
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("points", points);
    summary.put("left_out", leftOut);
    summary.put("kernel", spec.kernel().name().toLowerCase(Locale.ROOT));
    summary.put("bandwidth_m", bandwidth_m);
    summary.put("bandwidth_by_rule", Double.isNaN(spec.bandwidth_m()));
    summary.put("h3_resolution", resolution);
    summary.put("cells", kept);
    summary.put("max_density_per_km2", max * 1e6);
    summary.put("max_at_h3", best);
    summary.put("total_weight", integral);
    return new Outcome(table, summary);
  }

  /** A cell's hexagon as WKT (longitude latitude). */
  private static String hexagon(double[][] ring) {
    StringBuilder wkt = new StringBuilder("POLYGON ((");
    for (int i = 0; i < ring.length; i++) {
      wkt.append(i == 0 ? "" : ", ").append(ring[i][0]).append(' ').append(ring[i][1]);
    }
    return wkt.append("))").toString();
  }

  private static MadangException invalid(IllegalArgumentException e, AnalysisSpec.Density spec, String cellField) {
    String m = e.getMessage();
    String field = m.contains("cell") || m.contains("resolution") ? cellField : m.contains("bandwidth") ? "bandwidth_m"
        : m.contains("weight") ? "weight" : spec.input().field();
    return new MadangException(ErrorCode.INVALID_ARGUMENT, HotspotRun.sentence(m), Map.of("field", field), e);
  }

  private static double max(double[] densities) {
    double max = 0;
    for (double d : densities) {
      max = Math.max(max, d);
    }
    return max;
  }

  private static int kept(double[] densities, double floor) {
    int kept = 0;
    for (double d : densities) {
      if (d > 0 && d >= floor) {
        kept++;
      }
    }
    return kept;
  }

  /** 1-5 by fifths of the highest density (5: at least 80% of it). */
  private static long densityClass(double share) {
    return Math.max(1, Math.min(5, (long) Math.ceil(share * 5 - 1e-9)));
  }
}
