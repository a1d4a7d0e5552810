package org.madang.analytics.transit;

import java.util.Arrays;

/**
 * Fastest journeys over a route set, for every trip of the demand. Each route stop is a vertex; riding on links costs
 * their travel time, and changing routes at a node costs the transfer penalty and counts one transfer. Journeys are
 * compared by time, then by transfers, so the fewer transfers win a tie. Not thread-safe: it reuses its buffers.
 */
final class JourneyPlanner {

  private final TransitNetwork network;
  private final TripDemand demand;
  private final double penalty;
  private final int n;
  private final int[] origins;
  private final int[][] destinations;
  private final double[][] originDemand;

  private double[] time = new double[0];
  private int[] transfers = new int[0];
  private int[] heapVertex = new int[64];
  private double[] heapTime = new double[64];
  private int[] heapTransfers = new int[64];

  JourneyPlanner(TransitInstance instance, double transferPenalty) {
    this.network = instance.network();
    this.demand = instance.demand();
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
  }

  /** Evaluates routes already checked to follow links. */
  RouteSetEvaluation evaluate(int[][] routes) {
    int stops = 0;
    double operatorCost = 0;
    for (int[] route : routes) {
      stops += route.length;
      for (int k = 1; k < route.length; k++) {
        operatorCost += network.linkTime(route[k - 1], route[k]);
      }
    }
    // vertices: route stops 0..stops-1, then one hub per node (stops + v), reached by alighting at no cost
    int vertices = stops + n;
    int[] nodeOf = new int[stops];
    int[] routeStart = new int[stops];
    int[] routeEnd = new int[stops];
    int[] boardCount = new int[n + 1];
    int at = 0;
    for (int[] route : routes) {
      int start = at;
      for (int v : route) {
        nodeOf[at] = v;
        routeStart[at] = start;
        routeEnd[at] = start + route.length - 1;
        boardCount[v + 1]++;
        at++;
      }
    }
    for (int v = 0; v < n; v++) {
      boardCount[v + 1] += boardCount[v];
    }
    int[] boardAt = new int[stops];
    int[] fill = Arrays.copyOf(boardCount, n);
    for (int s = 0; s < stops; s++) {
      boardAt[fill[nodeOf[s]]++] = s;
    }
    if (time.length < vertices) {
      time = new double[vertices];
      transfers = new int[vertices];
    }
    double total = 0;
    double served = 0;
    double timeSum = 0;
    double[] byTransfers = new double[3];
    for (int k = 0; k < origins.length; k++) {
      int o = origins[k];
      fastestJourneys(o, stops, vertices, nodeOf, routeStart, routeEnd, boardCount, boardAt);
      int[] dest = destinations[k];
      double[] trips = originDemand[k];
      for (int q = 0; q < dest.length; q++) {
        double t = trips[q];
        total += t;
        int hub = stops + dest[q];
        if (time[hub] == Double.POSITIVE_INFINITY) {
          continue;
        }
        served += t;
        timeSum += t * time[hub];
        if (transfers[hub] <= 2) {
          byTransfers[transfers[hub]] += t;
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
      int origin, int stops, int vertices, int[] nodeOf, int[] routeStart, int[] routeEnd, int[] boardCount,
      int[] boardAt) {
    Arrays.fill(time, 0, vertices, Double.POSITIVE_INFINITY);
    Arrays.fill(transfers, 0, vertices, Integer.MAX_VALUE);
    int size = 0;
    for (int b = boardCount[origin]; b < boardCount[origin + 1]; b++) {
      int s = boardAt[b];
      time[s] = 0;
      transfers[s] = 0;
      size = push(size, s, 0, 0);
    }
    time[stops + origin] = 0;
    transfers[stops + origin] = 0;
    while (size > 0) {
      int u = heapVertex[0];
      double tu = heapTime[0];
      int xu = heapTransfers[0];
      size = pop(size);
      if (tu != time[u] || xu != transfers[u]) {
        continue;
      }
      if (u < stops) {
        int v = nodeOf[u];
        size = relaxPush(size, stops + v, tu, xu);
        if (u > routeStart[u]) {
          size = relaxPush(size, u - 1, tu + network.linkTime(v, nodeOf[u - 1]), xu);
        }
        if (u < routeEnd[u]) {
          size = relaxPush(size, u + 1, tu + network.linkTime(v, nodeOf[u + 1]), xu);
        }
      } else {
        int v = u - stops;
        if (v == origin) {
          continue;
        }
        double tb = tu + penalty;
        int xb = xu + 1;
        for (int b = boardCount[v]; b < boardCount[v + 1]; b++) {
          size = relaxPush(size, boardAt[b], tb, xb);
        }
      }
    }
  }

  private int relaxPush(int size, int w, double t, int x) {
    if (t < time[w] || (t == time[w] && x < transfers[w])) {
      time[w] = t;
      transfers[w] = x;
      size = push(size, w, t, x);
    }
    return size;
  }

  private static boolean before(double t1, int x1, double t2, int x2) {
    return t1 < t2 || (t1 == t2 && x1 < x2);
  }

  private int push(int size, int v, double t, int x) {
    if (size == heapVertex.length) {
      heapVertex = Arrays.copyOf(heapVertex, size * 2);
      heapTime = Arrays.copyOf(heapTime, size * 2);
      heapTransfers = Arrays.copyOf(heapTransfers, size * 2);
    }
    int i = size;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(t, x, heapTime[parent], heapTransfers[parent])) {
        break;
      }
      heapVertex[i] = heapVertex[parent];
      heapTime[i] = heapTime[parent];
      heapTransfers[i] = heapTransfers[parent];
      i = parent;
    }
    heapVertex[i] = v;
    heapTime[i] = t;
    heapTransfers[i] = x;
    return size + 1;
  }

  private int pop(int size) {
    size--;
    if (size == 0) {
      return 0;
    }
    int v = heapVertex[size];
    double t = heapTime[size];
    int x = heapTransfers[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heapTime[child + 1], heapTransfers[child + 1], heapTime[child],
          heapTransfers[child])) {
        child++;
      }
      if (!before(heapTime[child], heapTransfers[child], t, x)) {
        break;
      }
      heapVertex[i] = heapVertex[child];
      heapTime[i] = heapTime[child];
      heapTransfers[i] = heapTransfers[child];
      i = child;
    }
    heapVertex[i] = v;
    heapTime[i] = t;
    heapTransfers[i] = x;
    return size;
  }
}
