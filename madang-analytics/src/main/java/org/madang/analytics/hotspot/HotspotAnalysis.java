package org.madang.analytics.hotspot;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.analytics.weights.WeightsTransform;

/**
 * Finds local clusters of high and low values: Getis-Ord Gi / Gi* hot and cold spots or local Moran's I_i with LISA
 * quadrants, each feature with an analytic z and p, optionally a pseudo p-value from conditional randomisation, and a
 * Benjamini-Hochberg false discovery rate decision. Global Moran's I and Geary's C come along.
 *
 * <p>Formulas follow PySAL's esda ({@code G_Local}, {@code Moran_Local}), whose published values the tests reproduce.
 * The local Moran statistic is esda's I_i = (n - 1) z_i Σ_j w_ij z_j / Σ_k z_k²; its analytic z uses the moments under
 * total randomisation (Anselin 1995, in Sokal, Oden and Thomson's 1998 form), rescaled to that statistic.
 * Conditional randomisation (Anselin 1995): for feature i, its neighbours' values are replaced by a random draw,
 * without replacement, from the other n - 1 values, the feature's own value held fixed. Each feature has its own
 * random stream derived from the seed, so results do not depend on threads; features are processed in parallel.
 *
 * <p>Duplicate points are allowed: they are separate features and neighbours of each other when the weights say so.
 * Pass the weights' structure (binary, as built); the parameters choose the transform. The analytic Gi statistics
 * assume values that are not negative (counts, rates), as Getis and Ord do.
 */
public final class HotspotAnalysis {

  private HotspotAnalysis() {}

  /** Runs the analysis over one value per weighted feature (same order as the weights' features). */
  public static HotspotResult run(double[] values, SpatialWeights weights, HotspotParameters parameters) {
    GlobalAutocorrelation.requireValues(values, weights, 4);
    SpatialWeights rowStandardised = weights.transformed(WeightsTransform.ROW_STANDARDISED);
    MoranStatistic moran = GlobalAutocorrelation.moran(values, rowStandardised);
    GearyStatistic geary = GlobalAutocorrelation.geary(values, rowStandardised);
    int n = values.length;
    double[] standardised = standardise(values);
    SpatialWeights local = localWeights(weights, parameters);
    double[] quadrantLag = weights.transformed(parameters.transform()).lag(standardised);

    double[] statistic;
    double[] expected;
    double[] variance;
    if (parameters.statistic() == LocalStatistic.LOCAL_MORAN) {
      double[] lag = local.lag(standardised);
      double sumSquares = 0;
      for (double v : standardised) {
        sumSquares += v * v;
      }
      statistic = new double[n];
      for (int i = 0; i < n; i++) {
        statistic[i] = (n - 1) * standardised[i] * lag[i] / sumSquares;
      }
      // the moments are for Anselin's I_i = z_i Σ_j w_ij z_j / m2, which is n / (n - 1) times esda's statistic
      LocalMoranMoments moments = LocalMoranMoments.of(standardised, local);
      double scale = (n - 1.0) / n;
      expected = new double[n];
      variance = new double[n];
      for (int i = 0; i < n; i++) {
        expected[i] = scale * moments.expected()[i];
        variance[i] = scale * scale * moments.variance()[i];
      }
    } else {
      GetisOrdLocal g = GetisOrdLocal.of(values, local, parameters.statistic() == LocalStatistic.GI_STAR);
      statistic = g.statistic();
      expected = g.expected();
      variance = g.variance();
    }
    double[] z = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (statistic[i] - expected[i]) / Math.sqrt(variance[i]);
      p[i] = NormalDistribution.oneSidedP(z[i]);
    }
    double[] pPermutation = new double[n];
    double[] zPermutation = new double[n];
    java.util.Arrays.fill(pPermutation, Double.NaN);
    java.util.Arrays.fill(zPermutation, Double.NaN);
    if (parameters.permutations() > 0) {
      ConditionalRandomisation.run(values, standardised, local, statistic, parameters, pPermutation, zPermutation);
    }
    double[] tested = parameters.permutations() > 0 ? pPermutation : p;
    double[] testable = new double[n];
    for (int i = 0; i < n; i++) {
      testable[i] = Double.isNaN(tested[i]) ? 1.0 : tested[i];
    }
    double[] q = FalseDiscoveryRate.adjust(testable);
    List<LocalHotspot> features = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      features.add(new LocalHotspot(
          weights.id(i), statistic[i], expected[i], variance[i], z[i], p[i], pPermutation[i], zPermutation[i], q[i],
          Quadrant.of(standardised[i], quadrantLag[i]), q[i] <= parameters.falseDiscoveryRate()));
    }
    return new HotspotResult(parameters, moran, geary, features);
  }

  /**
   * Local Getis-Ord Gi* (or Gi) with binary weights from neighbourhood sums computed elsewhere (by a distributed
   * engine, say): for each feature i, {@code lag[i]} = Σ_j w_ij y_j and {@code weightSum[i]} = Σ_j w_ij, over the
   * neighbours j (for Gi* including i itself with weight 1). With binary weights Σ_j w_ij² equals Σ_j w_ij, so these
   * two sums and the values are all the statistic needs. Same arithmetic as {@link #run}'s analytic Gi statistics.
   *
   * @return per feature: statistic, expected value, variance, z and one-sided p
   */
  public static LocalGetisOrd getisOrdFromSums(double[] values, double[] lag, double[] weightSum, boolean star) {
    int n = values.length;
    if (lag.length != n || weightSum.length != n) {
      throw new IllegalArgumentException("need one neighbourhood sum per value: " + n + " values, " + lag.length + " sums, " + weightSum.length + " weights");
    }
    if (n < 4) {
      throw new IllegalArgumentException("local statistics need at least 4 features, got " + n);
    }
    GetisOrdLocal g = GetisOrdLocal.fromSums(values, lag, weightSum, star);
    double[] z = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (g.statistic()[i] - g.expected()[i]) / Math.sqrt(g.variance()[i]);
      p[i] = NormalDistribution.oneSidedP(z[i]);
    }
    return new LocalGetisOrd(g.statistic(), g.expected(), g.variance(), z, p);
  }

  /** Local Getis-Ord statistics per feature, from {@link #getisOrdFromSums}. */
  public record LocalGetisOrd(double[] statistic, double[] expected, double[] variance, double[] z, double[] p) {}

  /** The weights the local statistic sums over: Gi without self, Gi* with self weight 1, then transformed. */
  static SpatialWeights localWeights(SpatialWeights weights, HotspotParameters parameters) {
    SpatialWeights structure = weights.transformed(WeightsTransform.ORIGINAL);
    for (int i = 0; i < structure.size(); i++) {
      if (structure.hasSelfWeight(i)) {
        throw new IllegalArgumentException(
            "feature " + structure.id(i) + " is its own neighbour; pass weights without self links and choose Gi*");
      }
    }
    if (parameters.statistic() == LocalStatistic.GI_STAR) {
      structure = structure.transformed(WeightsTransform.BINARY).withSelfWeight(1.0);
      return structure.transformed(parameters.transform());
    }
    return structure.transformed(parameters.transform());
  }

  /** (v - mean) / population standard deviation. */
  static double[] standardise(double[] values) {
    double[] z = GlobalAutocorrelation.deviations(values);
    double ss = 0;
    for (double v : z) {
      ss += v * v;
    }
    double sd = Math.sqrt(ss / z.length);
    for (int i = 0; i < z.length; i++) {
      z[i] /= sd;
    }
    return z;
  }

  /** Local Getis-Ord statistics and their moments under normality, as esda's {@code G_Local.calc}. */
  record GetisOrdLocal(double[] statistic, double[] expected, double[] variance) {

    static GetisOrdLocal of(double[] y, SpatialWeights w, boolean star) {
      double[] cardinality = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        cardinality[i] = w.rowSum(i);
      }
      return fromSums(y, w.lag(y), cardinality, star);
    }

    /** The statistics from each feature's Σ_j w_ij y_j ({@code lag}) and Σ_j w_ij ({@code cardinality}). */
    static GetisOrdLocal fromSums(double[] y, double[] lag, double[] cardinalities, boolean star) {
      int n = y.length;
      double sum = 0;
      double sumSquares = 0;
      for (double v : y) {
        sum += v;
        sumSquares += v * v;
      }
      double bigN = star ? n : n - 1;
      double[] g = new double[n];
      double[] e = new double[n];
      double[] var = new double[n];
      for (int i = 0; i < n; i++) {
        double others = star ? sum : sum - y[i];
        double othersSquares = star ? sumSquares : sumSquares - y[i] * y[i];
        g[i] = lag[i] / others;
        double mean = others / bigN;
        double meanOfSquares = othersSquares / bigN;
        double s2 = meanOfSquares - mean * mean;
        double cardinality = cardinalities[i];
        e[i] = cardinality / bigN;
        var[i] = cardinality * (bigN - cardinality) / (bigN - 1) / (bigN * bigN) * s2 / (mean * mean);
      }
      return new GetisOrdLocal(g, e, var);
    }
  }

  /** Conditional randomisation of the local statistic, one independent random stream per feature. */
  static final class ConditionalRandomisation {

    private ConditionalRandomisation() {}

    static void run(
        double[] y, double[] z, SpatialWeights w, double[] observed, HotspotParameters parameters,
        double[] pOut, double[] zOut) {
      int n = y.length;
      int permutations = parameters.permutations();
      LocalStatistic kind = parameters.statistic();
      double sum = 0;
      double sumSquaresZ = 0;
      for (int i = 0; i < n; i++) {
        sum += y[i];
        sumSquaresZ += z[i] * z[i];
      }
      double total = sum;
      double moranScale = (n - 1) / sumSquaresZ;
      ThreadLocal<int[]> pools = ThreadLocal.withInitial(() -> IntStream.range(0, n).toArray());
      IntStream.range(0, n).parallel().forEach(i -> {
        int[] pool = pools.get();
        SplittableRandom random = new SplittableRandom(mix(parameters.seed(), i));
        int count = w.neighbourCount(i);
        double selfWeight = 0;
        double[] otherWeights = new double[count];
        int others = 0;
        for (int k = 0; k < count; k++) {
          if (w.neighbour(i, k) == i) {
            selfWeight = w.weight(i, k);
          } else {
            otherWeights[others++] = w.weight(i, k);
          }
        }
        double[] source = kind == LocalStatistic.LOCAL_MORAN ? z : y;
        int[] swaps = new int[others];
        int larger = 0;
        double simSum = 0;
        double simSquares = 0;
        // move i out of the way: the draw is from positions 0..n-2 after swapping i to the end
        swapInPool(pool, i, n - 1);
        for (int r = 0; r < permutations; r++) {
          double weighted = 0;
          for (int k = 0; k < others; k++) {
            int pick = k + random.nextInt(n - 1 - k);
            swaps[k] = pick;
            swapInPool(pool, k, pick);
            weighted += otherWeights[k] * source[pool[k]];
          }
          for (int k = others - 1; k >= 0; k--) {
            swapInPool(pool, k, swaps[k]);
          }
          double simulated = switch (kind) {
            case GI -> weighted / (total - y[i]);
            case GI_STAR -> (weighted + selfWeight * y[i]) / total;
            case LOCAL_MORAN -> moranScale * z[i] * weighted;
          };
          if (simulated >= observed[i]) {
            larger++;
          }
          simSum += simulated;
          simSquares += simulated * simulated;
        }
        swapInPool(pool, i, n - 1);
        if (permutations - larger < larger) {
          larger = permutations - larger;
        }
        pOut[i] = (larger + 1.0) / (permutations + 1.0);
        double mean = simSum / permutations;
        double sd = Math.sqrt(Math.max(0, simSquares / permutations - mean * mean));
        zOut[i] = (observed[i] - mean) / sd;
      });
    }

    private static void swapInPool(int[] pool, int a, int b) {
      int t = pool[a];
      pool[a] = pool[b];
      pool[b] = t;
    }

    static long mix(long seed, long index) {
      long h = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
      h *= 0x94D049BB133111EBL;
      return h ^ (h >>> 29);
    }
  }
}
