package org.madang.analytics.geo;

import org.locationtech.jts.math.Matrix;

/**
 * An area's H3 cells of one resolution as the hexagonal lattice they form when the area lies on one icosahedron face:
 * a point's cell is found by arithmetic and one array read, with no search through outlines.
 *
 * <p>Why it holds: H3 draws a face's cells as the hexagons of a regular lattice on that face's gnomonic plane, and a
 * point's cell is the lattice node nearest to it there. The locator's plane is a gnomonic projection too (centred on
 * the area), and two gnomonic projections differ by a projective map; so one homography takes the locator's plane to
 * H3's local IJ coordinates. It is fitted on four cell centres far apart and then checked against every drawn cell:
 * each centre must land on its own IJ node and each vertex on the lattice's Voronoi boundary, within a tenth of the
 * margin. A cell with other than six vertices (a pentagon, a cell cut by a face edge) or any miss leaves the area
 * without a lattice, and the locator keeps using the outlines. A point is answered only when it lies inside its
 * hexagon by more than the margin, so the rounding of this map and of H3's own computation cannot change the cell.
 *
 * <p>Immutable and thread-safe.
 */
final class CellLattice {

  private static final double SQRT3 = Math.sqrt(3);

  // plane (x, y, 1) -> homogeneous IJ (u w, v w, w)
  private final double h0;
  private final double h1;
  private final double h2;
  private final double h3;
  private final double h4;
  private final double h5;
  private final double h6;
  private final double h7;
  private final double h8;
  /** How far inside its hexagon a point must lie to be answered, in lattice units. */
  private final double margin;
  private final int iMin;
  private final int jMin;
  private final int width;
  private final int height;
  /** The H3 index at IJ node (i, j) in slot (i - iMin) * height + (j - jMin), 0 where no drawn cell lies. */
  private final long[] slots;

  private CellLattice(double[] h, double margin, int iMin, int jMin, int width, int height, long[] slots) {
    h0 = h[0];
    h1 = h[1];
    h2 = h[2];
    h3 = h[3];
    h4 = h[4];
    h5 = h[5];
    h6 = h[6];
    h7 = h[7];
    h8 = h[8];
    this.margin = margin;
    this.iMin = iMin;
    this.jMin = jMin;
    this.width = width;
    this.height = height;
    this.slots = slots;
  }

  /**
   * The lattice of the drawn cells, or null when they do not form one.
   *
   * @param ids the cells
   * @param centres each cell's centre on the locator's plane as {x, y}
   * @param vertices each cell's outline on the plane as x0, y0, x1, y1, ... (null for a cell not drawn convex)
   * @param margin how far inside its hexagon a point must lie to be answered, in lattice units (centre spacing 1)
   */
  static CellLattice fit(long[] ids, double[][] centres, double[][] vertices, double margin) {
    int n = ids.length;
    if (n < 4) {
      return null;
    }
    int[][] ij = new int[n][];
    long origin = ids[nearest(centres, 0, 0)];
    for (int k = 0; k < n; k++) {
      if (vertices[k] == null || vertices[k].length != 12) {
        return null;
      }
      ij[k] = H3Binner.localIjOf(origin, ids[k]);
      if (ij[k] == null) {
        return null;
      }
    }
    int[] corners = {extreme(centres, 1, 1), extreme(centres, -1, -1), extreme(centres, 1, -1), extreme(centres, -1, 1)};
    double[] h = homography(centres, ij, corners);
    if (h == null) {
      return null;
    }
    double tolerance = margin / 10;
    int iMin = Integer.MAX_VALUE;
    int jMin = Integer.MAX_VALUE;
    int iMax = Integer.MIN_VALUE;
    int jMax = Integer.MIN_VALUE;
    double[] uv = new double[2];
    for (int k = 0; k < n; k++) {
      map(h, centres[k][0], centres[k][1], uv);
      if (!(Math.abs(uv[0] - ij[k][0]) < tolerance && Math.abs(uv[1] - ij[k][1]) < tolerance)) {
        return null;
      }
      double[] o = vertices[k];
      for (int v = 0; v < 12; v += 2) {
        map(h, o[v], o[v + 1], uv);
        if (!(Math.abs(boundaryDistance(uv[0] - ij[k][0], uv[1] - ij[k][1])) < tolerance)) {
          return null;
        }
      }
      iMin = Math.min(iMin, ij[k][0]);
      jMin = Math.min(jMin, ij[k][1]);
      iMax = Math.max(iMax, ij[k][0]);
      jMax = Math.max(jMax, ij[k][1]);
    }
    long width = (long) iMax - iMin + 1;
    long height = (long) jMax - jMin + 1;
    if (width * height > 8L * n + 1024) {
      return null; // a sparse or scattered set: the outlines serve it as well
    }
    long[] slots = new long[(int) (width * height)];
    for (int k = 0; k < n; k++) {
      slots[(ij[k][0] - iMin) * (int) height + ij[k][1] - jMin] = ids[k];
    }
    return new CellLattice(h, margin, iMin, jMin, (int) width, (int) height, slots);
  }

  /** The cell containing the plane point (x, y), or 0 when it lies within the margin of an edge or off the lattice. */
  long cellAt(double x, double y) {
    double inverse = 1 / (h6 * x + h7 * y + h8);
    double u = (h0 * x + h1 * y + h2) * inverse;
    double v = (h3 * x + h4 * y + h5) * inverse;
    // cube coordinates of the point on the lattice whose nodes are i (1, 0) + j (-1/2, √3/2): q = i - j, r = j, s = -i
    double q = u - v;
    double s = -u;
    double rq = Math.rint(q);
    double rr = Math.rint(v);
    double rs = Math.rint(s);
    double dq = Math.abs(rq - q);
    double dr = Math.abs(rr - v);
    double ds = Math.abs(rs - s);
    // the component that rounded furthest is the one to recompute from the other two (s itself is not needed after)
    if (dq > dr && dq > ds) {
      rq = -rr - rs;
    } else if (dr > ds) {
      rr = -rq - rs;
    }
    int i = (int) (rq + rr);
    int j = (int) rr;
    if (!(boundaryDistance(u - i, v - j) > margin)) {
      return 0; // within the margin of an edge
    }
    i -= iMin;
    j -= jMin;
    if (i < 0 || i >= width || j < 0 || j >= height) {
      return 0;
    }
    return slots[i * height + j];
  }

  /**
   * For an offset (du, dv) from a node in IJ units: its distance inside the node's hexagon (0 on the boundary,
   * negative outside), in lattice units: half of what its tightest neighbour condition has to spare, the condition for
   * the neighbour at cube offset n being e·n below 1 for the offset's cube coordinates e = (du - dv, dv, -du).
   */
  static double boundaryDistance(double du, double dv) {
    double eq = du - dv;
    double er = dv;
    double es = -du;
    double worst = Math.max(Math.abs(eq - er), Math.max(Math.abs(er - es), Math.abs(es - eq)));
    return (1 - worst) / 2;
  }

  private static void map(double[] h, double x, double y, double[] uv) {
    double w = h[6] * x + h[7] * y + h[8];
    uv[0] = (h[0] * x + h[1] * y + h[2]) / w;
    uv[1] = (h[3] * x + h[4] * y + h[5]) / w;
  }

  private static int nearest(double[][] points, double x, double y) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int k = 0; k < points.length; k++) {
      double d = Math.hypot(points[k][0] - x, points[k][1] - y);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best;
  }

  /** The point furthest in direction (a, b). */
  private static int extreme(double[][] points, double a, double b) {
    int best = 0;
    for (int k = 1; k < points.length; k++) {
      if (a * points[k][0] + b * points[k][1] > a * points[best][0] + b * points[best][1]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * The homography through four correspondences, as a row-major 3x3 matrix, or null when they are degenerate. Both
   * sides are first centred and scaled to unit size so the 8x8 system is well conditioned (Hartley's normalisation).
   */
  static double[] homography(double[][] from, int[][] to, int[] chosen) {
    double mx = 0;
    double my = 0;
    double mu = 0;
    double mv = 0;
    for (int k : chosen) {
      mx += from[k][0] / 4;
      my += from[k][1] / 4;
      mu += to[k][0] / 4.0;
      mv += to[k][1] / 4.0;
    }
    double sx = 0;
    double su = 0;
    for (int k : chosen) {
      sx = Math.max(sx, Math.max(Math.abs(from[k][0] - mx), Math.abs(from[k][1] - my)));
      su = Math.max(su, Math.max(Math.abs(to[k][0] - mu), Math.abs(to[k][1] - mv)));
    }
    if (!(sx > 0 && su > 0)) {
      return null;
    }
    double[][] a = new double[8][];
    double[] b = new double[8];
    for (int m = 0; m < 4; m++) {
      int k = chosen[m];
      double x = (from[k][0] - mx) / sx;
      double y = (from[k][1] - my) / sx;
      double u = (to[k][0] - mu) / su;
      double v = (to[k][1] - mv) / su;
      a[2 * m] = new double[] {x, y, 1, 0, 0, 0, -x * u, -y * u};
      a[2 * m + 1] = new double[] {0, 0, 0, x, y, 1, -x * v, -y * v};
      b[2 * m] = u;
      b[2 * m + 1] = v;
    }
    double[] g = Matrix.solve(a, b); // JTS's Gaussian elimination with partial pivoting
    if (g == null || !Double.isFinite(g[0] + g[1] + g[2] + g[3] + g[4] + g[5] + g[6] + g[7])) {
      return null;
    }
    // H = T_to^-1 · G · T_from, with T_from(x) = (x - m) / s and T_to^-1(u) = u s_u + m_u
    double[][] gm = {{g[0], g[1], g[2]}, {g[3], g[4], g[5]}, {g[6], g[7], 1}};
    double[][] tFrom = {{1 / sx, 0, -mx / sx}, {0, 1 / sx, -my / sx}, {0, 0, 1}};
    double[][] tToInverse = {{su, 0, mu}, {0, su, mv}, {0, 0, 1}};
    double[][] hm = multiply(tToInverse, multiply(gm, tFrom));
    return new double[] {hm[0][0], hm[0][1], hm[0][2], hm[1][0], hm[1][1], hm[1][2], hm[2][0], hm[2][1], hm[2][2]};
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          c[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return c;
  }
}
