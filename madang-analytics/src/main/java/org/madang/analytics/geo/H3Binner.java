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
