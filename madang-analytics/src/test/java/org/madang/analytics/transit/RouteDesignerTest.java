package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.madang.analytics.location.StopReason;

/** The route designer: feasible, reproducible, stoppable, and as good as the literature on Mandl's network. */
class RouteDesignerTest {

  private static final double X = Double.POSITIVE_INFINITY;
  private final TransitInstance mandl = MandlFixtures.mandl();

  @Test
  void designsRouteSetsForMandlAtLeastAsGoodForPassengersAsThePublishedBests() {
    // best published passenger-oriented ATT with 2–8 stops: 4 routes 10.57 (Mumford 2013), 6 routes 10.18 (Ahmed et
    // al. 2019), 7 routes 10.22, 8 routes 10.17 (Mumford 2013); a quarter of the default moves keeps the test short
    double[] published = {10.57, 10.18, 10.22, 10.17};
    int[] counts = {4, 6, 7, 8};
    for (int k = 0; k < counts.length; k++) {
      RouteDesignParameters parameters = RouteDesignParameters.of(counts[k], 8).withSeed(1).withIterations(100_000, 4);
      RouteDesign design = RouteDesigner.design(mandl, parameters);
      assertFeasible(mandl, design.routes(), parameters);
      assertThat(design.evaluation().averageTravelTime()).as(counts[k] + " routes").isLessThanOrEqualTo(published[k] + 0.005);
      assertThat(design.evaluation().dUnsatisfied()).isZero();
      assertThat(design.evaluation()).isEqualTo(RouteSetEvaluator.of(mandl).evaluate(design.routes()));
      assertThat(design.lowerBound()).isLessThanOrEqualTo(design.evaluation().averageTravelTime());
      assertThat(design.stopReason()).isEqualTo(StopReason.COMPLETED);
    }
  }

  @Test
  void theSameSeedGivesTheSameDesignAndAnotherSeedMayNot() {
    RouteDesignParameters parameters = RouteDesignParameters.of(6, 8).withSeed(7).withIterations(20_000, 2);
    RouteDesign first = RouteDesigner.design(mandl, parameters);
    RouteDesign second = RouteDesigner.design(mandl, parameters);
    assertThat(second.routes()).isEqualTo(first.routes());
    assertThat(second.evaluation()).isEqualTo(first.evaluation());
    assertThat(second.iterations()).isEqualTo(first.iterations());
  }

  @Test
  void theFrontTradesAttForOperatorCostAndTheOperatorWeightBuysACheaperNetwork() {
    RouteDesign passengers = RouteDesigner.design(mandl, RouteDesignParameters.of(6, 8).withIterations(30_000, 2));
    List<RouteDesign.FrontPoint> front = passengers.front();
    assertThat(front).isNotEmpty();
    for (int i = 1; i < front.size(); i++) {
      assertThat(front.get(i).averageTravelTime()).isGreaterThan(front.get(i - 1).averageTravelTime());
      assertThat(front.get(i).operatorCost()).isLessThan(front.get(i - 1).operatorCost());
    }
    assertThat(front.get(0).averageTravelTime()).isEqualTo(passengers.evaluation().averageTravelTime());
    RouteDesignParameters cheap = RouteDesignParameters.of(6, 8).withIterations(30_000, 2).withOperatorWeight(0.05);
    RouteDesign operator = RouteDesigner.design(mandl, cheap);
    assertFeasible(mandl, operator.routes(), cheap);
    assertThat(operator.evaluation().operatorCost()).isLessThan(passengers.evaluation().operatorCost() * 0.8);
  }

  @Test
  void stopsAtTheTimeLimitWithTheBestSoFar() {
    RouteDesignParameters parameters = RouteDesignParameters.of(6, 8).withIterations(Integer.MAX_VALUE, 1)
        .withTimeLimit(Duration.ofMillis(400));
    long start = System.nanoTime();
    RouteDesign design = RouteDesigner.design(mandl, parameters);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
    assertThat(design.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    assertFeasible(mandl, design.routes(), parameters);
  }

  @Test
  void stopsWhenCancelledAndReportsProgressOnTheWay() {
    AtomicInteger reports = new AtomicInteger();
    List<Double> bests = new ArrayList<>();
    RouteDesignParameters parameters = RouteDesignParameters.of(4, 8).withIterations(Integer.MAX_VALUE, 1)
        .withProgress((iteration, iterations, best, bound) -> {
          reports.incrementAndGet();
          bests.add(best);
          assertThat(bound).isLessThanOrEqualTo(best);
        })
        .withCancellation(() -> reports.get() >= 20);
    RouteDesign design = RouteDesigner.design(mandl, parameters);
    assertThat(design.stopReason()).isEqualTo(StopReason.CANCELLED);
    assertThat(bests).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertFeasible(mandl, design.routes(), parameters);
  }

  @Test
  void aCancellationBeforeAnyRouteSetIsBuiltIsAPlainError() {
    RouteDesignParameters parameters = RouteDesignParameters.of(4, 8).withCancellation(() -> true);
    assertThatThrownBy(() -> RouteDesigner.design(mandl, parameters))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the designer was stopped (CANCELLED)");
  }

  @Test
  void refusesMoreRoutesThanTheNetworkCanHold() {
    // a path of three nodes holds only 1-2, 2-3 and 1-2-3
    TransitInstance path = new TransitInstance("path", TransitNetwork.of(new double[][] {{0, 1, X}, {1, 0, 1}, {X, 1, 0}}),
        TripDemand.of(new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}}));
    assertThatThrownBy(() -> RouteDesigner.design(path, RouteDesignParameters.of(4, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the network holds only 3 distinct routes of 2 to 3 stops, fewer than the 4 routes asked for");
    assertThat(RouteDesigner.design(path, RouteDesignParameters.of(3, 3)).routes().routeCount()).isEqualTo(3);
  }

  @Test
  void refusesStopLimitsThatNoRouteOrNoRouteSetCanMeet() {
    // a star: the centre 0 and four leaves; its longest simple path has three nodes
    double[][] star = new double[5][5];
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        star[i][j] = i == j ? 0 : (i == 0 || j == 0) ? 2 : X;
      }
    }
    double[][] trips = new double[5][5];
    trips[1][2] = 10;
    TransitInstance hub = new TransitInstance("star", TransitNetwork.of(star), TripDemand.of(trips));
    assertThatThrownBy(() -> RouteDesigner.design(hub, RouteDesignParameters.of(2, 5).withStops(4, 5)))
        .hasMessage("no route of 4 to 5 stops fits the network: it has no simple path that long");
    assertThatThrownBy(() -> RouteDesigner.design(hub, RouteDesignParameters.of(2, 6)))
        .hasMessage("a route cannot have more stops (6) than the network has nodes (5)");
    assertThatThrownBy(() -> RouteDesigner.design(mandl, RouteDesignParameters.of(1, 8)))
        .hasMessage("1 connected routes of at most 8 stops cannot cover all 15 nodes");
    assertThatThrownBy(() -> RouteDesignParameters.of(2, 8).withStops(5, 4))
        .hasMessage("the maximum number of stops (4) is below the minimum (5)");
    assertThatThrownBy(() -> RouteDesignParameters.of(2, 8).withStops(1, 4))
        .hasMessage("a route needs at least 2 stops, so the minimum cannot be 1");
    assertThatThrownBy(() -> RouteDesignParameters.of(0, 8)).hasMessage("the number of routes must be at least 1, got 0");
    assertThat(RouteDesigner.design(hub, RouteDesignParameters.of(2, 3)).evaluation().dUnsatisfied()).isZero();
  }

  @Test
  void scalesToALargerSyntheticNetworkWithinItsTimeLimit() {
    TransitInstance city = SyntheticCity.grid(9, 3);
    RouteDesignParameters parameters = RouteDesignParameters.of(14, 12).withStops(3, 12).withSeed(2)
        .withTimeLimit(Duration.ofSeconds(4));
    long start = System.nanoTime();
    RouteDesign design = RouteDesigner.design(city, parameters);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(8);
    assertFeasible(city, design.routes(), parameters);
    assertThat(design.evaluation().averageTravelTime()).isGreaterThanOrEqualTo(design.lowerBound());
    assertThat(design.iterations()).isGreaterThan(100);
  }

  /** Every rule of a feasible route set, checked independently of the designer. */
  static void assertFeasible(TransitInstance instance, RouteSet routes, RouteDesignParameters parameters) {
    TransitNetwork network = instance.network();
    int n = network.nodeCount();
    assertThat(routes.routeCount()).isEqualTo(parameters.routes());
    Set<List<Integer>> distinct = new HashSet<>();
    boolean[] covered = new boolean[n];
    int[] component = new int[n];
    for (int v = 0; v < n; v++) {
      component[v] = v;
    }
    for (int[] route : routes.routes()) {
      assertThat(route.length).isBetween(parameters.minStops(), parameters.maxStops());
      Set<Integer> seen = new HashSet<>();
      List<Integer> forward = new ArrayList<>();
      for (int k = 0; k < route.length; k++) {
        assertThat(seen.add(route[k])).as("route repeats node " + (route[k] + 1)).isTrue();
        covered[route[k]] = true;
        forward.add(route[k]);
        if (k > 0) {
          assertThat(network.linked(route[k - 1], route[k])).isTrue();
          int from = component[route[k - 1]];
          int to = component[route[k]];
          for (int v = 0; v < n; v++) {
            if (component[v] == from) {
              component[v] = to;
            }
          }
        }
      }
      List<Integer> backward = new ArrayList<>(forward);
      java.util.Collections.reverse(backward);
      assertThat(distinct.add(forward) && !distinct.contains(backward)).as("a route appears twice").isTrue();
    }
    for (int v = 0; v < n; v++) {
      assertThat(covered[v]).as("node " + (v + 1) + " covered").isTrue();
      assertThat(component[v]).as("route set connected").isEqualTo(component[0]);
    }
  }
}
