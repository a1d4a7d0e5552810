package org.madang.analytics.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Adds complementary suppressions until no relation of the table gives a suppressed cell away, after tau-ARGUS's
 * hypercube and singleton heuristics.
 *
 * <p>Each relation {@code total = sum(children)} must have no suppressed member or at least two; with one, a published
 * member is suppressed too: the one that leaves fewest other relations with a single suppressed member (so a
 * complement in the next row's broken column closes a rectangle rather than opening a new row), then interior before
 * total, then fewest records, then smallest magnitude. A relation with a single child has only its total left to
 * hide. When the table has SUM or MEAN measures, a relation whose two suppressed members are children one of which
 * holds a single record gets a third: that record's owner knows their own value and would otherwise subtract it to
 * learn the other cell. Suppressing a complement can break other
 * relations, so this repeats to a fixpoint; it never un-suppresses, so it ends (at worst with every non-empty cell
 * hidden). Empty cells are never chosen: their zero hides nothing.
 *
 * <p>Then {@link DerivationAudit} checks exactly that no suppressed cell follows from any combination of the table's
 * equations (chains of relations can pin a cell that no single relation reveals); a cell that does gets another
 * complement and the whole repeats. Bounds are not audited: from non-negative data an attacker may still narrow a
 * suppressed cell to an interval, which only a linear-programming audit (tau-ARGUS's protection levels) would measure.
 */
final class SecondarySuppression {

  /** Above this many suppressed cells the exact audit (dense rows of that length, up to 32 MB) is skipped and reported. */
  static final int AUDIT_LIMIT = 2000;

  record Outcome(boolean audited, List<Integer> derivable) {}

  private final AggregateTable table;
  private final CellStatus[] status;
  private final boolean singletonProtection;
  private final List<AggregateTable.Relation> relations;
  private final ArrayDeque<Integer> work = new ArrayDeque<>();
  private final BitSet queued = new BitSet();
  private final int[] suppressedIn;

  private SecondarySuppression(AggregateTable table, CellStatus[] status) {
    this.table = table;
    this.status = status;
    this.singletonProtection = table.measures().stream().anyMatch(Measure::isMagnitude);
    this.relations = table.relations();
    this.suppressedIn = new int[relations.size()];
    for (int r = 0; r < relations.size(); r++) {
      AggregateTable.Relation relation = relations.get(r);
      suppressedIn[r] = isSuppressed(relation.total()) ? 1 : 0;
      for (int c : relation.children()) {
        suppressedIn[r] += isSuppressed(c) ? 1 : 0;
      }
    }
  }

  /** Marks complements {@link CellStatus#SECONDARY} in {@code status} (one entry per cell of the table, in its order). */
  static Outcome apply(AggregateTable table, CellStatus[] status) {
    return new SecondarySuppression(table, status).run();
  }

  private Outcome run() {
    for (int r = 0; r < relations.size(); r++) {
      enqueue(r);
    }
    while (true) {
      while (!work.isEmpty()) {
        int r = work.poll();
        queued.clear(r);
        if (needsComplement(r)) {
          int c = cheapestPublished(members(relations.get(r)), r);
          if (c >= 0) {
            suppress(c);
          }
        }
      }
      int suppressed = 0;
      for (CellStatus s : status) {
        suppressed += s.isSuppressed() ? 1 : 0;
      }
      if (suppressed > AUDIT_LIMIT) {
        return new Outcome(false, List.of());
      }
      List<Integer> determined = DerivationAudit.determined(table, status);
      if (determined.isEmpty()) {
        return new Outcome(true, List.of());
      }
      // one complement per cluster of determined cells: a complement beside one often frees its neighbours too
      BitSet touched = new BitSet();
      boolean added = false;
      for (int x : determined) {
        int[] around = table.relationsOf(x);
        if (anySet(touched, around)) {
          continue;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int r : around) {
          candidates.addAll(members(relations.get(r)));
        }
        int c = cheapestPublished(candidates, -1);
        if (c >= 0) {
          suppress(c);
          for (int r : around) {
            touched.set(r);
          }
          added = true;
        }
      }
      if (!added) {
        return new Outcome(true, determined);
      }
    }
  }

  private boolean needsComplement(int r) {
    int suppressed = suppressedIn[r];
    if (suppressed == 1) {
      return true;
    }
    AggregateTable.Relation relation = relations.get(r);
    if (!singletonProtection || suppressed != 2 || isSuppressed(relation.total())) {
      return false;
    }
    for (int c : relation.children()) {
      if (isSuppressed(c) && isSingleton(table.cells().get(c))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSingleton(TableCell cell) {
    if (cell.records() == 1) {
      return true;
    }
    for (Magnitude m : cell.magnitudes()) {
      if (m.contributors() == 1) {
        return true;
      }
    }
    return false;
  }

  private static List<Integer> members(AggregateTable.Relation r) {
    List<Integer> out = new ArrayList<>(r.children().length + 1);
    for (int c : r.children()) {
      out.add(c);
    }
    out.add(r.total());
    return out;
  }

  /** The published non-empty member that costs least to hide when complementing relation {@code fixing}, or -1. */
  private int cheapestPublished(List<Integer> members, int fixing) {
    int best = -1;
    int bestBreaks = 0;
    for (int c : members) {
      TableCell cell = table.cells().get(c);
      if (isSuppressed(c) || cell.records() == 0) {
        continue;
      }
      int breaks = breaks(c, fixing);
      if (best < 0 || breaks < bestBreaks || (breaks == bestBreaks && cheaper(c, best))) {
        best = c;
        bestBreaks = breaks;
      }
    }
    return best;
  }

  /** Relations (other than {@code fixing}) that hiding {@code c} would leave with one suppressed member, less those it mends. */
  private int breaks(int c, int fixing) {
    int score = 0;
    for (int r : table.relationsOf(c)) {
      if (r == fixing) {
        continue;
      }
      score += suppressedIn[r] == 0 ? 1 : suppressedIn[r] == 1 ? -1 : 0;
    }
    return score;
  }

  private boolean cheaper(int a, int b) {
    TableCell x = table.cells().get(a);
    TableCell y = table.cells().get(b);
    if (x.totalCount() != y.totalCount()) {
      return x.totalCount() < y.totalCount();
    }
    if (x.records() != y.records()) {
      return x.records() < y.records();
    }
    int byValue = Double.compare(magnitude(x), magnitude(y));
    return byValue != 0 ? byValue < 0 : a < b;
  }

  private double magnitude(TableCell cell) {
    double sum = 0;
    for (int m = 0; m < table.measures().size(); m++) {
      if (table.measures().get(m).isMagnitude()) {
        sum += cell.magnitudes().get(m).absoluteSum();
      }
    }
    return sum;
  }

  private void suppress(int c) {
    status[c] = CellStatus.SECONDARY;
    for (int r : table.relationsOf(c)) {
      suppressedIn[r]++;
      enqueue(r);
    }
  }

  private void enqueue(int r) {
    if (!queued.get(r)) {
      queued.set(r);
      work.add(r);
    }
  }

  private boolean isSuppressed(int c) {
    return status[c].isSuppressed();
  }

  private static boolean anySet(BitSet set, int[] indexes) {
    for (int i : indexes) {
      if (set.get(i)) {
        return true;
      }
    }
    return false;
  }
}
