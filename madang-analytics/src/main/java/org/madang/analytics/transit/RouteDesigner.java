package org.madang.analytics.transit;

import java.util.List;
import org.madang.analytics.location.SolverClock;
import org.madang.analytics.location.StopReason;

/**
 * Designs a set of bus routes for a network and its demand: a given number of routes, each a simple path along links
 * with a number of stops within limits, together covering every node and connected (every trip can be made), chosen to
 * minimise the passengers' average travel time (ATT, with transfer penalties) plus, optionally, a weight times the
 * operator cost.
 *
 * <p>Candidate routes are the k fastest paths between every pair of nodes (Yen). Each restart builds a feasible route
 * set greedily from the candidates (each new route meets the set so far, preferring routes that reach uncovered nodes
 * and carry demand directly), then improves it by simulated annealing over moves that keep it feasible: extend or trim
 * a route's end, insert, drop or swap a stop inside a route, exchange the tails of two routes where they cross, and
 * replace a route by a candidate. Every move is evaluated exactly with {@link RouteSetEvaluator}'s journeys. The
 * route sets seen that trade ATT for operator cost best are kept as a front.
 *
 * <p>Each annealing run cools geometrically over its share of the moves, or over its share of the time limit when that
 * comes first, so a run cut short by time still ends cold. Deterministic for a given seed (single-threaded) when the
 * moves run out before the time limit; the time limit and cancellation are checked between moves, so the designer
 * returns promptly with the best route set found.
 */
public final class RouteDesigner {

  private RouteDesigner() {}

  /** Designs a route set; refuses parameters no route set can meet with an {@link IllegalArgumentException}. */
  public static RouteDesign design(TransitInstance instance, RouteDesignParameters parameters) {
    SolverClock clock = new SolverClock(parameters.timeLimit(), parameters.cancellation());
    TransitNetwork network = instance.network();
    int n = network.nodeCount();
    int routes = parameters.routes();
    int min = parameters.minStops();
    int max = parameters.maxStops();
    if (max > n) {
      throw new IllegalArgumentException("a route cannot have more stops (" + max + ") than the network has nodes ("
          + n + ")");
    }
    if (max + (long) (routes - 1) * (max - 1) < n) {
      throw new IllegalArgumentException(routes + " connected routes of at most " + max + " stops cannot cover all "
          + n + " nodes");
    }
    long available = CandidateRoutes.countRoutes(network, min, max, routes, clock);
    if (clock.stopReason() == null && available < routes) {
      throw new IllegalArgumentException(available == 0
          ? "no route of " + min + " to " + max + " stops fits the network: it has no simple path that long"
          : "the network holds only " + available + " distinct routes of " + min + " to " + max + " stops, fewer than the "
              + routes + " routes asked for");
    }
    RouteSetEvaluator evaluator = RouteSetEvaluator.of(instance, parameters.transferPenalty());
    double bound = evaluator.passengerLowerBound(max);
    // Yen costs k · path length shortest-path runs per node pair, so larger networks get fewer paths per pair
    int k = n <= 40 ? 4 : n <= 80 ? 2 : 1;
    List<int[]> candidates = CandidateRoutes.build(network, min, max, k, clock);
    RouteSetSearch search = new RouteSetSearch(instance, evaluator, candidates, parameters, bound, clock);
    return search.run();
  }

  static StopReason finished(SolverClock clock, boolean atBound) {
    if (clock.stopReason() != null) {
      return clock.stopReason();
    }
    return atBound ? StopReason.PROVEN_OPTIMAL : StopReason.COMPLETED;
  }
}
