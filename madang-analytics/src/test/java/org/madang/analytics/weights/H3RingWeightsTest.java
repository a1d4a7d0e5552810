package org.madang.analytics.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.madang.analytics.geo.H3Binner;

class H3RingWeightsTest {

  @Test
  void aCellsOneRingNeighboursAreItsSixAdjacentCells() {
    long centre = H3Binner.atResolution(9).cellOf(37.5665, 126.9780);
    long[] cells = H3Binner.ring(centre, 2).stream().mapToLong(Long::longValue).toArray();
    SpatialWeights w = H3RingWeights.of(cells, 1);
    int centrePosition = 0;
    assertThat(cells[centrePosition]).isEqualTo(centre);
    assertThat(w.neighbourCount(centrePosition)).isEqualTo(6);
    assertThat(w.isSymmetric()).isTrue();
    assertThat(H3RingWeights.of(cells, 2).neighbourCount(centrePosition)).isEqualTo(18);
  }

  @Test
  void featuresInTheSameCellAreNeighbours() {
    long cell = H3Binner.atResolution(8).cellOf(37.5, 127.0);
    SpatialWeights w = H3RingWeights.of(List.of("a", "b"), new long[] {cell, cell}, 1);
    assertThat(w.neighboursOf(0)).containsExactly(1);
  }
}
