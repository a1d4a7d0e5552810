package org.madang.analytics.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpatialWeightsTest {

  /** Rook contiguity on a 3 × 3 lattice, positions row-major (PySAL's lat2W(3, 3)). */
  static SpatialWeights lattice3x3() {
    int[][] rows = new int[9][];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        java.util.List<Integer> n = new java.util.ArrayList<>();
        if (r > 0) {
          n.add((r - 1) * 3 + c);
        }
        if (c > 0) {
          n.add(r * 3 + c - 1);
        }
        if (c < 2) {
          n.add(r * 3 + c + 1);
        }
        if (r < 2) {
          n.add((r + 1) * 3 + c);
        }
        rows[r * 3 + c] = n.stream().mapToInt(Integer::intValue).toArray();
      }
    }
    return SpatialWeights.ofNeighbours(rows);
  }

  @Test
  void latticeSumsMatchCliffAndOrdsDefinitions() {
    SpatialWeights w = lattice3x3();
    assertThat(w.s0()).isEqualTo(24.0);
    assertThat(w.s1()).isEqualTo(48.0);
    assertThat(w.s2()).isEqualTo(272.0);
  }

  @Test
  void rowStandardisationMakesEveryRowSumToOneAndKeepsNeighbours() {
    SpatialWeights r = lattice3x3().transformed(WeightsTransform.ROW_STANDARDISED);
    for (int i = 0; i < r.size(); i++) {
      assertThat(r.rowSum(i)).isCloseTo(1.0, within(1e-15));
    }
    assertThat(r.weightBetween(0, 1)).isEqualTo(0.5);
    assertThat(r.weightBetween(4, 1)).isEqualTo(0.25);
    assertThat(r.transformed(WeightsTransform.BINARY).weightBetween(4, 1)).isEqualTo(1.0);
  }

  @Test
  void transformsAlwaysStartFromTheWeightsAsBuilt() {
    SpatialWeights general = SpatialWeights.of(
        List.of("a", "b", "c"), new int[][] {{1, 2}, {0}, {0}}, new double[][] {{3, 1}, {2}, {5}});
    SpatialWeights twice = general.transformed(WeightsTransform.ROW_STANDARDISED)
        .transformed(WeightsTransform.BINARY)
        .transformed(WeightsTransform.ROW_STANDARDISED);
    assertThat(twice.weightBetween(0, 1)).isEqualTo(0.75);
    assertThat(general.transformed(WeightsTransform.ROW_STANDARDISED).weightBetween(0, 1)).isEqualTo(0.75);
    assertThat(twice.transformed(WeightsTransform.ORIGINAL).weightBetween(0, 1)).isEqualTo(3.0);
  }

  @Test
  void alignmentToAnotherIdOrderPermutesRowsAndColumns() {
    SpatialWeights w = SpatialWeights.ofNeighbours(List.of("a", "b", "c"), new int[][] {{1}, {0, 2}, {1}});
    SpatialWeights aligned = w.alignedTo(List.of("c", "a", "b"));
    assertThat(aligned.ids()).containsExactly("c", "a", "b");
    assertThat(aligned.neighboursOf(2)).containsExactly(0, 1);
    assertThat(aligned.neighboursOf(0)).containsExactly(2);
    double[] lag = aligned.lag(new double[] {10, 1, 100});
    assertThat(lag).containsExactly(100, 100, 11);
  }

  @Test
  void selfWeightAddsEachFeatureToItsOwnNeighbours() {
    SpatialWeights star = lattice3x3().withSelfWeight(1.0);
    assertThat(star.neighboursOf(0)).containsExactly(0, 1, 3);
    assertThat(star.transformed(WeightsTransform.ROW_STANDARDISED).weightBetween(4, 4)).isEqualTo(0.2);
  }

  @Test
  void refusesAFeatureListedAsItsOwnNeighbourOrTwice() {
    assertThatThrownBy(() -> SpatialWeights.ofNeighbours(new int[][] {{0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    assertThatThrownBy(() -> SpatialWeights.ofNeighbours(new int[][] {{1, 1}, {0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void islandsHaveEmptyRowsAndZeroLag() {
    SpatialWeights w = SpatialWeights.ofNeighbours(new int[][] {{1}, {0}, {}});
    assertThat(w.islands()).containsExactly(2);
    assertThat(w.transformed(WeightsTransform.ROW_STANDARDISED).lag(new double[] {1, 2, 3})).containsExactly(2, 1, 0);
  }
}
