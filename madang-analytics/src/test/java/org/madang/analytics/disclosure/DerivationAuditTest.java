package org.madang.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DerivationAuditTest {

  /** A 4 x 4 count table whose listed cells are small (suppressed by the threshold) and the rest 20. */
  private static AggregateTable table(String... smallCells) {
    CubeOfRecords cube = new CubeOfRecords(List.of("row", "column"), List.of(Measure.count()));
    for (int r = 1; r <= 4; r++) {
      for (int c = 1; c <= 4; c++) {
        boolean small = List.of(smallCells).contains("r" + r + "c" + c);
        cube.add(small ? 3 : 20, "r" + r, "c" + c);
      }
    }
    return cube.table();
  }

  private static CellStatus[] primaries(AggregateTable table) {
    return table.cells().stream().map(c -> c.records() < 10 ? CellStatus.THRESHOLD : CellStatus.PUBLISHED).toArray(CellStatus[]::new);
  }

  private static String name(AggregateTable table, int cell) {
    return table.cells().get(cell).key().get(0) + "" + table.cells().get(cell).key().get(1);
  }

  @Test
  void aCellBetweenTwoHiddenRectanglesFollowsFromTheRowsAndColumnsThoughEachHidesTwoOrMore() {
    // rows 1-2 and columns 1-2 hide a rectangle, rows 3-4 and columns 3-4 another, and r2c3 joins them: every row and
    // column hides two or three cells, yet rows 1 + 2 minus columns 1 + 2 leave r2c3 alone
    AggregateTable table = table("r1c1", "r1c2", "r2c1", "r2c2", "r3c3", "r3c4", "r4c3", "r4c4", "r2c3");

    assertThat(DerivationAudit.determined(table, primaries(table))).extracting(c -> name(table, c)).containsExactly("r2c3");
  }

  @Test
  void aHiddenRectangleIsNotDetermined() {
    AggregateTable table = table("r1c1", "r1c2", "r2c1", "r2c2");

    assertThat(DerivationAudit.determined(table, primaries(table))).isEmpty();
  }

  @Test
  void theChecksHideMoreUntilTheBridgingCellNoLongerFollows() {
    AggregateTable table = table("r1c1", "r1c2", "r2c1", "r2c2", "r3c3", "r3c4", "r4c3", "r4c4", "r2c3");

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.suppressedCells()).containsEntry(CellStatus.THRESHOLD, 9);
    assertThat(report.suppressedCells().get(CellStatus.SECONDARY)).isPositive();
    CellStatus[] status = report.cells().stream().map(CheckedCell::status).toArray(CellStatus[]::new);
    assertThat(DerivationAudit.determined(table, status)).isEmpty();
  }

  @Test
  void aSingleHiddenCellBesideItsPublishedTotalFollows() {
    AggregateTable table = new CubeOfRecords(List.of("district"), List.of(Measure.count())).add(3, "A").add(20, "B").table();
    CellStatus[] status = {CellStatus.THRESHOLD, CellStatus.PUBLISHED, CellStatus.PUBLISHED};

    assertThat(DerivationAudit.determined(table, status)).containsExactly(0);
  }
}
