package org.madang.analytics.geo;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Assigns points to H3 hexagon cells at one resolution. Thread-safe: the underlying {@link H3Core} is stateless
 * apart from its loaded native library.
 */
public final class H3Binner {

  private static final H3Core H3 = load();

  private final int resolution;

  private H3Binner(int resolution) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution must be between 0 and 15, got " + resolution);
    }
    this.resolution = resolution;
  }

  public static H3Binner atResolution(int resolution) {
    return new H3Binner(resolution);
  }

  public int resolution() {
    return resolution;
  }

  /** The cell containing the point, as H3's 64-bit index. */
  public long cellOf(double lat, double lon) {
    return H3.latLngToCell(lat, lon, resolution);
  }

  /** The vertices of a cell's boundary, in order, in degrees (cells crossing an icosahedron edge have extra ones). */
  java.util.List<com.uber.h3core.util.LatLng> boundaryOf(long cell) {
    return H3.cellToBoundary(cell);
  }

  /** The average edge length of this resolution's hexagons, in kilometres. */
  double averageEdgeLengthKm() {
    return H3.getHexagonEdgeLengthAvg(resolution, com.uber.h3core.LengthUnit.km);
  }

  /** The average area of this resolution's hexagons, in square kilometres. */
  double averageAreaKm2() {
    return H3.getHexagonAreaAvg(resolution, com.uber.h3core.AreaUnit.km2);
  }

  /** The cells whose centres lie in a latitude/longitude box (degrees). */
  java.util.List<Long> cellsInBox(double minLat, double minLon, double maxLat, double maxLon) {
    java.util.List<com.uber.h3core.util.LatLng> ring =
        java.util.List.of(
            new com.uber.h3core.util.LatLng(minLat, minLon),
            new com.uber.h3core.util.LatLng(minLat, maxLon),
            new com.uber.h3core.util.LatLng(maxLat, maxLon),
            new com.uber.h3core.util.LatLng(maxLat, minLon));
    return H3.polygonToCells(ring, java.util.List.of(), resolution);
  }

  /**
   * A cell's coordinates on H3's local IJ grid anchored at {@code origin} as {i, j}, or null where H3 gives none
   * (too far from the origin, or a pentagon in between).
   */
  static int[] localIjOf(long origin, long cell) {
    try {
      com.uber.h3core.util.CoordIJ ij = H3.cellToLocalIj(origin, cell);
      return new int[] {ij.i, ij.j};
    } catch (com.uber.h3core.exceptions.H3Exception e) {
      return null;
    }
  }

  /** The centre of a cell as {longitude, latitude}. */
  public static double[] centreOf(long cell) {
    com.uber.h3core.util.LatLng c = H3.cellToLatLng(cell);
    return new double[] {c.lng, c.lat};
  }

  /** The cell's boundary as a closed ring of {longitude, latitude} (the first vertex repeated at the end). */
  public static double[][] ringOf(long cell) {
    java.util.List<com.uber.h3core.util.LatLng> vertices = H3.cellToBoundary(cell);
    double[][] ring = new double[vertices.size() + 1][];
    for (int v = 0; v < vertices.size(); v++) {
      ring[v] = new double[] {vertices.get(v).lng, vertices.get(v).lat};
    }
    ring[vertices.size()] = ring[0].clone();
    return ring;
  }

  /** The cell of a hexadecimal address, or 0 when the text is not a valid H3 cell. */
  public static long parseAddress(String address) {
    if (address == null || !address.matches("[0-9a-fA-F]{15,16}")) {
      return 0;
    }
    long cell = Long.parseUnsignedLong(address, 16);
    return H3.isValidCell(cell) ? cell : 0;
  }

  /** The cell index in H3's usual hexadecimal form, e.g. {@code 8830e1d8c9fffff}. */
  public static String toAddress(long cell) {
    return Long.toHexString(cell);
  }

  /** The cells within {@code k} steps of a cell, the cell itself included. */
  public static java.util.List<Long> ring(long cell, int k) {
    return H3.gridDisk(cell, k);
  }

  private static H3Core load() {
    try {
      return H3Core.newInstance();
    } catch (IOException e) {
      throw new UncheckedIOException("could not load H3's native library", e);
    }
  }
}
