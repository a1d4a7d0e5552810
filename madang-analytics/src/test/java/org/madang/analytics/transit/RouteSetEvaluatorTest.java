package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Journeys, transfers and the literature's measures on networks small enough to check by hand. */
class RouteSetEvaluatorTest {

  private static final double X = Double.POSITIVE_INFINITY;

  /** A path 0 - 1 - 2 - 3 with links of 1, 2 and 3 minutes; one trip between every pair. */
  private static TransitInstance line() {
    double[][] times = {{0, 1, X, X}, {1, 0, 2, X}, {X, 2, 0, 3}, {X, X, 3, 0}};
    double[][] trips = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        trips[i][j] = i == j ? 0 : 1;
      }
    }
    return new TransitInstance("line", TransitNetwork.of(times), TripDemand.of(trips));
  }

  @Test
  void oneRouteOverEveryNodeCarriesEveryTripWithoutTransfer() {
    RouteSetEvaluation e = RouteSetEvaluator.of(line()).evaluate(RouteSet.of(List.of(new int[] {0, 1, 2, 3})));
    // pair times 1, 3, 6, 2, 5, 3, each both ways: mean 20 / 6
    assertThat(e.averageTravelTime()).isCloseTo(20.0 / 6, within(1e-12));
    assertThat(e.d0()).isEqualTo(100);
    assertThat(e.dUnsatisfied()).isZero();
    assertThat(e.operatorCost()).isEqualTo(6);
  }

  @Test
  void eachChangeOfRouteAddsThePenaltyAndCountsATransfer() {
    RouteSet three = RouteSet.of(List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}));
    RouteSetEvaluation e = RouteSetEvaluator.of(line()).evaluate(three);
    // 0-1, 1-2, 2-3 direct; 0-2 and 1-3 one transfer; 0-3 two transfers
    assertThat(e.d0()).isCloseTo(50, within(1e-9));
    assertThat(e.d1()).isCloseTo(100.0 / 3, within(1e-9));
    assertThat(e.d2()).isCloseTo(100.0 / 6, within(1e-9));
    assertThat(e.averageTravelTime()).isCloseTo((1 + 2 + 3 + (3 + 5) + (5 + 5) + (6 + 10)) / 6.0, within(1e-12));
    RouteSetEvaluation free = RouteSetEvaluator.of(line(), 0).evaluate(three);
    assertThat(free.averageTravelTime()).isCloseTo(20.0 / 6, within(1e-12));
    assertThat(free.d2()).isCloseTo(100.0 / 6, within(1e-9));
  }

  @Test
  void moreThanTwoTransfersAndTripsTheRoutesCannotCarryAreUnsatisfied() {
    double[][] times = new double[5][5];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        times[i][j] = Math.abs(i - j) == 1 ? 1 : i == j ? 0 : X;
      }
    }
    double[][] trips = new double[5][5];
    trips[0][4] = 3;
    trips[0][1] = 1;
    TransitInstance path = new TransitInstance("path", TransitNetwork.of(times), TripDemand.of(trips));
    RouteSet hops = RouteSet.of(List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 4}));
    RouteSetEvaluation e = RouteSetEvaluator.of(path).evaluate(hops);
    assertThat(e.d0()).isEqualTo(25);
    assertThat(e.dUnsatisfied()).isEqualTo(75);
    assertThat(e.unserved()).isZero();
    assertThat(e.averageTravelTime()).isEqualTo((1 + 3 * (4 + 15)) / 4.0);
    RouteSetEvaluation cut = RouteSetEvaluator.of(path).evaluate(RouteSet.of(List.of(new int[] {0, 1}, new int[] {2, 3})));
    assertThat(cut.unserved()).isEqualTo(75);
    assertThat(cut.dUnsatisfied()).isEqualTo(75);
    assertThat(cut.averageTravelTime()).isEqualTo(1);
  }

  @Test
  void aTieBetweenAFasterTransferAndADirectRideCountsTheDirectRide() {
    // 0-1-2 takes 5 + 5 by the long route; 0-3-2 takes 0 + 5 with a change at 3 (penalty 5): both 10 minutes
    double[][] times = {{0, 5, X, 0.0}, {5, 0, 5, X}, {X, 5, 0, 5}, {0.0, X, 5, 0}};
    double[][] trips = new double[4][4];
    trips[0][2] = 1;
    TransitInstance square = new TransitInstance("square", TransitNetwork.of(times), TripDemand.of(trips));
    RouteSet routes = RouteSet.of(List.of(new int[] {0, 1, 2}, new int[] {0, 3}, new int[] {3, 2}));
    RouteSetEvaluation e = RouteSetEvaluator.of(square).evaluate(routes);
    assertThat(e.averageTravelTime()).isEqualTo(10);
    assertThat(e.d0()).isEqualTo(100);
  }
}
