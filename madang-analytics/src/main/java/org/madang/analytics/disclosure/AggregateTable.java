package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table of aggregates over 0 to {@value #MAX_DIMENSIONS} dimensions with all its margins, as SQL's {@code GROUP BY
 * CUBE} gives it: a cell for every combination of dimension values that occurs and for every total over any subset of
 * the dimensions, the grand total included.
 *
 * <p>The table's linear relations follow from that shape: each total over dimension {@code d} is the sum of the cells
 * that differ from it only in {@code d}. The constructor checks the table is complete (every cell's totals are there)
 * and that record counts add up, so the relations hold. Cells are kept in a stable order: interior cells first, then
 * margins by how many dimensions they total over, the grand total last; within a level by the dimensions totalled,
 * then by value (data NULLs last).
 */
public final class AggregateTable {

  public static final int MAX_DIMENSIONS = 4;

  /** A total and the cells just below it along one dimension: {@code total = sum(children)}. */
  record Relation(int total, int dimension, int[] children) {}

  private final List<String> dimensions;
  private final List<Measure> measures;
  private final List<TableCell> cells;
  private final List<Relation> relations;
  private final int[][] relationsOfCell;

  public AggregateTable(List<String> dimensions, List<Measure> measures, List<TableCell> cells) {
    this.dimensions = List.copyOf(dimensions);
    this.measures = List.copyOf(measures);
    if (this.dimensions.size() > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("a table has at most " + MAX_DIMENSIONS + " dimensions, got " + dimensions.size());
    }
    Set<String> seen = new HashSet<>();
    for (String d : this.dimensions) {
      if (d.isBlank() || !seen.add(d.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("dimension names must be distinct and not blank: " + dimensions);
      }
    }
    int k = this.dimensions.size();
    for (TableCell c : cells) {
      if (c.key().size() != k || c.magnitudes().size() != this.measures.size() || c.totalMask() >= (1 << k)) {
        throw new IllegalArgumentException("every cell needs " + k + " key values and " + this.measures.size() + " magnitudes: " + c);
      }
    }
    List<TableCell> sorted = new ArrayList<>(cells);
    sorted.sort(stableOrder(k));
    this.cells = Collections.unmodifiableList(sorted);
    Map<CellKey, Integer> index = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      if (index.put(new CellKey(sorted.get(i)), i) != null) {
        throw new IllegalArgumentException("the table has two cells for " + sorted.get(i).key() + " (totals " + sorted.get(i).totalMask() + ")");
      }
    }
    if (!index.containsKey(new CellKey(new ArrayList<>(Collections.nCopies(k, null)), (1 << k) - 1))) {
      throw new IllegalArgumentException("the table has no grand total");
    }
    this.relations = buildRelations(sorted, index, k);
    this.relationsOfCell = membership(sorted.size(), relations);
  }

  public List<String> dimensions() {
    return dimensions;
  }

  public List<Measure> measures() {
    return measures;
  }

  /** All cells in the stable order described above. */
  public List<TableCell> cells() {
    return cells;
  }

  /** The records of the whole table (its grand total). */
  public long records() {
    return cells.get(cells.size() - 1).records();
  }

  /** How many values (NULL counting as one) dimension {@code d} takes: its one-dimensional margin's cells. */
  public int distinctValues(int d) {
    int margin = ((1 << dimensions.size()) - 1) & ~(1 << d);
    int n = 0;
    for (TableCell c : cells) {
      if (c.totalMask() == margin) {
        n++;
      }
    }
    return n;
  }

  /** The cells that are no total at all: the combinations of values that occur. */
  public int interiorCells() {
    int n = 0;
    for (TableCell c : cells) {
      if (c.totalMask() == 0) {
        n++;
      }
    }
    return n;
  }

  List<Relation> relations() {
    return relations;
  }

  /** The relations a cell takes part in, as total or as child. */
  int[] relationsOf(int cell) {
    return relationsOfCell[cell];
  }

  private static List<Relation> buildRelations(List<TableCell> cells, Map<CellKey, Integer> index, int k) {
    Map<Long, List<Integer>> children = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      TableCell c = cells.get(i);
      for (int d = 0; d < k; d++) {
        if (c.isTotal(d)) {
          continue;
        }
        List<Object> parentKey = new ArrayList<>(c.key());
        parentKey.set(d, null);
        Integer parent = index.get(new CellKey(parentKey, c.totalMask() | (1 << d)));
        if (parent == null) {
          throw new IllegalArgumentException("the table lacks the total over " + d + " of the cell " + c.key() + ": margins must be complete");
        }
        children.computeIfAbsent(parent * (long) MAX_DIMENSIONS + d, x -> new ArrayList<>()).add(i);
      }
    }
    List<Relation> out = new ArrayList<>();
    for (int t = 0; t < cells.size(); t++) {
      TableCell total = cells.get(t);
      for (int d = 0; d < k; d++) {
        if (!total.isTotal(d)) {
          continue;
        }
        List<Integer> below = children.getOrDefault(t * (long) MAX_DIMENSIONS + d, List.of());
        long sum = 0;
        for (int c : below) {
          sum += cells.get(c).records();
        }
        if (sum != total.records()) {
          throw new IllegalArgumentException("the total " + total.key() + " has " + total.records() + " records but the cells below it have " + sum);
        }
        if (!below.isEmpty()) {
          out.add(new Relation(t, d, below.stream().mapToInt(Integer::intValue).toArray()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static int[][] membership(int cellCount, List<Relation> relations) {
    int[] counts = new int[cellCount];
    for (Relation r : relations) {
      counts[r.total()]++;
      for (int c : r.children()) {
        counts[c]++;
      }
    }
    int[][] out = new int[cellCount][];
    for (int i = 0; i < cellCount; i++) {
      out[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int r = 0; r < relations.size(); r++) {
      Relation relation = relations.get(r);
      out[relation.total()][counts[relation.total()]++] = r;
      for (int c : relation.children()) {
        out[c][counts[c]++] = r;
      }
    }
    return out;
  }

  private static Comparator<TableCell> stableOrder(int k) {
    return Comparator.comparingInt(TableCell::totalCount)
        .thenComparingInt(c -> Integer.reverse(c.totalMask()) >>> (32 - Math.max(k, 1)))
        .thenComparing((a, b) -> {
          for (int d = 0; d < k; d++) {
            int order = compareValues(a.key().get(d), b.key().get(d));
            if (order != 0) {
              return order;
            }
          }
          return 0;
        });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    if (a instanceof Number na && b instanceof Number nb) {
      int order = Double.compare(na.doubleValue(), nb.doubleValue());
      return order != 0 ? order : a.getClass().getName().compareTo(b.getClass().getName());
    }
    int order = a.getClass().getName().compareTo(b.getClass().getName());
    return order != 0 ? order : a.toString().compareTo(b.toString());
  }

  /** A cell's identity: its values and which dimensions it totals over (so a data NULL is no total). */
  private record CellKey(List<Object> values, int mask) {
    CellKey(TableCell c) {
      this(c.key(), c.totalMask());
    }
  }
}
