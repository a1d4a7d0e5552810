package org.madang.bench;

import java.util.SplittableRandom;

/**
 * Synthetic point events over Seoul for the benchmarks: the same seed and count always give the same points, bit for
 * bit, so our kernels and PostGIS see identical input and every run of the suite sees the same input.
 *
 * <p>The generator (version 1; change the version in the docs if you change a constant):
 * <ul>
 *   <li>Frame: Seoul's bounding box, longitude 126.76–127.19 E, latitude 37.42–37.71 N (the envelope of the KOSTAT
 *       2013 dong boundaries, rounded outwards).
 *   <li>Half the points are uniform over the box (background); the box is about twice Seoul's area, so about half of
 *       these fall outside the city, as real feeds carry some out-of-area records.
 *   <li>The other half sit in {@value #HOTSPOTS} Gaussian hot spots whose centres are uniform over the inner box
 *       126.85–127.12 E, 37.48–37.64 N (mostly inside the city), each with a standard deviation drawn uniformly in
 *       150–600 m and a share of the clustered points drawn uniformly in [0.5, 1.5] (then normalised).
 *   <li>Each point carries a count-like value for Gi*: 1 + a geometric draw with mean 3 in hot spots and 1 in the
 *       background, so hot spots are hot in value as well as in density.
 *   <li>Metres: a local equirectangular projection onto a plane with EPSG:5186's origin (38 N, 127 E, false easting
 *       200 000 m, false northing 600 000 m): x = 200000 + R·cos(37.56°)·Δλ, y = 600000 + R·Δφ (R = 6 371 008.8 m).
 *       Over Seoul its scale error stays below 0.3 %, which does not matter here: both sides get the same x and y.
 * </ul>
 * Draws come from one {@link SplittableRandom} seeded with the given seed, in point order.
 */
public final class SeoulPoints {

  /** The seed every benchmark uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20_240_601L;

  static final double WEST = 126.76;
  static final double EAST = 127.19;
  static final double SOUTH = 37.42;
  static final double NORTH = 37.71;
  static final int HOTSPOTS = 200;
  private static final double EARTH_RADIUS_M = 6_371_008.8;
  private static final double METRES_PER_DEGREE_LAT = EARTH_RADIUS_M * Math.PI / 180;
  private static final double METRES_PER_DEGREE_LON = METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(37.56));

  private final double[] lon;
  private final double[] lat;
  private final double[] x;
  private final double[] y;
  private final double[] value;
  private final long seed;

  private SeoulPoints(double[] lon, double[] lat, double[] x, double[] y, double[] value, long seed) {
    this.lon = lon;
    this.lat = lat;
    this.x = x;
    this.y = y;
    this.value = value;
    this.seed = seed;
  }

  /** {@code count} points drawn with {@code seed}. */
  public static SeoulPoints generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] centreLon = new double[HOTSPOTS];
    double[] centreLat = new double[HOTSPOTS];
    double[] sigma = new double[HOTSPOTS];
    double[] cumulative = new double[HOTSPOTS];
    double total = 0;
    for (int h = 0; h < HOTSPOTS; h++) {
      centreLon[h] = 126.85 + random.nextDouble() * (127.12 - 126.85);
      centreLat[h] = 37.48 + random.nextDouble() * (37.64 - 37.48);
      sigma[h] = 150 + random.nextDouble() * 450;
      total += 0.5 + random.nextDouble();
      cumulative[h] = total;
    }
    double[] lon = new double[count];
    double[] lat = new double[count];
    double[] x = new double[count];
    double[] y = new double[count];
    double[] value = new double[count];
    for (int i = 0; i < count; i++) {
      boolean clustered = random.nextBoolean();
      double meanExtra;
      if (clustered) {
        double pick = random.nextDouble() * total;
        int h = 0;
        while (cumulative[h] < pick) {
          h++;
        }
        double px;
        double py;
        do {
          px = centreLon[h] + gaussian(random) * sigma[h] / METRES_PER_DEGREE_LON;
          py = centreLat[h] + gaussian(random) * sigma[h] / METRES_PER_DEGREE_LAT;
        } while (px < WEST || px > EAST || py < SOUTH || py > NORTH);
        lon[i] = px;
        lat[i] = py;
        meanExtra = 3;
      } else {
        lon[i] = WEST + random.nextDouble() * (EAST - WEST);
        lat[i] = SOUTH + random.nextDouble() * (NORTH - SOUTH);
        meanExtra = 1;
      }
      x[i] = 200_000 + (lon[i] - 127.0) * METRES_PER_DEGREE_LON;
      y[i] = 600_000 + (lat[i] - 38.0) * METRES_PER_DEGREE_LAT;
      // geometric on {0, 1, ...} with the given mean: floor(ln U / ln(1 - q)), q = 1 / (1 + mean)
      double u = 1.0 - random.nextDouble();
      value[i] = 1 + Math.floor(Math.log(u) / Math.log(1 - 1 / (1 + meanExtra)));
    }
    return new SeoulPoints(lon, lat, x, y, value, seed);
  }

  /** Standard normal draw (Box-Muller, one of the pair), so the sequence depends on nothing but the seed. */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  public int size() {
    return lon.length;
  }

  public long seed() {
    return seed;
  }

  /** Longitudes in degrees (the arrays are shared, not copied: do not write to them). */
  public double[] lon() {
    return lon;
  }

  public double[] lat() {
    return lat;
  }

  /** Projected metres east. */
  public double[] x() {
    return x;
  }

  /** Projected metres north. */
  public double[] y() {
    return y;
  }

  /** The count-like value of each point (Gi*'s variable). */
  public double[] value() {
    return value;
  }
}
