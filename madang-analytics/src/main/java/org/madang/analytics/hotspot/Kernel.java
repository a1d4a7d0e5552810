package org.madang.analytics.hotspot;

/**
 * The kernel of a {@link KernelDensity}: how one point's weight spreads over the plane. Both integrate to 1 over the
 * plane, so a density surface integrates to the total weight.
 */
public enum Kernel {
  /**
   * Silverman's quartic (biweight) kernel, K(d) = 3 / (π h²) · (1 - d²/h²)² for d &lt; h and 0 beyond: the
   * bandwidth h is the radius of influence (as in ArcGIS and QGIS).
   */
  QUARTIC,
  /**
   * The Gaussian kernel K(d) = exp(-d² / 2h²) / (2π h²): the bandwidth h is the standard deviation. It is cut at 4h,
   * which leaves out e^-8 ≈ 0.03% of the mass.
   */
  GAUSSIAN;

  /** The density at distance d of a unit weight at bandwidth h, per square unit of distance. */
  public double density(double distanceSquared, double bandwidth) {
    double h2 = bandwidth * bandwidth;
    return switch (this) {
      case QUARTIC -> {
        if (distanceSquared >= h2) {
          yield 0.0;
        }
        double u = 1.0 - distanceSquared / h2;
        yield 3.0 / (Math.PI * h2) * u * u;
      }
      case GAUSSIAN -> distanceSquared > 16 * h2 ? 0.0 : Math.exp(-distanceSquared / (2 * h2)) / (2 * Math.PI * h2);
    };
  }

  /** The distance beyond which the kernel is 0. */
  public double reach(double bandwidth) {
    return this == QUARTIC ? bandwidth : 4 * bandwidth;
  }
}
