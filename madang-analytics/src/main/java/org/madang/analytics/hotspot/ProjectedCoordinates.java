package org.madang.analytics.hotspot;

/**
 * Guards the analyses that measure distances in metres against points given in degrees. Points are taken for
 * longitude/latitude when every x lies in [-180, 180], every y in [-90, 90], and the whole cloud is no wider than the
 * distance asked for: in metres, a city spans kilometres, so a cloud narrower than one search distance that also
 * fits the degree ranges is nearly always degrees (Seoul in degrees spans about 0.4 × 0.3).
 */
final class ProjectedCoordinates {

  private ProjectedCoordinates() {}

  static void requireFinite(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("there are " + x.length + " x but " + y.length + " y coordinates");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + " has no finite coordinates (" + x[i] + ", " + y[i] + ")");
      }
    }
  }

  static void requireMetres(double[] x, double[] y, double distance_m, String what) {
    if (x.length < 2) {
      return;
    }
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    boolean inDegreeRange = minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
    double extent = Math.max(maxX - minX, maxY - minY);
    if (inDegreeRange && extent > 0 && extent <= distance_m) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the coordinates look like longitude/latitude degrees (all points within %.4g units, %s %.4g m); "
              + "project them to metres first, e.g. EPSG:5186 for Korea",
          extent, what, distance_m));
    }
  }
}
