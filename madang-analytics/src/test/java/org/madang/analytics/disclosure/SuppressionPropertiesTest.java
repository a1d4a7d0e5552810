package org.madang.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whatever the table, after the checks no relation gives a suppressed cell away and no rule is left broken. */
class SuppressionPropertiesTest {

  @Test
  void randomTablesEndWithEveryRelationHidingNoneOrAtLeastTwoCells() {
    Random random = new Random(20240611);
    for (int t = 0; t < 400; t++) {
      int k = 1 + random.nextInt(3);
      boolean magnitude = random.nextBoolean();
      List<String> dimensions = new ArrayList<>();
      int[] sizes = new int[k];
      for (int d = 0; d < k; d++) {
        dimensions.add("d" + d);
        sizes[d] = 1 + random.nextInt(k == 3 ? 4 : 6);
      }
      List<Measure> measures = magnitude ? List.of(Measure.count(), Measure.sum("x")) : List.of(Measure.count());
      CubeOfRecords cube = new CubeOfRecords(dimensions, measures);
      int combinations = 1;
      for (int s : sizes) {
        combinations *= s;
      }
      for (int i = 0; i < combinations; i++) {
        if (random.nextDouble() < 0.2) {
          continue;
        }
        Object[] key = new Object[k];
        int rest = i;
        for (int d = 0; d < k; d++) {
          key[d] = "v" + rest % sizes[d];
          rest /= sizes[d];
        }
        int n = random.nextDouble() < 0.3 ? 1 + random.nextInt(9) : 10 + random.nextInt(60);
        for (int r = 0; r < n; r++) {
          double value = random.nextDouble() < 0.02 ? 50_000 : 1 + random.nextInt(100);
          if (magnitude) {
            cube.record(key, null, value);
          } else {
            cube.record(key, (Double) null);
          }
        }
      }
      if (combinations > 0) {
        assertProtected(cube.table(), "table " + t);
      }
    }
  }

  @Test
  void everySmallTwoByThreeTableIsProtected() {
    int[] counts = {0, 2, 10, 40};
    int[] c = new int[6];
    for (int code = 0; code < 4096; code++) {
      int rest = code;
      for (int i = 0; i < 6; i++) {
        c[i] = counts[rest % 4];
        rest /= 4;
      }
      CubeOfRecords cube = new CubeOfRecords(List.of("row", "column"), List.of(Measure.count()));
      for (int i = 0; i < 6; i++) {
        cube.add(c[i], "r" + i / 3, "c" + i % 3);
      }
      assertProtected(cube.table(), "counts " + java.util.Arrays.toString(c));
    }
  }

  private static void assertProtected(AggregateTable table, String which) {
    DisclosureRules rules = DisclosureRules.DEFAULTS;
    DisclosureReport report = DisclosureControl.check(table, rules, Set.of());
    List<CheckedCell> cells = report.cells();
    boolean magnitude = table.measures().stream().anyMatch(Measure::isMagnitude);
    for (AggregateTable.Relation r : table.relations()) {
      int suppressed = cells.get(r.total()).isSuppressed() ? 1 : 0;
      boolean singleton = false;
      for (int child : r.children()) {
        if (cells.get(child).isSuppressed()) {
          suppressed++;
          singleton |= cells.get(child).records() == 1;
        }
      }
      assertThat(suppressed).as("%s: a relation hides exactly one cell", which).isNotEqualTo(1);
      if (magnitude && suppressed == 2 && !cells.get(r.total()).isSuppressed()) {
        assertThat(singleton).as("%s: a single record's owner could subtract itself", which).isFalse();
      }
    }
    for (CheckedCell c : cells) {
      if (c.records() > 0 && c.records() < rules.threshold()) {
        assertThat(c.isSuppressed()).as("%s: %s under the threshold", which, c.key()).isTrue();
      }
      for (int m = 0; m < table.measures().size(); m++) {
        if (table.measures().get(m).isMagnitude() && DisclosureControl.dominated(c.cell().magnitudes().get(m), rules)) {
          assertThat(c.isSuppressed()).as("%s: %s dominated", which, c.key()).isTrue();
        }
      }
      assertThat(c.publishedValues()).as(which).isEqualTo(c.isSuppressed() ? java.util.Collections.nCopies(c.values().size(), null) : c.values());
    }
    assertThat(report.derivationAudited()).isTrue();
    CellStatus[] status = cells.stream().map(CheckedCell::status).toArray(CellStatus[]::new);
    assertThat(DerivationAudit.determined(table, status)).as("%s: a suppressed cell follows from the equations", which).isEmpty();
  }
}
