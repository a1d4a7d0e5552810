package org.madang.analytics.geo;

import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.List;

/**
 * The H3 cell of each of many points in one area (a city), equal to {@link H3Binner#cellOf} for every point but
 * answered in Java from the area's cells, drawn once, instead of by a native call per point.
 *
 * <p>Why not just call H3: its native {@code latLngToCell} costs ≈0.9 µs a point on this project's machines, the
 * largest part of enriching an upload. A city of a few hundred km² holds only tens of thousands of cells at the usual
 * resolutions; their outlines fit in a few megabytes of flat arrays that stay in the processor's caches.
 *
 * <p>Why it is exact: points and cell outlines are drawn on the gnomonic projection centred on the area. That
 * projection maps every great circle to a straight line, and H3 cells are bounded by great-circle arcs between the
 * vertices {@code cellToBoundary} returns (an icosahedron face's own gnomonic plane is where H3 draws them straight;
 * cells that cross a face edge get an extra vertex there). A point is answered from the outlines only when it lies
 * inside a convex outline by more than a millionth of the edge length, far above the rounding of either computation;
 * points nearer an edge, outside the area, or in cells that are not convex on this plane go to H3.
 *
 * <p>Most points never reach the outlines: when the area lies on one icosahedron face its cells are one hexagonal
 * lattice ({@link CellLattice}), which finds a point's cell by arithmetic and one array read, under the same kind of
 * margin. The outlines answer what the lattice leaves (points near an edge, areas it does not cover).
 *
 * <p>Immutable and thread-safe once built.
 */
public final class H3CellLocator {

  /** Above this many cells in the area the outlines would not stay in cache; every point then goes to H3. */
  private static final int MAX_CELLS = 300_000;

  private static final double EARTH_RADIUS_KM = 6371.0088;

  private final H3Binner binner;
  /** Offsets from the centre, in radians (about 127 km), within which {@link #cellOf} uses series for its sines. */
  private static final double NEAR = 0.02;

  private final double lat0;
  private final double sinLat0;
  private final double cosLat0;
  private final double lon0;
  private final double bucketSize;
  private final double perBucket;
  private final double margin;
  // the grid of buckets over the area on the plane: bucket (i, j) lists cells from members[start[k]] to members[start[k+1]]
  private final double gridX0;
  private final double gridY0;
  private final int columns;
  private final int rows;
  private final int[] start;
  private final int[] members;
  // cell k: its H3 index, and edges edgeStart[k]..edgeStart[k+1] as inward lines a·x + b·y ≥ c with unit normals
  private final long[] ids;
  private final int[] edgeStart;
  private final double[] edges;
  /** The cells as one hexagonal lattice, which answers most points without the outlines; null when they are not one. */
  private final CellLattice lattice;

  private H3CellLocator(H3Binner binner, double minLat, double minLon, double maxLat, double maxLon) {
    this.binner = binner;
    double phi = Math.toRadians((minLat + maxLat) / 2);
    this.lat0 = phi;
    this.sinLat0 = Math.sin(phi);
    this.cosLat0 = Math.cos(phi);
    this.lon0 = Math.toRadians((minLon + maxLon) / 2);
    double edgeKm = binner.averageEdgeLengthKm();
    // one plane unit is one radian at the centre; buckets of about one edge hold 3-4 candidate cells
    this.bucketSize = edgeKm / EARTH_RADIUS_KM;
    this.perBucket = 1 / bucketSize;
    // a millionth of an edge, and never below 1e-11 radians (H3's own rounding near a face centre, at fine resolutions)
    this.margin = Math.max(bucketSize * 1e-6, 1e-11);

    double heightKm = (maxLat - minLat) * Math.PI / 180 * EARTH_RADIUS_KM;
    double widthKm = (maxLon - minLon) * Math.PI / 180 * EARTH_RADIUS_KM * Math.max(Math.cos(Math.toRadians(maxLat)), Math.cos(Math.toRadians(minLat)));
    double estimate = (heightKm + 4 * edgeKm) * (widthKm + 4 * edgeKm) / binner.averageAreaKm2();
    List<double[]> outlines = new ArrayList<>();
    List<Long> cellIds = new ArrayList<>();
    boolean everyCellDrawn = true;
    double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    if (estimate <= MAX_CELLS) {
      // cells whose centres lie within two edges of the area cover every point of it
      double padLat = Math.toDegrees(2 * edgeKm / EARTH_RADIUS_KM);
      double padLon = padLat / Math.max(0.01, Math.min(Math.cos(Math.toRadians(maxLat)), Math.cos(Math.toRadians(minLat))));
      for (long id : binner.cellsInBox(minLat - padLat, minLon - padLon, maxLat + padLat, maxLon + padLon)) {
        double[] outline = outline(id);
        if (outline != null) {
          outlines.add(outline);
          cellIds.add(id);
        } else {
          everyCellDrawn = false;
        }
      }
      double[] lower = project(minLat, minLon);
      double[] upper = project(maxLat, maxLon);
      double[] corner1 = project(minLat, maxLon);
      double[] corner2 = project(maxLat, minLon);
      for (double[] p : new double[][] {lower, upper, corner1, corner2}) {
        if (p != null) {
          box[0] = Math.min(box[0], p[0]);
          box[1] = Math.min(box[1], p[1]);
          box[2] = Math.max(box[2], p[0]);
          box[3] = Math.max(box[3], p[1]);
        }
      }
    }
    if (outlines.isEmpty() || !(box[2] > box[0])) {
      gridX0 = gridY0 = 0;
      columns = rows = 0;
      start = new int[1];
      members = new int[0];
      ids = new long[0];
      edgeStart = new int[1];
      edges = new double[0];
      lattice = null;
      return;
    }
    gridX0 = box[0];
    gridY0 = box[1];
    columns = (int) Math.ceil((box[2] - box[0]) / bucketSize) + 1;
    rows = (int) Math.ceil((box[3] - box[1]) / bucketSize) + 1;
    int n = outlines.size();
    ids = new long[n];
    edgeStart = new int[n + 1];
    int total = 0;
    for (int k = 0; k < n; k++) {
      ids[k] = cellIds.get(k);
      edgeStart[k] = total;
      total += outlines.get(k).length / 2;
    }
    edgeStart[n] = total;
    edges = new double[total * 3];
    int[] counts = new int[columns * rows + 1];
    List<int[]> spans = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      double[] o = outlines.get(k);
      int vertices = o.length / 2;
      double minX = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vertices; v++) {
        int w = (v + 1) % vertices;
        double ex = o[2 * w] - o[2 * v];
        double ey = o[2 * w + 1] - o[2 * v + 1];
        double length = Math.hypot(ex, ey);
        int e = 3 * (edgeStart[k] + v);
        edges[e] = -ey / length; // the outline is counter-clockwise: the left normal points inside
        edges[e + 1] = ex / length;
        edges[e + 2] = edges[e] * o[2 * v] + edges[e + 1] * o[2 * v + 1];
        minX = Math.min(minX, o[2 * v]);
        maxX = Math.max(maxX, o[2 * v]);
        minY = Math.min(minY, o[2 * v + 1]);
        maxY = Math.max(maxY, o[2 * v + 1]);
      }
      int i0 = Math.max(0, column(minX));
      int i1 = Math.min(columns - 1, column(maxX));
      int j0 = Math.max(0, row(minY));
      int j1 = Math.min(rows - 1, row(maxY));
      spans.add(new int[] {i0, i1, j0, j1});
      for (int j = j0; j <= j1; j++) {
        for (int i = i0; i <= i1; i++) {
          counts[j * columns + i + 1]++;
        }
      }
    }
    start = new int[columns * rows + 1];
    for (int b = 0; b < columns * rows; b++) {
      start[b + 1] = start[b] + counts[b + 1];
    }
    members = new int[start[columns * rows]];
    int[] filled = new int[columns * rows];
    for (int k = 0; k < n; k++) {
      int[] s = spans.get(k);
      for (int j = s[2]; j <= s[3]; j++) {
        for (int i = s[0]; i <= s[1]; i++) {
          int b = j * columns + i;
          members[start[b] + filled[b]++] = k;
        }
      }
    }
    lattice = everyCellDrawn ? lattice(outlines, bucketSize * Math.sqrt(3)) : null;
  }

  /**
   * The drawn cells as a lattice, or null; {@code spacing} is the distance between neighbouring centres on the plane.
   * A cell left undrawn means the area reaches a face edge or a pentagon, where the cells are no lattice.
   */
  private CellLattice lattice(List<double[]> outlines, double spacing) {
    double[][] centres = new double[ids.length][];
    for (int k = 0; k < ids.length; k++) {
      double[] lonLat = H3Binner.centreOf(ids[k]);
      centres[k] = project(lonLat[1], lonLat[0]);
      if (centres[k] == null) {
        return null;
      }
    }
    return CellLattice.fit(ids, centres, outlines.toArray(new double[0][]), Math.max(1e-6, 1e-11 / spacing));
  }

  /**
   * A locator for points in a latitude/longitude box (degrees), such as a city's bounds. Building it draws the box's
   * cells once (tens of milliseconds for a large city at resolution 9). Points outside the box are answered by H3.
   */
  public static H3CellLocator covering(H3Binner binner, double minLat, double minLon, double maxLat, double maxLon) {
    if (!(minLat >= -90 && maxLat <= 90 && minLon >= -180 && maxLon <= 180 && minLat <= maxLat && minLon <= maxLon)) {
      throw new IllegalArgumentException(
          "The area must be a box of latitudes and longitudes in degrees, got " + minLat + ", " + minLon + " to " + maxLat + ", " + maxLon);
    }
    if (maxLat - minLat > 10 || maxLon - minLon > 10) {
      throw new IllegalArgumentException("The area spans more than 10 degrees; this locator is meant for a city or a region.");
    }
    return new H3CellLocator(binner, minLat, minLon, maxLat, maxLon);
  }

  public int resolution() {
    return binner.resolution();
  }

  /** How many cells are drawn; for tests and diagnostics. */
  int drawnCells() {
    return ids.length;
  }

  /** Whether the drawn cells form a lattice that answers points by arithmetic; for tests and diagnostics. */
  boolean hasLattice() {
    return lattice != null;
  }

  /** The H3 cell containing the point (degrees), identical to {@code H3Binner.cellOf(lat, lon)}. */
  public long cellOf(double lat, double lon) {
    if (columns > 0) {
      double phi = Math.toRadians(lat);
      double dLon = Math.toRadians(lon) - lon0;
      double dPhi = phi - lat0;
      double sinPhi;
      double cosPhi;
      double sinDLon;
      double cosDLon;
      if (Math.abs(dPhi) < NEAR && Math.abs(dLon) < NEAR) {
        // near the centre (all of a city): sines and cosines of the small offsets by their series, ~4x cheaper than
        // four Math calls and equal to them within rounding (the series' first dropped term is below 1e-26)
        double sinD = sinOfSmall(dPhi);
        double cosD = cosOfSmall(dPhi);
        sinPhi = sinLat0 * cosD + cosLat0 * sinD;
        cosPhi = cosLat0 * cosD - sinLat0 * sinD;
        sinDLon = sinOfSmall(dLon);
        cosDLon = cosOfSmall(dLon);
      } else {
        sinPhi = Math.sin(phi);
        cosPhi = Math.cos(phi);
        sinDLon = Math.sin(dLon);
        cosDLon = Math.cos(dLon);
      }
      double d = cosLat0 * cosPhi * cosDLon + sinLat0 * sinPhi;
      if (d > 0.5) {
        double inverse = 1 / d;
        double x = cosPhi * sinDLon * inverse;
        double y = (cosLat0 * sinPhi - sinLat0 * cosPhi * cosDLon) * inverse;
        int i = column(x);
        int j = row(y);
        if (i >= 0 && i < columns && j >= 0 && j < rows) {
          if (lattice != null) {
            long cell = lattice.cellAt(x, y);
            if (cell != 0) {
              return cell;
            }
          }
          int b = j * columns + i;
          for (int m = start[b]; m < start[b + 1]; m++) {
            int k = members[m];
            if (inside(k, x, y)) {
              return ids[k];
            }
          }
        }
      }
    }
    return binner.cellOf(lat, lon);
  }

  /** sin x for |x| below {@link #NEAR}, by its Taylor series to x^9. */
  static double sinOfSmall(double x) {
    double x2 = x * x;
    return x * (1 - x2 * (1.0 / 6) * (1 - x2 * (1.0 / 20) * (1 - x2 * (1.0 / 42) * (1 - x2 * (1.0 / 72)))));
  }

  /** cos x for |x| below {@link #NEAR}, by its Taylor series to x^10. */
  static double cosOfSmall(double x) {
    double x2 = x * x;
    return 1 - x2 * 0.5 * (1 - x2 * (1.0 / 12) * (1 - x2 * (1.0 / 30) * (1 - x2 * (1.0 / 56) * (1 - x2 * (1.0 / 90)))));
  }

  private boolean inside(int k, double x, double y) {
    for (int e = 3 * edgeStart[k], end = 3 * edgeStart[k + 1]; e < end; e += 3) {
      if (edges[e] * x + edges[e + 1] * y - edges[e + 2] < margin) {
        return false;
      }
    }
    return true;
  }

  private int column(double x) {
    return (int) Math.floor((x - gridX0) * perBucket);
  }

  private int row(double y) {
    return (int) Math.floor((y - gridY0) * perBucket);
  }

  /** The point on the plane, or null when it is too far from the centre (over 60°) to draw. */
  private double[] project(double lat, double lon) {
    double phi = Math.toRadians(lat);
    double dLon = Math.toRadians(lon) - lon0;
    double d = cosLat0 * Math.cos(phi) * Math.cos(dLon) + sinLat0 * Math.sin(phi);
    if (d <= 0.5) {
      return null;
    }
    return new double[] {
      Math.cos(phi) * Math.sin(dLon) / d, (cosLat0 * Math.sin(phi) - sinLat0 * Math.cos(phi) * Math.cos(dLon)) / d
    };
  }

  /** The cell's outline on the plane as x0, y0, x1, y1, ... counter-clockwise, or null when it is not convex there. */
  private double[] outline(long id) {
    List<LatLng> boundary = binner.boundaryOf(id);
    int n = boundary.size();
    double[] o = new double[2 * n];
    for (int v = 0; v < n; v++) {
      double[] p = project(boundary.get(v).lat, boundary.get(v).lng);
      if (p == null) {
        return null;
      }
      o[2 * v] = p[0];
      o[2 * v + 1] = p[1];
    }
    double area = 0;
    for (int v = 0; v < n; v++) {
      int w = (v + 1) % n;
      area += o[2 * v] * o[2 * w + 1] - o[2 * w] * o[2 * v + 1];
    }
    if (area < 0) {
      for (int v = 0; v < n / 2; v++) { // make it counter-clockwise
        int w = n - 1 - v;
        double x = o[2 * v];
        double y = o[2 * v + 1];
        o[2 * v] = o[2 * w];
        o[2 * v + 1] = o[2 * w + 1];
        o[2 * w] = x;
        o[2 * w + 1] = y;
      }
    } else if (area == 0) {
      return null;
    }
    for (int v = 0; v < n; v++) {
      int w = (v + 1) % n;
      int u = (v + 2) % n;
      double turn = (o[2 * w] - o[2 * v]) * (o[2 * u + 1] - o[2 * w + 1]) - (o[2 * w + 1] - o[2 * v + 1]) * (o[2 * u] - o[2 * w]);
      if (turn <= 0) {
        return null; // not strictly convex on this plane: the edge test would not be the cell
      }
    }
    return o;
  }
}
