package org.madang.analytics.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.madang.analytics.fixtures.FixtureFiles;

class GalFileTest {

  @Test
  void readsTheStLouisQueenWeightsWithIdsInFileOrder() {
    SpatialWeights w = GalFile.read(FixtureFiles.reader("/spatial_autocorrelation/stl/stl_queen.gal"));
    assertThat(w.size()).isEqualTo(78);
    assertThat(w.id(0)).isEqualTo("1");
    assertThat(w.neighboursOf(0)).containsExactly(2, 5, 6);
    assertThat(w.isSymmetric()).isTrue();
    assertThat(w.transform()).isEqualTo(WeightsTransform.BINARY);
  }

  @Test
  void readsTheFourFieldHeaderAndFeaturesWithoutNeighbours() {
    SpatialWeights w = GalFile.read(new StringReader("0 3 shapes ID\nA 1\nB\nB 1\nA\nC 0\n\n"));
    assertThat(w.ids()).containsExactly("A", "B", "C");
    assertThat(w.islands()).containsExactly(2);
  }

  @Test
  void refusesANeighbourTheFileDoesNotList() {
    assertThatThrownBy(() -> GalFile.read(new StringReader("2\n1 1\n3\n2 1\n1\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature 1 names neighbour 3, which the GAL file does not list");
  }
}
