package org.madang.analytics.hotspot;

import com.uber.h3core.util.LatLng;
import java.util.List;

/**
 * How {@link KernelDensity#onH3Cells} spreads one point's weight over H3 cells: the local equirectangular plane about
 * the points' mean latitude and longitude (spherical, mean earth radius) on which distances are measured, the cells
 * within reach of a point's cell, and a point's contribution to a cell's centre. Public so that a runner spreading the
 * points over a cluster (point → cells, summed per cell) computes each contribution exactly as the kernel does.
 * Immutable and serializable.
 */
public final class H3KernelSpread implements java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private final double meanLat;
  private final double meanLon;
  private final double cosLat;
  private final double bandwidth_m;
  private final Kernel kernel;
  private final int resolution;

  /**
   * @param meanLat the points' mean latitude (the plane's reference)
   * @param meanLon the points' mean longitude
   * @param bandwidth_m the bandwidth (NaN while it is not yet known: then only {@link #x} and {@link #y} are usable)
   */
  public H3KernelSpread(double meanLat, double meanLon, double bandwidth_m, Kernel kernel, int resolution) {
    this.meanLat = meanLat;
    this.meanLon = meanLon;
    this.cosLat = Math.cos(Math.toRadians(meanLat));
    this.bandwidth_m = bandwidth_m;
    this.kernel = kernel;
    this.resolution = resolution;
  }

  /** A longitude's x in metres on the plane. */
  public double x(double lon) {
    return Math.toRadians(lon - meanLon) * EARTH_RADIUS_M * cosLat;
  }

  /** A latitude's y in metres on the plane. */
  public double y(double lat) {
    return Math.toRadians(lat - meanLat) * EARTH_RADIUS_M;
  }

  /** How many rings of cells around a point's cell can lie within the kernel's reach. */
  public int rings() {
    double reach = kernel.reach(bandwidth_m);
    double centreSpacing = Math.sqrt(3.0) * KernelDensity.H3Holder.H3.getHexagonEdgeLengthAvg(resolution, com.uber.h3core.LengthUnit.m);
    int rings = (int) Math.ceil(reach / (0.8 * centreSpacing)) + 1;
    if ((long) rings * rings * 3 > 5_000_000L) {
      throw new IllegalArgumentException("a bandwidth of " + Math.round(bandwidth_m) + " m spans too many H3 cells at resolution "
          + resolution + "; choose a coarser resolution");
    }
    return rings;
  }

  /** The cells a point at (lat, lon) may contribute to: those within {@link #rings} of its own cell. */
  public List<Long> cellsNear(double lat, double lon) {
    return KernelDensity.H3Holder.H3.gridDisk(KernelDensity.H3Holder.H3.latLngToCell(lat, lon, resolution), rings());
  }

  /** The density a weight w at plane point (x, y) adds at the centre of a cell (0 beyond the kernel's reach). */
  public double contribution(long cell, double x, double y, double w) {
    LatLng ll = KernelDensity.H3Holder.H3.cellToLatLng(cell);
    double dx = x(ll.lng) - x;
    double dy = y(ll.lat) - y;
    return w * kernel.density(dx * dx + dy * dy, bandwidth_m);
  }

  /** A cell's area in square metres. */
  public static double area_m2(long cell) {
    return KernelDensity.H3Holder.H3.cellArea(cell, com.uber.h3core.AreaUnit.m2);
  }
}
