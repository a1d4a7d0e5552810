package org.madang.analytics.hotspot;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel density estimation of (weighted) points, on a regular grid of projected metre coordinates or on H3 cells.
 *
 * <p><b>Bandwidth rule.</b> When no bandwidth is given, it is Silverman's rule of thumb adapted to two dimensions as
 * ArcGIS Pro's Kernel Density tool computes its default search radius:
 *
 * <pre>
 *   h = 0.9 · min(SD, √(1/ln 2) · Dm) · n^(-0.2)
 * </pre>
 *
 * where SD is the standard distance of the points from their (weighted) mean centre, √(Σ w_i d_i² / Σ w_i), Dm the
 * (weighted) median of those distances d_i, and n the total weight. The Dm term keeps a few far outliers from
 * inflating the bandwidth. For the quartic kernel h is the radius of influence; for the Gaussian, its standard
 * deviation (so the Gaussian with the same h smooths more).
 *
 * <p>Densities are in weight per square metre; the surface integrates to the total weight when the grid covers every
 * kernel (the default extent: the points' envelope grown by the kernel's reach).
 */
public final class KernelDensity {

  private static final long MAXIMUM_CELLS = 100_000_000L;

  private KernelDensity() {}

  /** The rule-of-thumb bandwidth for these points (weights may be null for 1 each). */
  public static double bandwidthByRule(double[] x, double[] y, double[] weights) {
    double[] w = checkedWeights(weights, x.length);
    double total = 0;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      total += w[i];
      mx += w[i] * x[i];
      my += w[i] * y[i];
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("the points carry no weight, so there is no density to estimate");
    }
    mx /= total;
    my /= total;
    double[] distance = new double[x.length];
    double sumSquares = 0;
    for (int i = 0; i < x.length; i++) {
      distance[i] = Math.hypot(x[i] - mx, y[i] - my);
      sumSquares += w[i] * distance[i] * distance[i];
    }
    double standardDistance = Math.sqrt(sumSquares / total);
    double median = weightedMedian(distance, w, total);
    return bandwidthFromSpread(total, standardDistance, median);
  }

  /**
   * The rule-of-thumb bandwidth from the points' total weight, standard distance and weighted median distance from
   * their mean centre (see {@link #bandwidthByRule}); for runners that compute those sums themselves, e.g. spread over
   * a cluster.
   */
  public static double bandwidthFromSpread(double total, double standardDistance, double median) {
    double h = 0.9 * Math.min(standardDistance, Math.sqrt(1.0 / Math.log(2.0)) * median) * Math.pow(total, -0.2);
    if (!(h > 0)) {
      h = 0.9 * standardDistance * Math.pow(total, -0.2);
    }
    if (!(h > 0)) {
      throw new IllegalArgumentException(
          "all points coincide, so no bandwidth can be derived from their spread; give a bandwidth");
    }
    return h;
  }

  /** The density on a grid covering the points' envelope grown by the kernel's reach. */
  public static DensityGrid onGrid(double[] x, double[] y, double[] weights, KernelDensityParameters parameters) {
    ProjectedCoordinates.requireFinite(x, y);
    if (x.length == 0) {
      throw new IllegalArgumentException("there are no points to estimate a density from");
    }
    double h = bandwidth(x, y, weights, parameters);
    double reach = parameters.kernel().reach(h);
    double minX = Arrays.stream(x).min().orElseThrow() - reach;
    double minY = Arrays.stream(y).min().orElseThrow() - reach;
    double maxX = Arrays.stream(x).max().orElseThrow() + reach;
    double maxY = Arrays.stream(y).max().orElseThrow() + reach;
    return onGrid(x, y, weights, parameters.withBandwidth(h), minX, minY, maxX, maxY);
  }

  /** The density on a grid over a given extent (cells of the parameters' size from (minX, minY)). */
  public static DensityGrid onGrid(
      double[] x, double[] y, double[] weights, KernelDensityParameters parameters,
      double minX, double minY, double maxX, double maxY) {
    ProjectedCoordinates.requireFinite(x, y);
    double[] w = checkedWeights(weights, x.length);
    double h = bandwidth(x, y, weights, parameters);
    ProjectedCoordinates.requireMetres(
        x, y, Math.max(h, parameters.cellSize_m()), "narrower than the bandwidth or cell size of");
    if (!(maxX > minX && maxY > minY)) {
      throw new IllegalArgumentException("the grid's extent is empty");
    }
    double cell = parameters.cellSize_m();
    long columns = (long) Math.ceil((maxX - minX) / cell);
    long rows = (long) Math.ceil((maxY - minY) / cell);
    if (columns * rows > MAXIMUM_CELLS) {
      throw new IllegalArgumentException("a grid of " + columns + " × " + rows
          + " cells is too large; choose a larger cell size or a smaller extent");
    }
    int cols = (int) columns;
    int rws = (int) rows;
    double[] values = new double[cols * rws];
    Kernel kernel = parameters.kernel();
    double reach = kernel.reach(h);
    for (int i = 0; i < x.length; i++) {
      if (w[i] == 0) {
        continue;
      }
      int c0 = Math.max(0, (int) Math.floor((x[i] - reach - minX) / cell - 0.5));
      int c1 = Math.min(cols - 1, (int) Math.ceil((x[i] + reach - minX) / cell - 0.5));
      int r0 = Math.max(0, (int) Math.floor((y[i] - reach - minY) / cell - 0.5));
      int r1 = Math.min(rws - 1, (int) Math.ceil((y[i] + reach - minY) / cell - 0.5));
      for (int r = r0; r <= r1; r++) {
        double dy = minY + (r + 0.5) * cell - y[i];
        for (int c = c0; c <= c1; c++) {
          double dx = minX + (c + 0.5) * cell - x[i];
          double k = kernel.density(dx * dx + dy * dy, h);
          if (k > 0) {
            values[r * cols + c] += w[i] * k;
          }
        }
      }
    }
    return new DensityGrid(minX, minY, cell, cols, rws, values, h);
  }

  /**
   * The density at the centres of H3 cells of a resolution, for points in WGS84 latitude/longitude. Distances are
   * measured in metres on a local equirectangular projection about the points' mean latitude (error well under 1%
   * across a city). Returns only cells with a positive density, in first-reached order.
   */
  public static H3Density onH3Cells(
      double[] lat, double[] lon, double[] weights, int resolution, KernelDensityParameters parameters) {
    if (lat.length != lon.length) {
      throw new IllegalArgumentException("there are " + lat.length + " latitudes but " + lon.length + " longitudes");
    }
    if (lat.length == 0) {
      throw new IllegalArgumentException("there are no points to estimate a density from");
    }
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution must be between 0 and 15, got " + resolution);
    }
    for (int i = 0; i < lat.length; i++) {
      if (!(Math.abs(lat[i]) <= 90 && Math.abs(lon[i]) <= 180)) {
        throw new IllegalArgumentException(
            "point " + i + " at (" + lat[i] + ", " + lon[i] + ") is not a WGS84 latitude/longitude; H3 needs degrees");
      }
    }
    double[] w = checkedWeights(weights, lat.length);
    double meanLat = Arrays.stream(lat).average().orElseThrow();
    double meanLon = Arrays.stream(lon).average().orElseThrow();
    H3KernelSpread plane = new H3KernelSpread(meanLat, meanLon, Double.NaN, parameters.kernel(), resolution);
    double[] x = new double[lat.length];
    double[] y = new double[lat.length];
    for (int i = 0; i < lat.length; i++) {
      x[i] = plane.x(lon[i]);
      y[i] = plane.y(lat[i]);
    }
    double h = bandwidth(x, y, weights, parameters);
    Kernel kernel = parameters.kernel();
    H3Core h3 = H3Holder.H3;
    int rings = new H3KernelSpread(meanLat, meanLon, h, kernel, resolution).rings();
    Map<Long, List<Integer>> pointsByCell = new LinkedHashMap<>();
    for (int i = 0; i < lat.length; i++) {
      pointsByCell.computeIfAbsent(h3.latLngToCell(lat[i], lon[i], resolution), c -> new ArrayList<>()).add(i);
    }
    Map<Long, double[]> centres = new HashMap<>();
    Map<Long, double[]> density = new LinkedHashMap<>();
    for (Map.Entry<Long, List<Integer>> source : pointsByCell.entrySet()) {
      for (long cell : h3.gridDisk(source.getKey(), rings)) {
        double[] centre = centres.computeIfAbsent(cell, c -> {
          LatLng ll = h3.cellToLatLng(c);
          return new double[] {plane.x(ll.lng), plane.y(ll.lat)};
        });
        double sum = 0;
        for (int i : source.getValue()) {
          double dx = centre[0] - x[i];
          double dy = centre[1] - y[i];
          sum += w[i] * kernel.density(dx * dx + dy * dy, h);
        }
        if (sum > 0) {
          density.computeIfAbsent(cell, c -> new double[1])[0] += sum;
        }
      }
    }
    long[] cells = new long[density.size()];
    double[] values = new double[density.size()];
    double[] areas = new double[density.size()];
    int k = 0;
    for (Map.Entry<Long, double[]> e : density.entrySet()) {
      cells[k] = e.getKey();
      values[k] = e.getValue()[0];
      areas[k] = h3.cellArea(e.getKey(), AreaUnit.m2);
      k++;
    }
    return new H3Density(resolution, cells, values, areas, h);
  }

  private static double bandwidth(double[] x, double[] y, double[] weights, KernelDensityParameters parameters) {
    return Double.isNaN(parameters.bandwidth_m()) ? bandwidthByRule(x, y, weights) : parameters.bandwidth_m();
  }

  private static double[] checkedWeights(double[] weights, int n) {
    if (weights == null) {
      double[] ones = new double[n];
      Arrays.fill(ones, 1.0);
      return ones;
    }
    if (weights.length != n) {
      throw new IllegalArgumentException("there are " + weights.length + " weights for " + n + " points");
    }
    for (int i = 0; i < n; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "the weight of point " + i + " is " + weights[i] + "; weights must be finite and not negative");
      }
    }
    return weights;
  }

  private static double weightedMedian(double[] values, double[] weights, double total) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double half = total / 2.0;
    double running = 0;
    for (int i : order) {
      running += weights[i];
      if (running >= half) {
        return values[i];
      }
    }
    return values[order[order.length - 1]];
  }

  static final class H3Holder {
    static final H3Core H3 = load();

    private static H3Core load() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("could not load H3's native library", e);
      }
    }
  }
}
