package org.madang.analytics.transit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.madang.analytics.location.SolverClock;

/**
 * Candidate routes for the designer: for every pair of nodes, the k fastest simple paths between them (Yen's
 * algorithm) whose stop counts are within the limits.
 */
final class CandidateRoutes {

  private CandidateRoutes() {}

  /** Up to k paths per node pair, each kept once (a path and its reverse are one route). */
  static List<int[]> build(TransitNetwork network, int minStops, int maxStops, int k, SolverClock clock) {
    int n = network.nodeCount();
    List<int[]> pool = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int s = 0; s < n && !clock.shouldStop(); s++) {
      for (int t = s + 1; t < n; t++) {
        for (int[] path : kShortest(network, s, t, k, maxStops)) {
          if (path.length >= minStops && path.length <= maxStops && seen.add(key(path))) {
            pool.add(path);
          }
        }
      }
    }
    return pool;
  }

  /** A key equal for a route and its reverse. */
  static String key(int[] route) {
    int[] forward = route[0] <= route[route.length - 1] ? route : reversed(route);
    return Arrays.toString(forward);
  }

  static int[] reversed(int[] route) {
    int[] r = new int[route.length];
    for (int i = 0; i < route.length; i++) {
      r[i] = route[route.length - 1 - i];
    }
    return r;
  }

  /**
   * Whether the network holds at least {@code wanted} distinct routes (simple paths, a path and its reverse counted
   * once) of {@code minStops} to {@code maxStops} nodes; stops counting at {@code wanted}. Returns the count found.
   */
  static long countRoutes(TransitNetwork network, int minStops, int maxStops, long wanted, SolverClock clock) {
    int n = network.nodeCount();
    long[] count = {0};
    boolean[] on = new boolean[n];
    int[] path = new int[maxStops];
    for (int s = 0; s < n && count[0] < wanted && !clock.shouldStop(); s++) {
      path[0] = s;
      on[s] = true;
      extend(network, path, 1, on, minStops, maxStops, wanted, count, clock);
      on[s] = false;
    }
    return count[0];
  }

  private static void extend(
      TransitNetwork network, int[] path, int length, boolean[] on, int minStops, int maxStops, long wanted,
      long[] count, SolverClock clock) {
    if (length >= minStops && path[0] < path[length - 1]) {
      count[0]++;
    }
    if (length == maxStops || count[0] >= wanted || ((count[0] & 1023) == 0 && clock.shouldStop())) {
      return;
    }
    for (int w : network.neighboursView(path[length - 1])) {
      if (!on[w]) {
        on[w] = true;
        path[length] = w;
        extend(network, path, length + 1, on, minStops, maxStops, wanted, count, clock);
        on[w] = false;
        if (count[0] >= wanted) {
          return;
        }
      }
    }
  }

  /** Yen's k shortest simple paths from s to t with at most {@code maxStops} nodes. */
  static List<int[]> kShortest(TransitNetwork network, int s, int t, int k, int maxStops) {
    int n = network.nodeCount();
    List<int[]> found = new ArrayList<>();
    List<int[]> candidates = new ArrayList<>();
    List<Double> candidateCost = new ArrayList<>();
    boolean[] blockedNode = new boolean[n];
    Set<Long> blockedLink = new HashSet<>();
    int[] first = shortest(network, s, t, blockedNode, blockedLink);
    if (first == null) {
      return found;
    }
    found.add(first);
    Set<String> known = new HashSet<>();
    known.add(Arrays.toString(first));
    while (found.size() < k) {
      int[] last = found.get(found.size() - 1);
      for (int i = 0; i < last.length - 1; i++) {
        int spur = last[i];
        Arrays.fill(blockedNode, false);
        blockedLink.clear();
        for (int[] p : found) {
          if (p.length > i + 1 && Arrays.equals(p, 0, i + 1, last, 0, i + 1)) {
            blockedLink.add(link(p[i], p[i + 1], n));
          }
        }
        for (int j = 0; j < i; j++) {
          blockedNode[last[j]] = true;
        }
        int[] spurPath = shortest(network, spur, t, blockedNode, blockedLink);
        if (spurPath == null) {
          continue;
        }
        int[] total = new int[i + spurPath.length];
        System.arraycopy(last, 0, total, 0, i);
        System.arraycopy(spurPath, 0, total, i, spurPath.length);
        if (known.add(Arrays.toString(total))) {
          candidates.add(total);
          candidateCost.add(cost(network, total));
        }
      }
      int best = -1;
      for (int c = 0; c < candidates.size(); c++) {
        if (best < 0 || candidateCost.get(c) < candidateCost.get(best)
            || (candidateCost.get(c).equals(candidateCost.get(best)) && candidates.get(c).length < candidates.get(best).length)) {
          best = c;
        }
      }
      if (best < 0) {
        break;
      }
      found.add(candidates.remove(best));
      candidateCost.remove(best);
    }
    found.removeIf(p -> p.length > maxStops);
    return found;
  }

  private static long link(int a, int b, int n) {
    return (long) a * n + b;
  }

  static double cost(TransitNetwork network, int[] route) {
    double c = 0;
    for (int i = 1; i < route.length; i++) {
      c += network.linkTime(route[i - 1], route[i]);
    }
    return c;
  }

  /** Dijkstra (time, then fewer links) avoiding blocked nodes and directed links; null when t is unreachable. */
  private static int[] shortest(TransitNetwork network, int s, int t, boolean[] blockedNode, Set<Long> blockedLink) {
    int n = network.nodeCount();
    double[] dist = new double[n];
    int[] hops = new int[n];
    int[] previous = new int[n];
    boolean[] done = new boolean[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(previous, -1);
    dist[s] = 0;
    for (int round = 0; round < n; round++) {
      int u = -1;
      for (int v = 0; v < n; v++) {
        if (!done[v] && !blockedNode[v] && dist[v] < Double.POSITIVE_INFINITY
            && (u < 0 || dist[v] < dist[u] || (dist[v] == dist[u] && hops[v] < hops[u]))) {
          u = v;
        }
      }
      if (u < 0 || u == t) {
        break;
      }
      done[u] = true;
      for (int w : network.neighboursView(u)) {
        if (blockedNode[w] || done[w] || blockedLink.contains(link(u, w, n))) {
          continue;
        }
        double d = dist[u] + network.linkTime(u, w);
        if (d < dist[w] || (d == dist[w] && hops[u] + 1 < hops[w])) {
          dist[w] = d;
          hops[w] = hops[u] + 1;
          previous[w] = u;
        }
      }
    }
    if (dist[t] == Double.POSITIVE_INFINITY) {
      return null;
    }
    int length = hops[t] + 1;
    int[] path = new int[length];
    for (int v = t, i = length - 1; v >= 0; v = previous[v], i--) {
      path[i] = v;
    }
    return path;
  }
}
