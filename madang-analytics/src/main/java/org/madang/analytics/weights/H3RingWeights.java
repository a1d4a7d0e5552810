package org.madang.analytics.weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.madang.analytics.geo.H3Binner;

/**
 * Binary weights between features that sit in H3 cells: two features are neighbours when their cells are at most
 * {@code k} grid steps apart ({@link H3Binner#ring}). Features in the same cell are neighbours of each other (distance
 * 0). Suits analyses that first bin points into hexagons and then look for hot cells.
 */
public final class H3RingWeights {

  private H3RingWeights() {}

  /** Weights over features located in {@code cells} (H3 indexes, one per feature), neighbours within k rings. */
  public static SpatialWeights of(List<String> ids, long[] cells, int k) {
    if (ids.size() != cells.length) {
      throw new IllegalArgumentException("need one id per cell: " + ids.size() + " ids, " + cells.length + " cells");
    }
    if (k < 1) {
      throw new IllegalArgumentException("H3 ring neighbourhoods need k of at least 1, got " + k);
    }
    Map<Long, List<Integer>> featuresByCell = new HashMap<>();
    for (int i = 0; i < cells.length; i++) {
      featuresByCell.computeIfAbsent(cells[i], c -> new ArrayList<>(1)).add(i);
    }
    Map<Long, int[]> neighbourhoodByCell = new HashMap<>();
    int[][] rows = new int[cells.length][];
    for (int i = 0; i < cells.length; i++) {
      int[] shared = neighbourhoodByCell.computeIfAbsent(cells[i], cell -> {
        TreeSet<Integer> near = new TreeSet<>();
        for (long other : H3Binner.ring(cell, k)) {
          List<Integer> there = featuresByCell.get(other);
          if (there != null) {
            near.addAll(there);
          }
        }
        return near.stream().mapToInt(Integer::intValue).toArray();
      });
      int self = i;
      rows[i] = java.util.Arrays.stream(shared).filter(j -> j != self).toArray();
    }
    return SpatialWeights.ofSortedBinary(ids, rows);
  }

  /** {@link #of(List, long[], int)} with the cells' hexadecimal addresses as ids; cells must be distinct. */
  public static SpatialWeights of(long[] cells, int k) {
    List<String> ids = new ArrayList<>(cells.length);
    for (long c : cells) {
      ids.add(H3Binner.toAddress(c));
    }
    return of(ids, cells, k);
  }
}
