package org.madang.analytics.location;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Solves the location set covering problem (Toregas et al. 1971): the fewest new facilities such that every demand
 * point with positive weight has an open facility (existing or new) within the coverage distance S.
 *
 * <p>Each restart runs Chvátal's greedy (open the candidate covering the most uncovered demand points; after the first
 * restart, ties and near-ties within 10% are broken at random) and then removes redundant facilities, those whose every
 * covered point is also covered by another open facility, least useful first. The smallest cover over the restarts is
 * returned with a lower bound from a greedy packing of demand points with pairwise disjoint candidate sets; when the
 * two meet, the cover is optimal. A linear-programming bound is not computed.
 */
public final class SetCoveringSolver {

  private SetCoveringSolver() {}

  public static SetCoveringSolution solve(LocationProblem problem, SetCoveringParameters parameters) {
    SolverClock clock = new SolverClock(parameters.timeLimit(), parameters.cancellation());
    CoverageSets sets = CoverageSets.of(problem, parameters.coverageDistance());
    int m = problem.candidateCount();
    int n = problem.demandCount();
    boolean[] fixed = new boolean[m];
    for (int f : problem.existingFacilities()) {
      fixed[f] = true;
    }
    boolean[] needed = new boolean[n];
    for (int u = 0; u < n; u++) {
      if (sets.weight[u] == 0) {
        continue;
      }
      if (sets.candidatesOf[u].length == 0) {
        throw new IllegalArgumentException("demand point " + u + " is farther than " + parameters.coverageDistance()
            + " from every candidate site, so no set of facilities covers all demand");
      }
      boolean coveredByExisting = false;
      for (int j : sets.candidatesOf[u]) {
        coveredByExisting |= fixed[j];
      }
      needed[u] = !coveredByExisting;
    }
    int lowerBound = packingBound(sets, needed);
    SplittableRandom random = new SplittableRandom(parameters.seed());
    int[] best = null;
    int iteration = 0;
    while (iteration < parameters.iterations() && !clock.shouldStop()) {
      int[] cover = greedy(sets, needed, m, iteration == 0 ? null : random, clock);
      if (cover == null) {
        break;
      }
      cover = withoutRedundant(sets, needed, cover);
      if (best == null || cover.length < best.length) {
        best = cover;
      }
      iteration++;
      if (best.length == lowerBound) {
        break;
      }
    }
    if (best == null) {
      best = withoutRedundant(sets, needed, greedy(sets, needed, m, null, new SolverClock(null, null)));
    }
    StopReason reason = best.length == lowerBound
        ? StopReason.PROVEN_OPTIMAL
        : clock.stopReason() != null ? clock.stopReason() : StopReason.COMPLETED;
    int[] added = best.clone();
    Arrays.sort(added);
    int[] all = IntStream.concat(Arrays.stream(problem.existingFacilities()), Arrays.stream(added)).sorted().toArray();
    return new SetCoveringSolution(all, added, lowerBound, reason, iteration, clock.seconds());
  }

  /** The sites a greedy run opens, or null when the clock stopped it. */
  private static int[] greedy(CoverageSets sets, boolean[] needed, int m, SplittableRandom random, SolverClock clock) {
    boolean[] covered = new boolean[needed.length];
    int remaining = 0;
    for (boolean b : needed) {
      if (b) {
        remaining++;
      }
    }
    int[] gain = new int[m];
    for (int j = 0; j < m; j++) {
      for (int u : sets.demandsOf[j]) {
        if (needed[u]) {
          gain[j]++;
        }
      }
    }
    int[] chosen = new int[m];
    int count = 0;
    int[] near = new int[m];
    while (remaining > 0) {
      if (clock.shouldStop()) {
        return null;
      }
      int bestGain = 0;
      for (int j = 0; j < m; j++) {
        bestGain = Math.max(bestGain, gain[j]);
      }
      int pick = -1;
      if (random == null) {
        for (int j = 0; j < m && pick < 0; j++) {
          if (gain[j] == bestGain) {
            pick = j;
          }
        }
      } else {
        int candidates = 0;
        for (int j = 0; j < m; j++) {
          if (gain[j] > 0 && gain[j] >= 0.9 * bestGain) {
            near[candidates++] = j;
          }
        }
        pick = near[random.nextInt(candidates)];
      }
      chosen[count++] = pick;
      for (int u : sets.demandsOf[pick]) {
        if (needed[u] && !covered[u]) {
          covered[u] = true;
          remaining--;
          for (int j : sets.candidatesOf[u]) {
            gain[j]--;
          }
        }
      }
    }
    return Arrays.copyOf(chosen, count);
  }

  /** Drops sites all of whose needed points another chosen site also covers, the sites covering least first. */
  private static int[] withoutRedundant(CoverageSets sets, boolean[] needed, int[] cover) {
    int[] coverCount = new int[needed.length];
    for (int j : cover) {
      for (int u : sets.demandsOf[j]) {
        coverCount[u]++;
      }
    }
    Integer[] order = Arrays.stream(cover).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt((Integer j) -> sets.demandsOf[j].length).thenComparingInt(j -> j));
    boolean[] removed = new boolean[sets.demandsOf.length];
    int kept = cover.length;
    for (int j : order) {
      boolean redundant = true;
      for (int u : sets.demandsOf[j]) {
        if (needed[u] && coverCount[u] < 2) {
          redundant = false;
          break;
        }
      }
      if (redundant) {
        removed[j] = true;
        kept--;
        for (int u : sets.demandsOf[j]) {
          coverCount[u]--;
        }
      }
    }
    return Arrays.stream(cover).filter(j -> !removed[j]).sorted().toArray();
  }

  /** Needed points with pairwise disjoint candidate sets, picked greedily from the most constrained. */
  private static int packingBound(CoverageSets sets, boolean[] needed) {
    Integer[] order = IntStream.range(0, needed.length).filter(u -> needed[u]).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingInt((Integer u) -> sets.candidatesOf[u].length).thenComparingInt(u -> u));
    boolean[] used = new boolean[sets.demandsOf.length];
    int count = 0;
    for (int u : order) {
      boolean free = true;
      for (int j : sets.candidatesOf[u]) {
        if (used[j]) {
          free = false;
          break;
        }
      }
      if (free) {
        count++;
        for (int j : sets.candidatesOf[u]) {
          used[j] = true;
        }
      }
    }
    return count;
  }
}
