package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One cell of an {@link AggregateTable}: a combination of dimension values, or a total over some dimensions.
 *
 * @param key one value per dimension; null where the cell is a total over that dimension, and also where the data's
 *     value is NULL (a group of its own), so {@link #isTotal(int)} tells the two apart
 * @param totalMask bit {@code d} set when the cell is a total over dimension {@code d} (SQL's {@code GROUPING()})
 * @param records the source rows in the cell
 * @param magnitudes one per measure of the table, in its order
 */
public record TableCell(List<Object> key, int totalMask, long records, List<Magnitude> magnitudes) {

  public TableCell {
    if (records < 0 || totalMask < 0 || (key.size() < 31 && totalMask >>> key.size() != 0)) {
      throw new IllegalArgumentException("a cell needs records >= 0 and total bits for its dimensions only");
    }
    List<Object> values = new ArrayList<>(key);
    for (int d = 0; d < values.size(); d++) {
      if ((totalMask & (1 << d)) != 0) {
        values.set(d, null);
      }
    }
    key = Collections.unmodifiableList(values);
    magnitudes = List.copyOf(magnitudes);
  }

  public boolean isTotal(int dimension) {
    return (totalMask & (1 << dimension)) != 0;
  }

  /** Over how many dimensions the cell totals: 0 for an interior cell, the table's dimension count for the grand total. */
  public int totalCount() {
    return Integer.bitCount(totalMask);
  }
}
