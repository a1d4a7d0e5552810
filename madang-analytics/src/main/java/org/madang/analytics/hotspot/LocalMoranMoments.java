package org.madang.analytics.hotspot;

import org.madang.analytics.weights.SpatialWeights;

/**
 * Analytic moments of local Moran's I_i, as esda's {@code Moran_Local} computes them (Sokal, Oden and Thomson 1998):
 * under total randomisation (Anselin 1995; Sokal's eqs. A3-A4) and under conditional randomisation, which holds z_i
 * fixed (eqs. A7-A8).
 *
 * @param expected E[I_i] = -w_i / (n - 1), w_i the row sum
 * @param variance Var[I_i] under total randomisation
 * @param expectedConditional E[I_i | z_i]
 * @param varianceConditional Var[I_i | z_i]
 */
record LocalMoranMoments(
    double[] expected, double[] variance, double[] expectedConditional, double[] varianceConditional) {

  /** Moments for standardised values z (mean 0, population standard deviation 1) and transformed weights. */
  static LocalMoranMoments of(double[] z, SpatialWeights weights) {
    int n = z.length;
    double m2 = 0;
    double m4 = 0;
    for (double v : z) {
      m2 += v * v;
      m4 += v * v * v * v;
    }
    m2 /= n;
    m4 /= n;
    double b2 = m4 / (m2 * m2);
    double[] e = new double[n];
    double[] v = new double[n];
    double[] ec = new double[n];
    double[] vc = new double[n];
    for (int i = 0; i < n; i++) {
      double wi = 0;
      double wi2 = 0;
      for (int k = 0; k < weights.neighbourCount(i); k++) {
        double w = weights.weight(i, k);
        wi += w;
        wi2 += w * w;
      }
      double zi2 = z[i] * z[i];
      ec[i] = -(zi2 * wi) / ((n - 1) * m2);
      vc[i] = (z[i] / m2) * (z[i] / m2) * (n / (n - 2.0)) * (wi2 - wi * wi / (n - 1)) * (m2 - zi2 / (n - 1));
      e[i] = -wi / (n - 1);
      v[i] = wi2 * (n - b2) / (n - 1) + (wi * wi - wi2) * (2 * b2 - n) / ((n - 1.0) * (n - 2.0)) - e[i] * e[i];
    }
    return new LocalMoranMoments(e, v, ec, vc);
  }
}
