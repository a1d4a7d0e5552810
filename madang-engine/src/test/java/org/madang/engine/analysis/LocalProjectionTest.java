package org.madang.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.madang.engine.SeoulFixtures;

/** Straight-line distances on the local projection against WGS84 geodesics (Vincenty) across Seoul. */
class LocalProjectionTest {

  private static final LocalProjection SEOUL = LocalProjection.centredOn(SeoulFixtures.SEOUL.bounds());

  @Test
  void distancesAcrossTheCityAreWithinTwoPerMilleOfTheGeodesic() {
    Envelope b = SeoulFixtures.SEOUL.bounds();
    double[][] pairs = {
      {126.9780, 37.5665, 127.1001, 37.5133}, // 시청 - 잠실
      {b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()}, // corner to corner
      {b.getMinX(), b.getMaxY(), b.getMaxX(), b.getMaxY()}, // along the northern edge
      {126.9780, 37.5665, 126.9790, 37.5670}, // a hundred metres
    };
    for (double[] p : pairs) {
      double projected = Math.hypot(SEOUL.x(p[2]) - SEOUL.x(p[0]), SEOUL.y(p[3]) - SEOUL.y(p[1]));
      double geodesic = vincenty(p[0], p[1], p[2], p[3]);
      assertThat(Math.abs(projected - geodesic) / geodesic).as("%s", java.util.Arrays.toString(p)).isLessThan(0.002);
    }
  }

  @Test
  void projectingAndBackReturnsThePoint() {
    assertThat(SEOUL.longitude(SEOUL.x(127.0276))).isCloseTo(127.0276, within(1e-12));
    assertThat(SEOUL.latitude(SEOUL.y(37.4979))).isCloseTo(37.4979, within(1e-12));
  }

  /** Vincenty's inverse formula on the WGS84 ellipsoid, in metres. */
  static double vincenty(double lon1, double lat1, double lon2, double lat2) {
    double a = 6_378_137.0;
    double f = 1 / 298.257223563;
    double b = a * (1 - f);
    double l = Math.toRadians(lon2 - lon1);
    double u1 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat1)));
    double u2 = Math.atan((1 - f) * Math.tan(Math.toRadians(lat2)));
    double sinU1 = Math.sin(u1);
    double cosU1 = Math.cos(u1);
    double sinU2 = Math.sin(u2);
    double cosU2 = Math.cos(u2);
    double lambda = l;
    double sinSigma;
    double cosSigma;
    double sigma;
    double cos2Alpha;
    double cos2SigmaM;
    for (int i = 0; ; i++) {
      double sinLambda = Math.sin(lambda);
      double cosLambda = Math.cos(lambda);
      sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
      sigma = Math.atan2(sinSigma, cosSigma);
      double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
      cos2Alpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
      double c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
      double previous = lambda;
      lambda = l + (1 - c) * f * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
      if (Math.abs(lambda - previous) < 1e-12 || i > 200) {
        break;
      }
    }
    double uSq = cos2Alpha * (a * a - b * b) / (b * b);
    double bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    double bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    double deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
        - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * bigA * (sigma - deltaSigma);
  }
}
