package org.madang.analytics.location;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves the p-median problem: open p facilities (besides any existing ones) so that the total weighted distance from
 * each demand point to its nearest open facility is least.
 *
 * <p>The heuristic is Resende and Werneck's hybrid (2004, "A hybrid heuristic for the p-median problem", J. Heuristics
 * 10): each iteration builds a solution by randomised greedy sampling (each step opens the best of ⌈log2(m/p)⌉
 * random candidates), improves it with the fast swap-based local search ({@link SwapNeighbourhood}), relinks it with
 * an elite solution (walking from the better of the two towards the other by the best swaps and polishing the best
 * solution on the way), and offers both to the elite pool. After the iterations, elite solutions are relinked pairwise
 * generation after generation while that improves the best. Resende and Werneck report results within 0.1% of the best
 * known values on standard benchmarks.
 *
 * <p>A Lagrangian lower bound ({@link LagrangianBound}) is computed after the first iteration; when the incumbent
 * meets it (rounded up when all weighted distances are integers), the search stops early as proven optimal.
 *
 * <p>Deterministic for a given seed (single-threaded), unless the time limit or cancellation cuts the run short. Both
 * are checked inside every loop, so the solver returns promptly with the best solution found.
 */
public final class PMedianSolver {

  private static final Logger LOG = LoggerFactory.getLogger(PMedianSolver.class);

  private PMedianSolver() {}

  /** Solves the problem with the given parameters. */
  public static PMedianSolution solve(LocationProblem problem, PMedianParameters parameters) {
    SolverClock clock = new SolverClock(parameters.timeLimit(), parameters.cancellation());
    int m = problem.candidateCount();
    int[] existing = problem.existingFacilities();
    int p = parameters.facilities();
    if (p == 0 && existing.length == 0) {
      throw new IllegalArgumentException("p must be at least 1 when there are no existing facilities");
    }
    if (existing.length + p > m) {
      throw new IllegalArgumentException(existing.length == 0
          ? "p = " + p + " facilities cannot be chosen from only " + m + " candidate sites"
          : "p = " + p + " new facilities besides " + existing.length + " existing ones cannot be chosen from only " + m
              + " candidate sites");
    }
    WeightedCosts costs = WeightedCosts.of(problem);
    boolean[] fixed = new boolean[m];
    for (int f : existing) {
      fixed[f] = true;
    }
    int q = existing.length + p;
    if (q == m || p == 0 || costs.users == 0) {
      int[] all = new int[q];
      int k = 0;
      for (int j = 0; j < m && k < q; j++) {
        if (fixed[j]) {
          all[k++] = j;
        }
      }
      for (int j = 0; j < m && k < q; j++) {
        if (!fixed[j]) {
          all[k++] = j;
        }
      }
      Arrays.sort(all);
      double objective = costs.users == 0 ? 0 : costs.objective(all);
      return solution(all, fixed, objective, objective, StopReason.PROVEN_OPTIMAL, 0, clock, clock.seconds());
    }
    if (q == 1) {
      int best = 0;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        double total = 0;
        for (int u = 0; u < costs.users; u++) {
          total += costs.cost[u * m + j];
        }
        if (total < bestCost) {
          bestCost = total;
          best = j;
        }
      }
      int[] one = {best};
      return solution(one, fixed, bestCost, bestCost, StopReason.PROVEN_OPTIMAL, 1, clock, clock.seconds());
    }
    return new HybridSearch(costs, fixed, existing, p, parameters, clock).run();
  }

  private static PMedianSolution solution(
      int[] open, boolean[] fixed, double objective, double bound, StopReason reason, int iterations,
      SolverClock clock, double secondsToBest) {
    int[] sorted = open.clone();
    Arrays.sort(sorted);
    int[] added = Arrays.stream(sorted).filter(j -> !fixed[j]).toArray();
    return new PMedianSolution(sorted, added, objective, bound, reason, iterations, clock.seconds(), secondsToBest);
  }

  /** One run of the hybrid heuristic. */
  private static final class HybridSearch {
    private final WeightedCosts costs;
    private final boolean[] fixed;
    private final int[] existing;
    private final int p;
    private final PMedianParameters parameters;
    private final SolverClock clock;
    private final SwapNeighbourhood.NearestCandidates nearest;
    private final SwapNeighbourhood neighbourhood;
    private final SplittableRandom random;
    private final ElitePool pool;
    private int[] best;
    private double bestObjective = Double.POSITIVE_INFINITY;
    private double secondsToBest;
    private double bound = Double.NaN;

    HybridSearch(
        WeightedCosts costs, boolean[] fixed, int[] existing, int p, PMedianParameters parameters, SolverClock clock) {
      this.costs = costs;
      this.fixed = fixed;
      this.existing = existing;
      this.p = p;
      this.parameters = parameters;
      this.clock = clock;
      this.nearest = SwapNeighbourhood.NearestCandidates.of(costs);
      this.neighbourhood = new SwapNeighbourhood(costs, nearest, fixed, existing.length + p);
      this.random = new SplittableRandom(parameters.seed());
      this.pool = new ElitePool(parameters.elitePoolSize());
    }

    PMedianSolution run() {
      int iteration = 0;
      boolean proven = false;
      while (iteration < parameters.iterations() && !clock.shouldStop()) {
        int[] start = construct();
        neighbourhood.load(start);
        neighbourhood.improve(clock);
        int[] local = neighbourhood.solution();
        double localObjective = neighbourhood.objective();
        consider(local, localObjective);
        ElitePool.Member guide = pool.pickGuide(local, random);
        pool.offer(local, localObjective);
        if (guide != null && !clock.shouldStop()) {
          ElitePool.Member relinked = relink(new ElitePool.Member(local, localObjective), guide);
          if (relinked != null) {
            consider(relinked.facilities(), relinked.objective());
            pool.offer(relinked.facilities(), relinked.objective());
          }
        }
        iteration++;
        if (iteration == 1 && parameters.lowerBound() && !clock.shouldStop()) {
          computeBound();
        }
        parameters.progress().onProgress(iteration, parameters.iterations(), bestObjective, bound);
        if (provenOptimal()) {
          proven = true;
          break;
        }
      }
      if (best == null) {
        int[] start = construct();
        Arrays.sort(start);
        consider(start, costs.objective(start));
      }
      if (!proven && !clock.shouldStop()) {
        postOptimise();
        proven = provenOptimal();
      }
      StopReason reason = proven
          ? StopReason.PROVEN_OPTIMAL
          : clock.stopReason() != null ? clock.stopReason() : StopReason.COMPLETED;
      LOG.debug("p-median: objective {} bound {} after {} iterations, {} swaps, {} s ({})",
          bestObjective, bound, iteration, neighbourhood.swaps, clock.seconds(), reason);
      return solution(best, fixed, costs.objective(best), bound, reason, iteration, clock, secondsToBest);
    }

    private void consider(int[] facilities, double objective) {
      if (objective < bestObjective) {
        bestObjective = objective;
        best = facilities.clone();
        secondsToBest = clock.seconds();
      }
    }

    private boolean provenOptimal() {
      if (Double.isNaN(bound)) {
        return false;
      }
      return costs.integral
          ? bestObjective <= Math.ceil(bound - 1e-6)
          : bestObjective - bound <= 1e-9 * Math.max(1.0, bestObjective);
    }

    private void computeBound() {
      double[] start = new double[costs.users];
      int m = costs.candidates;
      for (int u = 0; u < costs.users; u++) {
        double v = Double.POSITIVE_INFINITY;
        for (int j : best) {
          v = Math.min(v, costs.cost[u * m + j]);
        }
        start[u] = v;
      }
      SolverClock budget = clock.limitedTo(0.25 * clock.secondsLeft());
      double value = LagrangianBound.compute(costs, nearest, fixed, p, bestObjective, start, 3000, budget);
      if (value > Double.NEGATIVE_INFINITY) {
        bound = Math.max(value, 0);
      }
    }

    /** Randomised greedy: from the existing facilities, each step opens the best of a few sampled candidates. */
    private int[] construct() {
      int n = costs.users;
      int m = costs.candidates;
      double[] closest = new double[n];
      Arrays.fill(closest, Double.POSITIVE_INFINITY);
      int[] open = new int[existing.length + p];
      int count = 0;
      for (int f : existing) {
        open[count++] = f;
        for (int u = 0; u < n; u++) {
          closest[u] = Math.min(closest[u], costs.cost[u * m + f]);
        }
      }
      int[] free = new int[m - existing.length];
      int freeCount = 0;
      for (int j = 0; j < m; j++) {
        if (!fixed[j]) {
          free[freeCount++] = j;
        }
      }
      int sample = Math.max(1, (int) Math.ceil(Math.log((double) m / p) / Math.log(2)));
      for (int step = 0; step < p; step++) {
        int draws = Math.min(sample, freeCount);
        int bestPosition = -1;
        double bestTotal = Double.POSITIVE_INFINITY;
        for (int t = 0; t < draws; t++) {
          int position = t + random.nextInt(freeCount - t);
          int tmp = free[t];
          free[t] = free[position];
          free[position] = tmp;
          int j = free[t];
          double total = 0;
          for (int u = 0; u < n; u++) {
            total += Math.min(closest[u], costs.cost[u * m + j]);
          }
          if (total < bestTotal) {
            bestTotal = total;
            bestPosition = t;
          }
        }
        int chosen = free[bestPosition];
        free[bestPosition] = free[--freeCount];
        free[freeCount] = chosen;
        open[count++] = chosen;
        for (int u = 0; u < n; u++) {
          closest[u] = Math.min(closest[u], costs.cost[u * m + chosen]);
        }
      }
      return open;
    }

    /**
     * Walks from the better of two solutions towards the other, one best swap at a time among the facilities in which
     * they differ; the best solution strictly between them is improved by local search and returned (null when the
     * solutions are neighbours or the walk found nothing to polish).
     */
    private ElitePool.Member relink(ElitePool.Member a, ElitePool.Member b) {
      ElitePool.Member from = a.objective() <= b.objective() ? a : b;
      ElitePool.Member to = from == a ? b : a;
      int m = costs.candidates;
      boolean[] mayOpen = new boolean[m];
      boolean[] mayClose = new boolean[m];
      for (int j : to.facilities()) {
        mayOpen[j] = true;
      }
      for (int j : from.facilities()) {
        if (mayOpen[j]) {
          mayOpen[j] = false;
        } else {
          mayClose[j] = true;
        }
      }
      int steps = ElitePool.difference(from.facilities(), to.facilities());
      if (steps < 2) {
        return null;
      }
      neighbourhood.load(from.facilities());
      int[] bestOnPath = null;
      double bestOnPathObjective = Double.POSITIVE_INFINITY;
      for (int step = 0; step < steps - 1 && !clock.shouldStop(); step++) {
        long move = neighbourhood.bestSwap(mayOpen, mayClose);
        if (move < 0) {
          break;
        }
        int in = (int) (move >>> 32);
        int out = (int) move;
        neighbourhood.swap(in, out);
        mayOpen[in] = false;
        mayClose[out] = false;
        if (neighbourhood.objective() < bestOnPathObjective) {
          bestOnPathObjective = neighbourhood.objective();
          bestOnPath = neighbourhood.solution();
        }
      }
      if (bestOnPath == null) {
        return null;
      }
      neighbourhood.load(bestOnPath);
      neighbourhood.improve(clock);
      return new ElitePool.Member(neighbourhood.solution(), neighbourhood.objective());
    }

    /** Multi-generation path relinking among the elite solutions while it improves the best. */
    private void postOptimise() {
      ElitePool generation = pool;
      while (!clock.shouldStop() && !provenOptimal()) {
        double before = bestObjective;
        ElitePool next = new ElitePool(parameters.elitePoolSize());
        var members = generation.members();
        for (ElitePool.Member member : members) {
          next.offer(member.facilities(), member.objective());
        }
        for (int i = 0; i < members.size() && !clock.shouldStop(); i++) {
          for (int j = i + 1; j < members.size() && !clock.shouldStop(); j++) {
            ElitePool.Member relinked = relink(members.get(i), members.get(j));
            if (relinked != null) {
              consider(relinked.facilities(), relinked.objective());
              next.offer(relinked.facilities(), relinked.objective());
            }
          }
        }
        generation = next;
        if (!(bestObjective < before)) {
          break;
        }
      }
    }
  }
}
