package org.madang.analytics.hotspot;

import com.uber.h3core.util.LatLng;
import java.util.List;

/**
 * A density surface on H3 cells: for each cell with a positive density, the density at its centre in weight per m²
 * and the cell's area. Immutable; arrays are copied on access.
 */
public final class H3Density {

  private final int resolution;
  private final long[] cells;
  private final double[] densities;
  private final double[] areas_m2;
  private final double bandwidth_m;

  H3Density(int resolution, long[] cells, double[] densities, double[] areas_m2, double bandwidth_m) {
    this.resolution = resolution;
    this.cells = cells;
    this.densities = densities;
    this.areas_m2 = areas_m2;
    this.bandwidth_m = bandwidth_m;
  }

  public int resolution() {
    return resolution;
  }

  public double bandwidth_m() {
    return bandwidth_m;
  }

  public int size() {
    return cells.length;
  }

  public long cell(int i) {
    return cells[i];
  }

  public double density(int i) {
    return densities[i];
  }

  public double area_m2(int i) {
    return areas_m2[i];
  }

  /** Cell i's hexagon: a closed ring of {longitude, latitude} pairs in degrees, the first vertex repeated last. */
  public double[][] boundary(int i) {
    List<LatLng> vertices = KernelDensity.H3Holder.H3.cellToBoundary(cells[i]);
    double[][] ring = new double[vertices.size() + 1][];
    for (int v = 0; v < vertices.size(); v++) {
      ring[v] = new double[] {vertices.get(v).lng, vertices.get(v).lat};
    }
    ring[vertices.size()] = ring[0].clone();
    return ring;
  }

  public long[] cells() {
    return cells.clone();
  }

  public double[] densities() {
    return densities.clone();
  }

  /** Σ density × cell area. */
  public double integral() {
    double sum = 0;
    for (int i = 0; i < cells.length; i++) {
      sum += densities[i] * areas_m2[i];
    }
    return sum;
  }
}
