package org.madang.analytics.transit;

/**
 * Evaluates route sets the way the transit network design literature does (Mandl 1979; Baaj and Mahmassani 1991;
 * Mumford 2013): every trip takes its fastest journey over the routes, riding in either direction, with a penalty for
 * each transfer (5 minutes by default) and no waiting time; ATT is the demand-weighted mean journey time including the
 * penalties over the demand the routes carry, d0/d1/d2 the shares of demand with 0/1/2 transfers, dun the rest, and the
 * operator cost the sum of the routes' one-way travel times. Between journeys of equal time the one with fewer
 * transfers counts. Not thread-safe: use one evaluator per thread.
 */
public final class RouteSetEvaluator {

  /** Minutes added to a journey for each change of route, as in Mandl's and Mumford's papers. */
  public static final double DEFAULT_TRANSFER_PENALTY = 5.0;

  private final TransitInstance instance;
  private final double transferPenalty;
  private final JourneyPlanner planner;

  private RouteSetEvaluator(TransitInstance instance, double transferPenalty) {
    if (!(transferPenalty >= 0) || Double.isInfinite(transferPenalty)) {
      throw new IllegalArgumentException("the transfer penalty must be a non-negative number of minutes, not "
          + transferPenalty);
    }
    this.instance = instance;
    this.transferPenalty = transferPenalty;
    this.planner = new JourneyPlanner(instance, transferPenalty);
  }

  /** An evaluator with the literature's 5-minute transfer penalty. */
  public static RouteSetEvaluator of(TransitInstance instance) {
    return new RouteSetEvaluator(instance, DEFAULT_TRANSFER_PENALTY);
  }

  public static RouteSetEvaluator of(TransitInstance instance, double transferPenalty) {
    return new RouteSetEvaluator(instance, transferPenalty);
  }

  public double transferPenalty() {
    return transferPenalty;
  }

  /**
   * Evaluates a route set. Its routes must follow links of the network; they may visit a node twice (some published
   * route sets do), though the designer never makes such routes.
   */
  public RouteSetEvaluation evaluate(RouteSet routes) {
    checkFollowsLinks(instance.network(), routes);
    return planner.evaluate(routes.view());
  }

  /** Routes the designer built, known to follow links. */
  RouteSetEvaluation evaluateTrusted(int[][] routes) {
    return planner.evaluate(routes);
  }

  static void checkFollowsLinks(TransitNetwork network, RouteSet routes) {
    int n = network.nodeCount();
    int[][] view = routes.view();
    for (int r = 0; r < view.length; r++) {
      int[] route = view[r];
      for (int k = 0; k < route.length; k++) {
        if (route[k] < 0 || route[k] >= n) {
          throw new IllegalArgumentException("route " + (r + 1) + " stops at node " + (route[k] + 1)
              + ", but the network's nodes are 1 to " + n);
        }
        if (k > 0 && !network.linked(route[k - 1], route[k])) {
          throw new IllegalArgumentException("route " + (r + 1) + " goes from node " + (route[k - 1] + 1)
              + " to node " + (route[k] + 1) + ", which no link joins");
        }
      }
    }
  }

  /**
   * A lower bound on the ATT of any route set whose routes have at most {@code maxStops} nodes (Mumford 2013's
   * LBpass): each trip's shortest travel time over the network, plus one transfer penalty when every shortest path
   * has more than {@code maxStops} nodes.
   */
  public double passengerLowerBound(int maxStops) {
    TransitNetwork network = instance.network();
    TripDemand demand = instance.demand();
    int n = network.nodeCount();
    double total = 0;
    double sum = 0;
    for (int o = 0; o < n; o++) {
      int[] hops = fewestHopsOnShortestPaths(network, o);
      for (int d = 0; d < n; d++) {
        double trips = demand.trips(o, d);
        if (d == o || trips == 0) {
          continue;
        }
        total += trips;
        sum += trips * (network.shortestTime(o, d) + (hops[d] + 1 > maxStops ? transferPenalty : 0));
      }
    }
    return total == 0 ? 0 : sum / total;
  }

  /** For each node, the fewest links on a shortest-time path from the origin (Dijkstra on time, then hops). */
  private static int[] fewestHopsOnShortestPaths(TransitNetwork network, int origin) {
    int n = network.nodeCount();
    int[] hops = new int[n];
    boolean[] done = new boolean[n];
    java.util.Arrays.fill(hops, Integer.MAX_VALUE);
    hops[origin] = 0;
    for (int round = 0; round < n; round++) {
      int u = -1;
      for (int v = 0; v < n; v++) {
        if (!done[v] && hops[v] != Integer.MAX_VALUE && (u < 0
            || network.shortestTime(origin, v) < network.shortestTime(origin, u)
            || (network.shortestTime(origin, v) == network.shortestTime(origin, u) && hops[v] < hops[u]))) {
          u = v;
        }
      }
      if (u < 0) {
        break;
      }
      done[u] = true;
      for (int w : network.neighboursView(u)) {
        if (network.shortestTime(origin, u) + network.linkTime(u, w) == network.shortestTime(origin, w)
            && hops[u] + 1 < hops[w]) {
          hops[w] = hops[u] + 1;
        }
      }
    }
    return hops;
  }
}
