package org.madang.analytics.hotspot;

/**
 * DBSCAN's two parameters.
 *
 * @param eps_m the neighbourhood radius in metres (inclusive: points exactly eps apart are neighbours)
 * @param minPoints how many points, the point itself included, a neighbourhood needs for its centre to be a core point
 *     (scikit-learn's {@code min_samples}, PostGIS's {@code minpoints})
 */
public record DbscanParameters(double eps_m, int minPoints) {

  public DbscanParameters {
    if (!(eps_m > 0) || Double.isInfinite(eps_m)) {
      throw new IllegalArgumentException("DBSCAN's eps must be a positive distance in metres, got " + eps_m);
    }
    if (minPoints < 1) {
      throw new IllegalArgumentException("DBSCAN's minPoints must be at least 1, got " + minPoints);
    }
  }
}
