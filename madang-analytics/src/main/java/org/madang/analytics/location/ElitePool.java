package org.madang.analytics.location;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The elite solutions of a path-relinking heuristic (Resende and Werneck 2004): at most {@code capacity} distinct
 * solutions. A new solution enters when the pool has room and it differs from all members, or when it beats the worst
 * member and differs from all; it then replaces the most similar member among those no better than itself.
 */
final class ElitePool {

  record Member(int[] facilities, double objective) {}

  private final int capacity;
  private final List<Member> members = new ArrayList<>();

  ElitePool(int capacity) {
    this.capacity = capacity;
  }

  int size() {
    return members.size();
  }

  List<Member> members() {
    return List.copyOf(members);
  }

  Member best() {
    Member best = null;
    for (Member m : members) {
      if (best == null || m.objective() < best.objective()) {
        best = m;
      }
    }
    return best;
  }

  /** Offers a solution (sorted facilities); true when it entered the pool. */
  boolean offer(int[] facilities, double objective) {
    for (Member m : members) {
      if (Arrays.equals(m.facilities(), facilities)) {
        return false;
      }
    }
    if (members.size() < capacity) {
      members.add(new Member(facilities, objective));
      return true;
    }
    double worst = Double.NEGATIVE_INFINITY;
    for (Member m : members) {
      worst = Math.max(worst, m.objective());
    }
    if (objective >= worst) {
      return false;
    }
    int replace = -1;
    int smallestDifference = Integer.MAX_VALUE;
    for (int k = 0; k < members.size(); k++) {
      Member m = members.get(k);
      if (m.objective() >= objective) {
        int difference = difference(m.facilities(), facilities);
        if (difference < smallestDifference) {
          smallestDifference = difference;
          replace = k;
        }
      }
    }
    members.set(replace, new Member(facilities, objective));
    return true;
  }

  /** A member chosen with probability proportional to its difference from {@code facilities}; null if all equal. */
  Member pickGuide(int[] facilities, SplittableRandom random) {
    int total = 0;
    int[] differences = new int[members.size()];
    for (int k = 0; k < members.size(); k++) {
      differences[k] = difference(members.get(k).facilities(), facilities);
      total += differences[k];
    }
    if (total == 0) {
      return null;
    }
    int ticket = random.nextInt(total);
    for (int k = 0; k < members.size(); k++) {
      ticket -= differences[k];
      if (ticket < 0) {
        return members.get(k);
      }
    }
    return members.get(members.size() - 1);
  }

  /** |a \ b| for sorted arrays of equal length. */
  static int difference(int[] a, int[] b) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return a.length - common;
  }
}
