package org.madang.analytics.transit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.madang.analytics.location.SolverClock;

/** One run of the designer: greedy construction and simulated annealing over feasible route sets, restarted. */
final class RouteSetSearch {

  private static final int CONSTRUCTION_ATTEMPTS = 50;
  private static final int PROGRESS_EVERY = 512;

  private final TransitNetwork network;
  private final TripDemand demand;
  private final RouteSetEvaluator evaluator;
  private final List<int[]> candidates;
  private final RouteDesignParameters parameters;
  private final double bound;
  private final SolverClock clock;
  private final SplittableRandom random;
  private final int n;
  private final int routeCount;
  private final int min;
  private final int max;
  private final int[] stamp;
  private int stampValue;

  private int[][] best;
  private RouteSetEvaluation bestEvaluation;
  private double bestObjective = Double.POSITIVE_INFINITY;
  private double secondsToBest;
  private int iterations;
  private final List<RouteDesign.FrontPoint> front = new ArrayList<>();

  RouteSetSearch(
      TransitInstance instance, RouteSetEvaluator evaluator, List<int[]> candidates, RouteDesignParameters parameters,
      double bound, SolverClock clock) {
    this.network = instance.network();
    this.demand = instance.demand();
    this.evaluator = evaluator;
    this.candidates = candidates;
    this.parameters = parameters;
    this.bound = bound;
    this.clock = clock;
    this.random = new SplittableRandom(parameters.seed());
    this.n = network.nodeCount();
    this.routeCount = parameters.routes();
    this.min = parameters.minStops();
    this.max = parameters.maxStops();
    this.stamp = new int[n];
  }

  RouteDesign run() {
    int restarts = parameters.restarts();
    int total = parameters.iterations();
    for (int restart = 0; restart < restarts && !clock.shouldStop(); restart++) {
      int budget = restart == restarts - 1 ? total - iterations : total / restarts;
      double seconds = clock.secondsLeft() / (restarts - restart);
      int[][] start = construct();
      if (start == null) {
        continue;
      }
      anneal(start, Math.max(1, budget), seconds);
      if (bestObjective <= bound + 1e-9 && parameters.operatorWeight() == 0) {
        break;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(clock.stopReason() != null
          ? "no route set covering every node was found before the designer was stopped (" + clock.stopReason() + ")"
          : "could not build " + routeCount + " connected routes of " + min + " to " + max
              + " stops that cover every node");
    }
    parameters.progress().onProgress(iterations, total, bestObjective, bound);
    front.sort((a, b) -> Double.compare(a.averageTravelTime(), b.averageTravelTime()));
    boolean atBound = parameters.operatorWeight() == 0 && bestObjective <= bound + 1e-9;
    return new RouteDesign(RouteSet.wrap(copy(best)), bestEvaluation, bound, front,
        RouteDesigner.finished(clock, atBound), iterations, clock.seconds(), secondsToBest);
  }

  // ---- construction ----

  private int[][] construct() {
    for (int attempt = 0; attempt < CONSTRUCTION_ATTEMPTS && !clock.shouldStop(); attempt++) {
      List<int[]> routes = new ArrayList<>();
      boolean[] covered = new boolean[n];
      boolean[] pairServed = new boolean[n * n];
      Set<String> keys = new HashSet<>();
      for (int r = 0; r < routeCount; r++) {
        int[] route = pickCandidate(routes.isEmpty(), covered, pairServed, keys, routeCount - r);
        if (route == null) {
          route = randomRoute(routes.isEmpty() ? random.nextInt(n) : randomCoveredNode(covered), covered, keys);
        }
        if (route == null) {
          break;
        }
        routes.add(route);
        keys.add(CandidateRoutes.key(route));
        for (int a : route) {
          covered[a] = true;
          for (int b : route) {
            pairServed[a * n + b] = true;
          }
        }
      }
      if (routes.size() < routeCount) {
        continue;
      }
      int[][] set = routes.toArray(int[][]::new);
      set = attachUncovered(set);
      if (set != null && feasible(set)) {
        return set;
      }
    }
    return null;
  }

  /** The best of a random sample of candidates meeting the set so far: reach uncovered nodes, then carry demand. */
  private int[] pickCandidate(
      boolean first, boolean[] covered, boolean[] pairServed, Set<String> keys, int routesLeft) {
    if (candidates.isEmpty()) {
      return null;
    }
    int uncovered = 0;
    for (boolean c : covered) {
      if (!c) {
        uncovered++;
      }
    }
    int[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    int sample = Math.min(candidates.size(), 48);
    for (int tries = 0, taken = 0; taken < sample && tries < sample * 8; tries++) {
      int[] c = candidates.get(random.nextInt(candidates.size()));
      boolean meets = first;
      int fresh = 0;
      for (int v : c) {
        if (covered[v]) {
          meets = true;
        } else {
          fresh++;
        }
      }
      if (!meets || keys.contains(CandidateRoutes.key(c))) {
        continue;
      }
      taken++;
      double direct = 0;
      for (int a : c) {
        for (int b : c) {
          if (a != b && !pairServed[a * n + b]) {
            direct += demand.trips(a, b);
          }
        }
      }
      // covering is what makes a set feasible; it weighs more as the routes left become few for the uncovered nodes
      double pressure = (double) uncovered / Math.max(1, routesLeft * (max - 1));
      double score = fresh * (0.2 + pressure) + direct / Math.max(1e-9, demand.total()) * routeCount;
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  private int randomCoveredNode(boolean[] covered) {
    int count = 0;
    for (boolean c : covered) {
      if (c) {
        count++;
      }
    }
    int pick = random.nextInt(Math.max(1, count));
    for (int v = 0; v < n; v++) {
      if (covered[v] && pick-- == 0) {
        return v;
      }
    }
    return random.nextInt(n);
  }

  /** A random walk from {@code start} to a random length within the limits, preferring uncovered nodes. */
  private int[] randomRoute(int start, boolean[] covered, Set<String> keys) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int target = min + random.nextInt(max - min + 1);
      int[] route = new int[target];
      route[0] = start;
      int length = 1;
      mark();
      stamp[start] = stampValue;
      boolean atEnd = true;
      while (length < target) {
        int end = atEnd ? route[length - 1] : route[0];
        int next = pickNeighbour(end, covered);
        if (next < 0) {
          end = atEnd ? route[0] : route[length - 1];
          atEnd = !atEnd;
          next = pickNeighbour(end, covered);
          if (next < 0) {
            break;
          }
        }
        stamp[next] = stampValue;
        if (atEnd) {
          route[length++] = next;
        } else {
          System.arraycopy(route, 0, route, 1, length++);
          route[0] = next;
        }
        atEnd = random.nextBoolean();
      }
      if (length >= min) {
        int[] r = Arrays.copyOf(route, length);
        if (!keys.contains(CandidateRoutes.key(r))) {
          return r;
        }
      }
    }
    return null;
  }

  private int pickNeighbour(int v, boolean[] covered) {
    int[] around = network.neighboursView(v);
    int choice = -1;
    int seen = 0;
    boolean uncoveredFound = false;
    for (int w : around) {
      if (stamp[w] == stampValue) {
        continue;
      }
      boolean fresh = covered != null && !covered[w];
      if (fresh && !uncoveredFound) {
        uncoveredFound = true;
        seen = 0;
      }
      if (fresh == uncoveredFound && random.nextInt(++seen) == 0) {
        choice = w;
      }
    }
    return choice;
  }

  /** Appends or inserts uncovered nodes into routes with room, where links allow; null when some node stays out. */
  private int[][] attachUncovered(int[][] set) {
    boolean changed = true;
    while (changed) {
      changed = false;
      boolean[] covered = new boolean[n];
      for (int[] r : set) {
        for (int v : r) {
          covered[v] = true;
        }
      }
      for (int u = 0; u < n; u++) {
        if (covered[u]) {
          continue;
        }
        for (int r = 0; r < set.length && !covered[u]; r++) {
          int[] route = set[r];
          if (route.length >= max) {
            continue;
          }
          int[] grown = null;
          if (network.linked(route[route.length - 1], u)) {
            grown = Arrays.copyOf(route, route.length + 1);
            grown[route.length] = u;
          } else if (network.linked(route[0], u)) {
            grown = new int[route.length + 1];
            grown[0] = u;
            System.arraycopy(route, 0, grown, 1, route.length);
          } else {
            for (int i = 0; i + 1 < route.length && grown == null; i++) {
              if (network.linked(route[i], u) && network.linked(u, route[i + 1])) {
                grown = new int[route.length + 1];
                System.arraycopy(route, 0, grown, 0, i + 1);
                grown[i + 1] = u;
                System.arraycopy(route, i + 1, grown, i + 2, route.length - i - 1);
              }
            }
          }
          if (grown != null) {
            set[r] = grown;
            covered[u] = true;
            changed = true;
          }
        }
      }
    }
    boolean[] covered = new boolean[n];
    for (int[] r : set) {
      for (int v : r) {
        covered[v] = true;
      }
    }
    for (boolean c : covered) {
      if (!c) {
        return null;
      }
    }
    return set;
  }

  // ---- annealing ----

  /**
   * Anneals for {@code budget} moves, cooling geometrically; when the time limit would cut the run before the budget
   * is spent, the schedule follows the clock instead ({@code seconds} for this run), so the search still cools.
   */
  private void anneal(int[][] start, int budget, double seconds) {
    double started = clock.seconds();
    int[][] current = start;
    RouteSetEvaluation currentEvaluation = evaluator.evaluateTrusted(current);
    double currentObjective = objective(currentEvaluation);
    consider(current, currentEvaluation, currentObjective);
    double t0 = startingTemperature(current, currentObjective);
    double tEnd = t0 * 1e-3;
    for (int step = 0; step < budget; step++) {
      if (clock.shouldStop()) {
        return;
      }
      iterations++;
      if (iterations % PROGRESS_EVERY == 0) {
        parameters.progress().onProgress(iterations, parameters.iterations(), bestObjective, bound);
      }
      int[][] next = move(current);
      if (next == null) {
        continue;
      }
      RouteSetEvaluation e = evaluator.evaluateTrusted(next);
      double o = objective(e);
      double done = (double) step / budget;
      if (seconds < Double.POSITIVE_INFINITY) {
        done = Math.max(done, Math.min(1, (clock.seconds() - started) / seconds));
      }
      double temperature = t0 * Math.pow(tEnd / t0, done);
      if (o <= currentObjective || random.nextDouble() < Math.exp((currentObjective - o) / temperature)) {
        current = next;
        currentObjective = o;
        consider(current, e, o);
      }
    }
  }

  /** Half of a typical worsening is accepted at the start: the mean worsening of some random moves over ln 2. */
  private double startingTemperature(int[][] from, double objective) {
    double sum = 0;
    int count = 0;
    for (int k = 0; k < 60 && !clock.shouldStop(); k++) {
      int[][] next = move(from);
      if (next == null) {
        continue;
      }
      double delta = objective(evaluator.evaluateTrusted(next)) - objective;
      if (delta > 0) {
        sum += delta;
        count++;
      }
    }
    double mean = count == 0 ? 0.01 * Math.max(1e-9, objective) : sum / count;
    return mean / Math.log(2);
  }

  private double objective(RouteSetEvaluation e) {
    return e.averageTravelTime() + parameters.operatorWeight() * e.operatorCost();
  }

  private void consider(int[][] routes, RouteSetEvaluation e, double objective) {
    if (objective < bestObjective - 1e-12) {
      best = routes;
      bestEvaluation = e;
      bestObjective = objective;
      secondsToBest = clock.seconds();
    }
    addToFront(routes, e);
  }

  private void addToFront(int[][] routes, RouteSetEvaluation e) {
    double att = e.averageTravelTime();
    double cost = e.operatorCost();
    for (RouteDesign.FrontPoint p : front) {
      if (p.averageTravelTime() <= att && p.operatorCost() <= cost) {
        return;
      }
    }
    front.removeIf(p -> att <= p.averageTravelTime() && cost <= p.operatorCost());
    if (front.size() < 500) {
      front.add(new RouteDesign.FrontPoint(RouteSet.wrap(copy(routes)), att, cost));
    }
  }

  // ---- moves ----

  /** A feasible neighbour of the route set, or null when the move drawn does not apply. */
  private int[][] move(int[][] set) {
    int r = random.nextInt(set.length);
    int[] route = set[r];
    int kind = random.nextInt(100);
    int[][] next;
    if (kind < 15) {
      next = replace(set, r, extend(route));
    } else if (kind < 30) {
      next = replace(set, r, trim(route));
    } else if (kind < 42) {
      next = replace(set, r, insertInside(route));
    } else if (kind < 52) {
      next = replace(set, r, dropInside(route));
    } else if (kind < 62) {
      next = replace(set, r, swapInside(route));
    } else if (kind < 85) {
      next = exchangeTails(set, r);
    } else {
      next = replace(set, r, candidate());
    }
    return next != null && feasible(next) ? next : null;
  }

  private static int[][] replace(int[][] set, int r, int[] route) {
    if (route == null) {
      return null;
    }
    int[][] next = set.clone();
    next[r] = route;
    return next;
  }

  private int[] extend(int[] route) {
    if (route.length >= max) {
      return null;
    }
    markRoute(route);
    boolean atEnd = random.nextBoolean();
    int w = pickNeighbour(atEnd ? route[route.length - 1] : route[0], null);
    if (w < 0) {
      return null;
    }
    int[] grown = new int[route.length + 1];
    if (atEnd) {
      System.arraycopy(route, 0, grown, 0, route.length);
      grown[route.length] = w;
    } else {
      grown[0] = w;
      System.arraycopy(route, 0, grown, 1, route.length);
    }
    return grown;
  }

  private int[] trim(int[] route) {
    if (route.length <= min) {
      return null;
    }
    return random.nextBoolean()
        ? Arrays.copyOf(route, route.length - 1)
        : Arrays.copyOfRange(route, 1, route.length);
  }

  private int[] insertInside(int[] route) {
    if (route.length >= max) {
      return null;
    }
    int i = random.nextInt(route.length - 1);
    int x = commonNeighbour(route, route[i], route[i + 1]);
    if (x < 0) {
      return null;
    }
    int[] grown = new int[route.length + 1];
    System.arraycopy(route, 0, grown, 0, i + 1);
    grown[i + 1] = x;
    System.arraycopy(route, i + 1, grown, i + 2, route.length - i - 1);
    return grown;
  }

  private int[] dropInside(int[] route) {
    if (route.length <= min || route.length < 3) {
      return null;
    }
    int i = 1 + random.nextInt(route.length - 2);
    if (!network.linked(route[i - 1], route[i + 1])) {
      return null;
    }
    int[] shorter = new int[route.length - 1];
    System.arraycopy(route, 0, shorter, 0, i);
    System.arraycopy(route, i + 1, shorter, i, route.length - i - 1);
    return shorter;
  }

  private int[] swapInside(int[] route) {
    if (route.length < 3) {
      return null;
    }
    int i = 1 + random.nextInt(route.length - 2);
    int x = commonNeighbour(route, route[i - 1], route[i + 1]);
    if (x < 0) {
      return null;
    }
    int[] swapped = route.clone();
    swapped[i] = x;
    return swapped;
  }

  /** A random node off the route linked to both a and b, or -1. */
  private int commonNeighbour(int[] route, int a, int b) {
    markRoute(route);
    int choice = -1;
    int seen = 0;
    for (int x : network.neighboursView(a)) {
      if (stamp[x] != stampValue && network.linked(x, b) && random.nextInt(++seen) == 0) {
        choice = x;
      }
    }
    return choice;
  }

  /** Two routes that share a node swap what follows it (one of them possibly read backwards). */
  private int[][] exchangeTails(int[][] set, int r) {
    if (set.length < 2) {
      return null;
    }
    int s = random.nextInt(set.length - 1);
    if (s >= r) {
      s++;
    }
    int[] a = set[r];
    int[] b = random.nextBoolean() ? set[s] : CandidateRoutes.reversed(set[s]);
    int[] positionInB = new int[n];
    Arrays.fill(positionInB, -1);
    for (int j = 0; j < b.length; j++) {
      positionInB[b[j]] = j;
    }
    int shared = 0;
    int pickA = -1;
    for (int i = 0; i < a.length; i++) {
      if (positionInB[a[i]] >= 0 && random.nextInt(++shared) == 0) {
        pickA = i;
      }
    }
    if (pickA < 0) {
      return null;
    }
    int pickB = positionInB[a[pickA]];
    int[] newA = concat(a, pickA + 1, b, pickB + 1);
    int[] newB = concat(b, pickB + 1, a, pickA + 1);
    if (newA.length < 2 || newB.length < 2) {
      return null;
    }
    int[][] next = set.clone();
    next[r] = newA;
    next[s] = newB;
    return next;
  }

  /** head[0..headLength) then tail[tailFrom..). */
  private static int[] concat(int[] head, int headLength, int[] tail, int tailFrom) {
    int[] joined = new int[headLength + tail.length - tailFrom];
    System.arraycopy(head, 0, joined, 0, headLength);
    System.arraycopy(tail, tailFrom, joined, headLength, tail.length - tailFrom);
    return joined;
  }

  private int[] candidate() {
    if (!candidates.isEmpty() && random.nextInt(4) != 0) {
      return candidates.get(random.nextInt(candidates.size()));
    }
    return randomRoute(random.nextInt(n), null, Set.of());
  }

  // ---- feasibility ----

  /** Simple routes within the stop limits, no route twice, every node covered and the set connected. */
  boolean feasible(int[][] set) {
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    int components = n;
    Set<String> keys = new HashSet<>();
    for (int[] route : set) {
      if (route.length < min || route.length > max) {
        return false;
      }
      mark();
      for (int k = 0; k < route.length; k++) {
        if (stamp[route[k]] == stampValue) {
          return false;
        }
        stamp[route[k]] = stampValue;
        if (k > 0) {
          int ra = find(parent, route[k - 1]);
          int rb = find(parent, route[k]);
          if (ra != rb) {
            parent[ra] = rb;
            components--;
          }
        }
      }
      if (!keys.add(CandidateRoutes.key(route))) {
        return false;
      }
    }
    return components == 1;
  }

  private static int find(int[] parent, int v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  }

  private void mark() {
    stampValue++;
    if (stampValue == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      stampValue = 1;
    }
  }

  private void markRoute(int[] route) {
    mark();
    for (int v : route) {
      stamp[v] = stampValue;
    }
  }

  private static int[][] copy(int[][] routes) {
    int[][] c = new int[routes.length][];
    for (int r = 0; r < routes.length; r++) {
      c[r] = routes[r].clone();
    }
    return c;
  }
}
