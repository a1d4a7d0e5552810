package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cell of a checked table with its decision. Suppression is per cell: a suppressed cell hides every measure, since
 * a published count and mean give the sum, and a count alone can reveal a small group.
 */
public final class CheckedCell {

  private final TableCell cell;
  private final CellStatus status;
  private final List<Number> values;

  CheckedCell(TableCell cell, List<Measure> measures, CellStatus status) {
    this.cell = cell;
    this.status = status;
    List<Number> v = new ArrayList<>(measures.size());
    for (int m = 0; m < measures.size(); m++) {
      v.add(statistic(measures.get(m), cell, cell.magnitudes().get(m)));
    }
    this.values = Collections.unmodifiableList(v);
  }

  private static Number statistic(Measure measure, TableCell cell, Magnitude magnitude) {
    return switch (measure.statistic()) {
      case COUNT -> cell.records();
      case SUM -> magnitude.contributors() == 0 ? null : magnitude.sum();
      case MEAN -> magnitude.contributors() == 0 ? null : magnitude.sum() / magnitude.contributors();
    };
  }

  /** One value per dimension; null where the cell is a total (see {@link #isTotal(int)}) or the data's value is NULL. */
  public List<Object> key() {
    return cell.key();
  }

  public boolean isTotal(int dimension) {
    return cell.isTotal(dimension);
  }

  public long records() {
    return cell.records();
  }

  public CellStatus status() {
    return status;
  }

  public boolean isSuppressed() {
    return status.isSuppressed();
  }

  /** The statistics as computed, one per measure: for the data steward only. A SUM or MEAN without values is null. */
  public List<Number> values() {
    return values;
  }

  /** What may be published: {@link #values()}, or all nulls when the cell is suppressed. */
  public List<Number> publishedValues() {
    return isSuppressed() ? Collections.nCopies(values.size(), null) : values;
  }

  /** The cell as given, with the contributions behind the dominance rule: for the data steward only. */
  public TableCell cell() {
    return cell;
  }
}
