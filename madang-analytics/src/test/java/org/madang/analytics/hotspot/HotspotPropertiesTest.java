package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.madang.analytics.weights.DistanceWeights;
import org.madang.analytics.weights.SpatialWeights;

class HotspotPropertiesTest {

  private static final int SIDE = 40;

  /** A 40 × 40 lattice of cells 1 apart with queen neighbours; noisy values with a planted 4 × 4 hot block. */
  private record Lattice(double[] x, double[] y, double[] values, SpatialWeights weights) {

    static Lattice withHotBlock(long seed) {
      int n = SIDE * SIDE;
      double[] x = new double[n];
      double[] y = new double[n];
      double[] v = new double[n];
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < n; i++) {
        x[i] = i % SIDE;
        y[i] = i / SIDE;
        v[i] = 20 + 4 * gaussian(r);
        if (inBlock(i)) {
          v[i] += 15;
        }
      }
      return new Lattice(x, y, v, DistanceWeights.distanceBand(x, y, 1.5));
    }

    static boolean inBlock(int i) {
      int cx = i % SIDE;
      int cy = i / SIDE;
      return cx >= 10 && cx < 14 && cy >= 20 && cy < 24;
    }

    static boolean farFromBlock(int i) {
      int cx = i % SIDE;
      int cy = i / SIDE;
      return cx < 7 || cx > 16 || cy < 17 || cy > 26;
    }
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void giStarFindsThePlantedHotBlockAndLittleElse() {
    Lattice lattice = Lattice.withHotBlock(42);
    HotspotResult result = HotspotAnalysis.run(
        lattice.values(), lattice.weights(), HotspotParameters.of(LocalStatistic.GI_STAR));
    int block = 0;
    int hotInBlock = 0;
    int far = 0;
    int hotFar = 0;
    for (int i = 0; i < lattice.values().length; i++) {
      if (Lattice.inBlock(i)) {
        block++;
        if (result.feature(i).isHot()) {
          hotInBlock++;
        }
      } else if (Lattice.farFromBlock(i)) {
        far++;
        if (result.feature(i).significant()) {
          hotFar++;
        }
      }
    }
    assertThat(hotInBlock).isGreaterThanOrEqualTo(block * 3 / 4);
    for (int interior : new int[] {21 * SIDE + 11, 21 * SIDE + 12, 22 * SIDE + 11, 22 * SIDE + 12}) {
      assertThat(result.feature(interior).isHot()).as("interior cell %d", interior).isTrue();
    }
    assertThat((double) hotFar / far).isLessThan(0.01);
    assertThat(result.moran().i()).isPositive();
  }

  @Test
  void localMoranMarksThePlantedBlockHighHigh() {
    Lattice lattice = Lattice.withHotBlock(7);
    HotspotResult result = HotspotAnalysis.run(
        lattice.values(), lattice.weights(), HotspotParameters.of(LocalStatistic.LOCAL_MORAN));
    int centre = 21 * SIDE + 11;
    assertThat(result.feature(centre).quadrant()).isEqualTo(Quadrant.HH);
    assertThat(result.feature(centre).significant()).isTrue();
  }

  @Test
  void shufflingTheFeaturesPermutesEveryDeterministicOutput() {
    Lattice lattice = Lattice.withHotBlock(3);
    SplittableRandom r = new SplittableRandom(9);
    int n = lattice.values().length;
    int[] order = java.util.stream.IntStream.range(0, n).toArray();
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<String> shuffledIds = new ArrayList<>();
    double[] shuffledValues = new double[n];
    for (int k = 0; k < n; k++) {
      shuffledIds.add(lattice.weights().id(order[k]));
      shuffledValues[k] = lattice.values()[order[k]];
    }
    SpatialWeights shuffledWeights = lattice.weights().alignedTo(shuffledIds);
    for (LocalStatistic statistic : LocalStatistic.values()) {
      HotspotParameters parameters = HotspotParameters.of(statistic).withPermutations(199, 5);
      HotspotResult original = HotspotAnalysis.run(lattice.values(), lattice.weights(), parameters);
      HotspotResult shuffled = HotspotAnalysis.run(shuffledValues, shuffledWeights, parameters);
      assertThat(shuffled.moran().i()).isCloseTo(original.moran().i(), within(1e-12));
      assertThat(shuffled.geary().c()).isCloseTo(original.geary().c(), within(1e-12));
      double permutationDifference = 0;
      for (int k = 0; k < n; k++) {
        LocalHotspot a = original.feature(order[k]);
        LocalHotspot b = shuffled.feature(k);
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.statistic()).isCloseTo(a.statistic(), within(1e-12));
        assertThat(b.z()).isCloseTo(a.z(), within(1e-9));
        assertThat(b.p()).isCloseTo(a.p(), within(1e-12));
        assertThat(b.quadrant()).isEqualTo(a.quadrant());
        permutationDifference += Math.abs(b.pPermutation() - a.pPermutation());
      }
      // pseudo p-values come from other random draws after shuffling, so they agree only statistically
      assertThat(permutationDifference / n).as("%s mean |Δ pseudo p|", statistic).isLessThan(0.03);
    }
  }

  @Test
  void permutationPValuesAgreeWithAnalyticOnesForNearNormalValues() {
    // Gi leaves the feature out, so holding its value fixed (conditional randomisation) changes nothing
    Lattice lattice = Lattice.withHotBlock(11);
    HotspotResult result = HotspotAnalysis.run(lattice.values(), lattice.weights(),
        HotspotParameters.of(LocalStatistic.GI).withPermutations(999, 1));
    double difference = 0;
    for (LocalHotspot f : result.features()) {
      difference += Math.abs(f.pPermutation() - f.p());
    }
    assertThat(difference / result.features().size()).isLessThan(0.03);
  }

  @Test
  void theSameSeedGivesTheSamePseudoPValuesOnAnyThreads() {
    Lattice lattice = Lattice.withHotBlock(5);
    HotspotParameters parameters = HotspotParameters.of(LocalStatistic.LOCAL_MORAN).withPermutations(99, 77);
    HotspotResult first = HotspotAnalysis.run(lattice.values(), lattice.weights(), parameters);
    HotspotResult second = HotspotAnalysis.run(lattice.values(), lattice.weights(), parameters);
    HotspotResult otherSeed = HotspotAnalysis.run(lattice.values(), lattice.weights(), parameters.withPermutations(99, 78));
    assertThat(second.features()).isEqualTo(first.features());
    assertThat(otherSeed.features()).isNotEqualTo(first.features());
  }

  @Test
  void duplicatePointsAreSeparateFeaturesThatNeighbourEachOther() {
    double[] x = {0, 0, 5, 10, 10, 20};
    double[] y = {0, 0, 5, 10, 10, 20};
    SpatialWeights w = DistanceWeights.nearestNeighbours(x, y, 2);
    HotspotResult result = HotspotAnalysis.run(new double[] {1, 1, 2, 8, 9, 3}, w, HotspotParameters.of(LocalStatistic.GI_STAR));
    assertThat(result.features()).hasSize(6);
    assertThat(result.features()).allSatisfy(f -> assertThat(f.z()).isFinite());
  }

  @Test
  void refusesMissingValuesMismatchedLengthsAndConstantValues() {
    SpatialWeights w = DistanceWeights.nearestNeighbours(new double[] {0, 1, 2, 3, 4}, new double[] {0, 0, 0, 0, 0}, 2);
    HotspotParameters p = HotspotParameters.of(LocalStatistic.GI_STAR);
    assertThatThrownBy(() -> HotspotAnalysis.run(new double[] {1, 2, Double.NaN, 4, 5}, w, p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of feature 2 is NaN; every feature needs a finite number");
    assertThatThrownBy(() -> HotspotAnalysis.run(new double[] {1, 2, 3}, w, p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("there are 3 values for 5 weighted features; they must match");
    assertThatThrownBy(() -> HotspotAnalysis.run(new double[] {2, 2, 2, 2, 2}, w, p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("all values are equal, so there is no spatial pattern to measure");
    assertThatThrownBy(() -> p.withFalseDiscoveryRate(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("false discovery rate");
  }
}
