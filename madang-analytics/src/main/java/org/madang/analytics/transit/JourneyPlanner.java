package org.madang.analytics.transit;

import java.util.Arrays;

/**
 * Fastest journeys over a route set, for every trip of the demand, by rounds of route scans (as in RAPTOR, Delling et
 * al. 2012): round r finds, for every node, the least riding time from the origin with at most r vehicles, scanning
 * both ways each route through a node that round r-1 reached anew, boarding wherever round r-1 arrived. A journey with r vehicles costs its riding time plus r-1
 * transfer penalties; each node keeps its cheapest journey, the fewer transfers winning a tie. Rounds stop when none
 * improves or no later round can beat any node's cheapest journey (its shortest network time plus r penalties). Not
 * thread-safe: it reuses its buffers.
 */
final class JourneyPlanner {

  private final TransitNetwork network;
  private final double penalty;
  private final int n;
  private final int[] origins;
  private final int[][] destinations;
  private final double[][] originDemand;

  private double[] previous;
  private double[] current;
  private final double[] cost;
  private final int[] transfers;
  private final int[] marked;
  private int[] scanRound = new int[0];
  private int[] toScan = new int[0];

  JourneyPlanner(TransitInstance instance, double transferPenalty) {
    this.network = instance.network();
    TripDemand demand = instance.demand();
    this.penalty = transferPenalty;
    this.n = network.nodeCount();
    int count = 0;
    int[] tmpOrigins = new int[n];
    int[][] tmpDestinations = new int[n][];
    double[][] tmpDemand = new double[n][];
    for (int o = 0; o < n; o++) {
      int k = 0;
      for (int d = 0; d < n; d++) {
        if (d != o && demand.trips(o, d) > 0) {
          k++;
        }
      }
      if (k == 0) {
        continue;
      }
      int[] dest = new int[k];
      double[] trips = new double[k];
      k = 0;
      for (int d = 0; d < n; d++) {
        if (d != o && demand.trips(o, d) > 0) {
          dest[k] = d;
          trips[k++] = demand.trips(o, d);
        }
      }
      tmpOrigins[count] = o;
      tmpDestinations[count] = dest;
      tmpDemand[count++] = trips;
    }
    this.origins = Arrays.copyOf(tmpOrigins, count);
    this.destinations = Arrays.copyOf(tmpDestinations, count);
    this.originDemand = Arrays.copyOf(tmpDemand, count);
    this.previous = new double[n];
    this.current = new double[n];
    this.cost = new double[n];
    this.transfers = new int[n];
    this.marked = new int[n];
  }

  /** Evaluates routes already checked to follow links. */
  RouteSetEvaluation evaluate(int[][] routes) {
    int stops = 0;
    for (int[] route : routes) {
      stops += route.length;
    }
    int[] node = new int[stops];
    double[] ride = new double[stops]; // time from the route's previous stop, 0 at its first
    int[] first = new int[routes.length + 1];
    double operatorCost = 0;
    int at = 0;
    for (int r = 0; r < routes.length; r++) {
      first[r] = at;
      int[] route = routes[r];
      for (int k = 0; k < route.length; k++) {
        node[at] = route[k];
        ride[at] = k == 0 ? 0 : network.linkTime(route[k - 1], route[k]);
        operatorCost += ride[at];
        at++;
      }
    }
    first[routes.length] = at;
    // the routes through each node, to scan only the routes where the last round arrived somewhere new
    int[] routesAt = new int[n + 1];
    for (int r = 0; r < routes.length; r++) {
      for (int i = first[r]; i < first[r + 1]; i++) {
        routesAt[node[i] + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      routesAt[v + 1] += routesAt[v];
    }
    int[] routeThrough = new int[stops];
    int[] fill = Arrays.copyOf(routesAt, n);
    for (int r = 0; r < routes.length; r++) {
      for (int i = first[r]; i < first[r + 1]; i++) {
        routeThrough[fill[node[i]]++] = r;
      }
    }
    if (scanRound.length < routes.length) {
      scanRound = new int[routes.length];
      toScan = new int[routes.length];
    }
    Arrays.fill(scanRound, 0, routes.length, -1);
    double total = 0;
    double served = 0;
    double timeSum = 0;
    double[] byTransfers = new double[3];
    for (int k = 0; k < origins.length; k++) {
      int o = origins[k];
      fastestJourneys(o, k, routes.length, node, ride, first, routesAt, routeThrough);
      int[] dest = destinations[k];
      double[] trips = originDemand[k];
      for (int q = 0; q < dest.length; q++) {
        double t = trips[q];
        int d = dest[q];
        total += t;
        if (cost[d] == Double.POSITIVE_INFINITY) {
          continue;
        }
        served += t;
        timeSum += t * cost[d];
        if (transfers[d] <= 2) {
          byTransfers[transfers[d]] += t;
        }
      }
    }
    double share = total == 0 ? 0 : 100 / total;
    double d0 = byTransfers[0] * share;
    double d1 = byTransfers[1] * share;
    double d2 = byTransfers[2] * share;
    double dun = total == 0 ? 0 : (total - byTransfers[0] - byTransfers[1] - byTransfers[2]) * share;
    double unserved = (total - served) * share;
    double att = served == 0 ? Double.NaN : timeSum / served;
    return new RouteSetEvaluation(att, d0, d1, d2, Math.max(0, dun), Math.max(0, unserved), operatorCost);
  }

  private void fastestJourneys(
      int origin, int originIndex, int routeCount, int[] node, double[] ride, int[] first, int[] routesAt,
      int[] routeThrough) {
    Arrays.fill(previous, Double.POSITIVE_INFINITY);
    Arrays.fill(cost, Double.POSITIVE_INFINITY);
    Arrays.fill(transfers, Integer.MAX_VALUE);
    previous[origin] = 0;
    cost[origin] = 0;
    transfers[origin] = 0;
    int markedCount = 1;
    marked[0] = origin;
    for (int vehicles = 1; vehicles <= routeCount; vehicles++) {
      System.arraycopy(previous, 0, current, 0, n);
      // a route none of whose nodes was reached anew in the last round would repeat the last round's scan
      int round = originIndex * (routeCount + 1) + vehicles;
      int scanCount = 0;
      for (int m = 0; m < markedCount; m++) {
        int v = marked[m];
        for (int j = routesAt[v]; j < routesAt[v + 1]; j++) {
          int r = routeThrough[j];
          if (scanRound[r] != round) {
            scanRound[r] = round;
            toScan[scanCount++] = r;
          }
        }
      }
      for (int q = 0; q < scanCount; q++) {
        int r = toScan[q];
        int start = first[r];
        int end = first[r + 1] - 1;
        double t = Double.POSITIVE_INFINITY;
        for (int i = start; i <= end; i++) {
          t += ride[i];
          int v = node[i];
          if (t < current[v]) {
            current[v] = t;
          }
          if (previous[v] < t) {
            t = previous[v];
          }
        }
        t = Double.POSITIVE_INFINITY;
        for (int i = end; i >= start; i--) {
          if (i < end) {
            t += ride[i + 1];
          }
          int v = node[i];
          if (t < current[v]) {
            current[v] = t;
          }
          if (previous[v] < t) {
            t = previous[v];
          }
        }
      }
      boolean hopeful = false;
      double penalties = (vehicles - 1) * penalty;
      markedCount = 0;
      for (int v = 0; v < n; v++) {
        if (current[v] < previous[v]) {
          marked[markedCount++] = v;
          double c = current[v] + penalties;
          if (c < cost[v]) {
            cost[v] = c;
            transfers[v] = vehicles - 1;
          }
        }
        if (!hopeful && network.shortestTime(origin, v) + penalties + penalty < cost[v]) {
          hopeful = true;
        }
      }
      double[] swap = previous;
      previous = current;
      current = swap;
      if (markedCount == 0 || !hopeful) {
        break;
      }
    }
  }
}
