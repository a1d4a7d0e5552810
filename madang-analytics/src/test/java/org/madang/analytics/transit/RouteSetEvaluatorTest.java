package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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

  @Test
  void agreesWithDijkstraOverRouteStopsOnRandomRouteSetsOfASyntheticGrid() {
    TransitInstance city = SyntheticCity.grid(7, 11);
    RouteSetEvaluator evaluator = RouteSetEvaluator.of(city);
    SplittableRandom random = new SplittableRandom(5);
    for (int sample = 0; sample < 30; sample++) {
      List<int[]> routes = new ArrayList<>();
      int count = 3 + random.nextInt(12);
      for (int r = 0; r < count; r++) {
        routes.add(randomWalk(city.network(), random, 2 + random.nextInt(12)));
      }
      RouteSet set = RouteSet.of(routes);
      double[] expected = dijkstraOverStops(city, set, RouteSetEvaluator.DEFAULT_TRANSFER_PENALTY);
      RouteSetEvaluation e = evaluator.evaluate(set);
      double[] actual = {e.averageTravelTime(), e.d0(), e.d1(), e.d2(), e.dUnsatisfied(), e.unserved()};
      for (int k = 0; k < actual.length; k++) {
        assertThat(actual[k]).as("sample " + sample + " measure " + k).isCloseTo(expected[k], within(1e-9));
      }
    }
  }

  private static int[] randomWalk(TransitNetwork network, SplittableRandom random, int length) {
    int[] walk = new int[length];
    walk[0] = random.nextInt(network.nodeCount());
    int k = 1;
    while (k < length) {
      int[] next = network.neighbours(walk[k - 1]);
      int w = next[random.nextInt(next.length)];
      int seen = k;
      for (int i = 0; i < k; i++) {
        if (walk[i] == w) {
          seen = i;
        }
      }
      if (seen < k) {
        break;
      }
      walk[k++] = w;
    }
    return k >= 2 ? Arrays.copyOf(walk, k) : new int[] {walk[0], network.neighbours(walk[0])[0]};
  }

  /** The textbook model: a vertex per route stop and per node, Dijkstra on (time, transfers); {ATT, d0..dun, unserved}. */
  private static double[] dijkstraOverStops(TransitInstance instance, RouteSet set, double penalty) {
    TransitNetwork network = instance.network();
    int n = network.nodeCount();
    List<int[]> routes = set.routes();
    int stops = routes.stream().mapToInt(r -> r.length).sum();
    int[] nodeOf = new int[stops];
    int[] routeOf = new int[stops];
    int at = 0;
    for (int r = 0; r < routes.size(); r++) {
      for (int v : routes.get(r)) {
        nodeOf[at] = v;
        routeOf[at++] = r;
      }
    }
    double total = 0;
    double served = 0;
    double sum = 0;
    double[] byTransfers = new double[3];
    for (int o = 0; o < n; o++) {
      int size = stops + n;
      double[] time = new double[size];
      int[] transfers = new int[size];
      boolean[] done = new boolean[size];
      Arrays.fill(time, X);
      Arrays.fill(transfers, Integer.MAX_VALUE);
      for (int s = 0; s < stops; s++) {
        if (nodeOf[s] == o) {
          time[s] = 0;
          transfers[s] = 0;
        }
      }
      while (true) {
        int u = -1;
        for (int v = 0; v < size; v++) {
          if (!done[v] && time[v] < X && (u < 0 || time[v] < time[u] || (time[v] == time[u] && transfers[v] < transfers[u]))) {
            u = v;
          }
        }
        if (u < 0) {
          break;
        }
        done[u] = true;
        if (u < stops) {
          relax(time, transfers, stops + nodeOf[u], time[u], transfers[u]);
          for (int w : new int[] {u - 1, u + 1}) {
            if (w >= 0 && w < stops && routeOf[w] == routeOf[u]) {
              relax(time, transfers, w, time[u] + network.linkTime(nodeOf[u], nodeOf[w]), transfers[u]);
            }
          }
        } else if (u - stops != o) {
          for (int s = 0; s < stops; s++) {
            if (nodeOf[s] == u - stops) {
              relax(time, transfers, s, time[u] + penalty, transfers[u] + 1);
            }
          }
        }
      }
      for (int d = 0; d < n; d++) {
        double trips = instance.demand().trips(o, d);
        if (d == o || trips == 0) {
          continue;
        }
        total += trips;
        if (time[stops + d] < X) {
          served += trips;
          sum += trips * time[stops + d];
          if (transfers[stops + d] <= 2) {
            byTransfers[transfers[stops + d]] += trips;
          }
        }
      }
    }
    double share = 100 / total;
    return new double[] {served == 0 ? Double.NaN : sum / served, byTransfers[0] * share, byTransfers[1] * share,
        byTransfers[2] * share, (total - byTransfers[0] - byTransfers[1] - byTransfers[2]) * share, (total - served) * share};
  }

  private static void relax(double[] time, int[] transfers, int v, double t, int x) {
    if (t < time[v] || (t == time[v] && x < transfers[v])) {
      time[v] = t;
      transfers[v] = x;
    }
  }
}
