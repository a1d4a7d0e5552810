package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which suppressed cells an attacker could compute exactly from the published cells and the table's equations.
 *
 * <p>The suppressed cells are the unknowns and each relation {@code total - sum(children) = 0} an equation; a cell is
 * determined when its unit vector lies in the equations' row space. One Gauss-Jordan elimination (kept reduced as rows
 * arrive) answers for every cell at once: a pivot whose reduced row has no other non-zero entry is fixed, any other
 * unknown can move along the null space. Coefficients start as 0 and ±1 and stay small (2-D tables give a totally
 * unimodular system), so a tolerance of 1e-9 is safe. Bounds (cells are non-negative) are not used.
 */
final class DerivationAudit {

  private static final double EPS = 1e-9;

  private DerivationAudit() {}

  /** The indexes of the suppressed cells that the equations pin to one value, ascending. */
  static List<Integer> determined(AggregateTable table, CellStatus[] status) {
    int cells = status.length;
    int[] column = new int[cells];
    int unknowns = 0;
    for (int c = 0; c < cells; c++) {
      column[c] = status[c].isSuppressed() ? unknowns++ : -1;
    }
    int[] cellOf = new int[unknowns];
    for (int c = 0; c < cells; c++) {
      if (column[c] >= 0) {
        cellOf[column[c]] = c;
      }
    }
    List<double[]> basis = new ArrayList<>();
    List<Integer> pivots = new ArrayList<>();
    int[] rowOfPivot = new int[unknowns];
    Arrays.fill(rowOfPivot, -1);
    for (AggregateTable.Relation r : table.relations()) {
      List<Integer> entries = new ArrayList<>();
      if (column[r.total()] >= 0) {
        entries.add(column[r.total()]);
      }
      for (int child : r.children()) {
        if (column[child] >= 0) {
          entries.add(column[child]);
        }
      }
      if (entries.isEmpty()) {
        continue;
      }
      double[] row = new double[unknowns];
      for (int i = 0; i < entries.size(); i++) {
        row[entries.get(i)] = i == 0 && column[r.total()] >= 0 ? 1 : -1;
      }
      // the basis is reduced (each row is zero at the other rows' pivots), so one pass over the original entries
      // removes every pivot column from the new row
      for (int j : entries) {
        int b = rowOfPivot[j];
        double f = row[j];
        if (b >= 0 && f != 0) {
          subtract(row, basis.get(b), f);
        }
      }
      int pivot = -1;
      for (int j = 0; j < unknowns; j++) {
        if (Math.abs(row[j]) > EPS && (pivot < 0 || Math.abs(row[j]) > Math.abs(row[pivot]) + EPS)) {
          pivot = j;
        }
      }
      if (pivot < 0) {
        continue;
      }
      double scale = row[pivot];
      for (int j = 0; j < unknowns; j++) {
        row[j] = Math.abs(row[j]) <= EPS ? 0 : row[j] / scale;
      }
      for (double[] other : basis) {
        double f = other[pivot];
        if (f != 0) {
          subtract(other, row, f);
        }
      }
      rowOfPivot[pivot] = basis.size();
      basis.add(row);
      pivots.add(pivot);
    }
    List<Integer> out = new ArrayList<>();
    for (int b = 0; b < basis.size(); b++) {
      double[] row = basis.get(b);
      int pivot = pivots.get(b);
      boolean alone = true;
      for (int j = 0; j < unknowns && alone; j++) {
        alone = j == pivot || row[j] == 0;
      }
      if (alone) {
        out.add(cellOf[pivot]);
      }
    }
    out.sort(null);
    return out;
  }

  private static void subtract(double[] row, double[] basisRow, double factor) {
    for (int j = 0; j < row.length; j++) {
      if (basisRow[j] != 0) {
        double v = row[j] - factor * basisRow[j];
        row[j] = Math.abs(v) <= EPS ? 0 : v;
      }
    }
  }
}
