package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Networks and demand built in code are checked like the files. */
class TransitNetworkTest {

  private static final double X = Double.POSITIVE_INFINITY;

  @Test
  void refusesNegativeAsymmetricRaggedAndDisconnectedTravelTimes() {
    assertThatThrownBy(() -> TransitNetwork.of(new double[][] {{0, -1}, {-1, 0}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the travel time from node 1 to node 2 is negative: -1.0");
    assertThatThrownBy(() -> TransitNetwork.of(new double[][] {{0, 1}, {2, 0}}))
        .hasMessage("travel times must be symmetric, but node 1 to node 2 takes 1.0 and the way back 2.0");
    assertThatThrownBy(() -> TransitNetwork.of(new double[][] {{0, 1}, {1}}))
        .hasMessage("the travel-time matrix is not square: row 2 has 1 values for 2 nodes");
    assertThatThrownBy(() -> TransitNetwork.of(new double[][] {{0, X, 1}, {X, 0, X}, {1, X, 0}}))
        .hasMessage("the network is disconnected: node 2 cannot be reached from node 1");
    assertThatThrownBy(() -> TransitNetwork.of(new double[][] {{0}})).hasMessage("a transit network needs at least two nodes, got 1");
  }

  @Test
  void refusesNegativeDemandAndDemandForNodesNotInTheNetwork() {
    assertThatThrownBy(() -> TripDemand.of(new double[][] {{0, -2}, {1, 0}}))
        .hasMessage("the demand from node 1 to node 2 must be a finite number of trips, not -2.0");
    TransitNetwork pair = TransitNetwork.of(new double[][] {{0, 3}, {3, 0}});
    TripDemand three = TripDemand.of(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}});
    assertThatThrownBy(() -> new TransitInstance("pair", pair, three))
        .hasMessage("pair: the demand matrix is for 3 nodes but the network has 2; demand must be between nodes of the network");
  }

  @Test
  void noLinkIsInfiniteOrNaNAndTheDiagonalIsIgnored() {
    TransitNetwork network = TransitNetwork.of(new double[][] {{7, 2, Double.NaN}, {2, 0, 4}, {X, 4, 9}});
    assertThat(network.linked(0, 2)).isFalse();
    assertThat(network.linkTime(0, 0)).isZero();
    assertThat(network.neighbours(1)).containsExactly(0, 2);
    assertThat(network.linkCount()).isEqualTo(2);
    assertThat(network.shortestTime(0, 2)).isEqualTo(6);
  }
}
