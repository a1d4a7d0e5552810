package org.madang.analytics.location;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Solves the maximal covering location problem (Church and ReVelle 1974): open p facilities, besides any existing
 * ones, so that the most demand weight lies within the coverage distance S of an open facility.
 *
 * <p>Each restart builds a solution greedily (the candidate adding the most uncovered demand; after the first restart,
 * a random one among those within 10% of the best addition) and improves it by best-improvement swaps until no swap
 * adds coverage. A swap's value is found from per-demand cover counts: opening i gains the uncovered demand it covers
 * plus the demand only the closed facility covered that i also covers; closing f loses the demand only f covers. The
 * best solution over the restarts is returned with an upper bound. Deterministic for a seed unless cut short by the
 * time limit or cancellation, both checked inside the loops.
 */
public final class MaximalCoveringSolver {

  private MaximalCoveringSolver() {}

  public static CoveringSolution solve(LocationProblem problem, MaximalCoveringParameters parameters) {
    SolverClock clock = new SolverClock(parameters.timeLimit(), parameters.cancellation());
    int m = problem.candidateCount();
    int[] existing = problem.existingFacilities();
    int p = parameters.facilities();
    if (existing.length + p > m) {
      throw new IllegalArgumentException(existing.length == 0
          ? "p = " + p + " facilities cannot be chosen from only " + m + " candidate sites"
          : "p = " + p + " new facilities besides " + existing.length + " existing ones cannot be chosen from only " + m
              + " candidate sites");
    }
    CoverageSets sets = CoverageSets.of(problem, parameters.coverageDistance());
    boolean[] fixed = new boolean[m];
    for (int f : existing) {
      fixed[f] = true;
    }
    Search search = new Search(sets, fixed, existing, p);
    double upperBound = search.upperBound();
    SplittableRandom random = new SplittableRandom(parameters.seed());
    int[] best = null;
    double bestCovered = -1;
    int iteration = 0;
    while (iteration < parameters.iterations() && !clock.shouldStop()) {
      search.construct(iteration == 0 ? null : random);
      search.improve(clock);
      if (search.covered > bestCovered + 1e-9) {
        bestCovered = search.covered;
        best = search.openSites();
      }
      iteration++;
      parameters.progress().onProgress(iteration, parameters.iterations(), bestCovered, upperBound);
      if (bestCovered >= upperBound - 1e-9 * Math.max(1, upperBound)) {
        break;
      }
    }
    if (best == null) {
      search.construct(null);
      best = search.openSites();
      bestCovered = search.covered;
    }
    StopReason reason = bestCovered >= upperBound - 1e-9 * Math.max(1, upperBound)
        ? StopReason.PROVEN_OPTIMAL
        : clock.stopReason() != null ? clock.stopReason() : StopReason.COMPLETED;
    int[] added = Arrays.stream(best).filter(j -> !fixed[j]).toArray();
    return new CoveringSolution(
        best, added, bestCovered, sets.totalDemand, upperBound, reason, iteration, clock.seconds());
  }

  /** Cover counts and swap evaluation for one solution at a time. */
  private static final class Search {
    private final CoverageSets sets;
    private final boolean[] fixed;
    private final int[] existing;
    private final int p;
    private final int m;
    private final boolean[] open;
    private final int[] count;
    private final long[] sumOfCovering;
    private final double[] bonus;
    double covered;

    Search(CoverageSets sets, boolean[] fixed, int[] existing, int p) {
      this.sets = sets;
      this.fixed = fixed;
      this.existing = existing;
      this.p = p;
      this.m = fixed.length;
      this.open = new boolean[m];
      this.count = new int[sets.candidatesOf.length];
      this.sumOfCovering = new long[sets.candidatesOf.length];
      this.bonus = new double[m];
    }

    double upperBound() {
      reset();
      double[] singles = new double[m];
      int free = 0;
      for (int j = 0; j < m; j++) {
        if (!fixed[j]) {
          singles[free++] = gainOf(j);
        }
      }
      Arrays.sort(singles, 0, free);
      double bound = covered;
      for (int k = 0; k < p && k < free; k++) {
        bound += singles[free - 1 - k];
      }
      return Math.min(bound, sets.totalDemand);
    }

    private void reset() {
      Arrays.fill(open, false);
      Arrays.fill(count, 0);
      Arrays.fill(sumOfCovering, 0);
      covered = 0;
      for (int f : existing) {
        openSite(f);
      }
    }

    void construct(SplittableRandom random) {
      reset();
      double[] gains = new double[m];
      int[] near = new int[m];
      for (int step = 0; step < p; step++) {
        double bestGain = -1;
        for (int j = 0; j < m; j++) {
          gains[j] = open[j] ? -1 : gainOf(j);
          bestGain = Math.max(bestGain, gains[j]);
        }
        int chosen = -1;
        if (random == null) {
          for (int j = 0; j < m && chosen < 0; j++) {
            if (gains[j] == bestGain) {
              chosen = j;
            }
          }
        } else {
          int candidates = 0;
          for (int j = 0; j < m; j++) {
            if (gains[j] >= 0 && gains[j] >= 0.9 * bestGain) {
              near[candidates++] = j;
            }
          }
          chosen = near[random.nextInt(candidates)];
        }
        openSite(chosen);
      }
    }

    /** Best-improvement swaps until none adds coverage. */
    void improve(SolverClock clock) {
      double[] loss = new double[m];
      int[] touched = new int[m];
      while (!clock.shouldStop()) {
        Arrays.fill(loss, 0);
        double smallestLoss = Double.POSITIVE_INFINITY;
        int cheapest = -1;
        for (int f = 0; f < m; f++) {
          if (open[f] && !fixed[f]) {
            for (int u : sets.demandsOf[f]) {
              if (count[u] == 1) {
                loss[f] += sets.weight[u];
              }
            }
            if (loss[f] < smallestLoss) {
              smallestLoss = loss[f];
              cheapest = f;
            }
          }
        }
        if (cheapest < 0) {
          return;
        }
        double bestDelta = 1e-9 * Math.max(1, sets.totalDemand);
        int bestIn = -1;
        int bestOut = -1;
        for (int i = 0; i < m; i++) {
          if (open[i]) {
            continue;
          }
          double base = 0;
          int touchedCount = 0;
          for (int u : sets.demandsOf[i]) {
            if (count[u] == 0) {
              base += sets.weight[u];
            } else if (count[u] == 1) {
              int f = (int) sumOfCovering[u];
              if (!fixed[f]) {
                if (bonus[f] == 0) {
                  touched[touchedCount++] = f;
                }
                bonus[f] += sets.weight[u];
              }
            }
          }
          double delta = base - smallestLoss;
          if (delta > bestDelta) {
            bestDelta = delta;
            bestIn = i;
            bestOut = cheapest;
          }
          for (int k = 0; k < touchedCount; k++) {
            int f = touched[k];
            double d = base + bonus[f] - loss[f];
            if (d > bestDelta) {
              bestDelta = d;
              bestIn = i;
              bestOut = f;
            }
            bonus[f] = 0;
          }
        }
        if (bestIn < 0) {
          return;
        }
        closeSite(bestOut);
        openSite(bestIn);
      }
    }

    private double gainOf(int j) {
      double g = 0;
      for (int u : sets.demandsOf[j]) {
        if (count[u] == 0) {
          g += sets.weight[u];
        }
      }
      return g;
    }

    private void openSite(int j) {
      open[j] = true;
      for (int u : sets.demandsOf[j]) {
        if (count[u]++ == 0) {
          covered += sets.weight[u];
        }
        sumOfCovering[u] += j;
      }
    }

    private void closeSite(int j) {
      open[j] = false;
      for (int u : sets.demandsOf[j]) {
        if (--count[u] == 0) {
          covered -= sets.weight[u];
        }
        sumOfCovering[u] -= j;
      }
    }

    int[] openSites() {
      int[] sites = new int[existing.length + p];
      int k = 0;
      for (int j = 0; j < m; j++) {
        if (open[j]) {
          sites[k++] = j;
        }
      }
      return sites;
    }
  }
}
