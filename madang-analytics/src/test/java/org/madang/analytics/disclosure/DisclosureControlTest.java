package org.madang.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

  /** Stands for "total over this dimension" when looking a cell up. */
  static final Object ALL = new Object();

  static CheckedCell cell(DisclosureReport report, Object... key) {
    for (CheckedCell c : report.cells()) {
      boolean match = true;
      for (int d = 0; d < key.length && match; d++) {
        match = key[d] == ALL ? c.isTotal(d) : !c.isTotal(d) && Objects.equals(c.key().get(d), key[d]);
      }
      if (match) {
        return c;
      }
    }
    throw new AssertionError("no cell " + List.of(key));
  }

  /** Every relation of the table has no suppressed member or at least two. */
  static void assertNoRelationRevealsACell(AggregateTable table, DisclosureReport report) {
    for (AggregateTable.Relation r : table.relations()) {
      int suppressed = report.cells().get(r.total()).isSuppressed() ? 1 : 0;
      for (int c : r.children()) {
        suppressed += report.cells().get(c).isSuppressed() ? 1 : 0;
      }
      assertThat(suppressed).as("suppressed members of the relation under %s", report.cells().get(r.total()).key()).isNotEqualTo(1);
    }
  }

  @Test
  void aCellOfThreeHiddenInATotalCannotBeWorkedOutAsTheTotalMinusTheOthers() {
    AggregateTable table = new CubeOfRecords(List.of("district"), List.of(Measure.count()))
        .add(3, "Jongno-gu").add(40, "Jung-gu").add(25, "Yongsan-gu").add(12, "Seongdong-gu").add(30, "Gwangjin-gu").table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.passed()).isTrue();
    assertThat(cell(report, "Jongno-gu").status()).isEqualTo(CellStatus.THRESHOLD);
    assertThat(cell(report, "Seongdong-gu").status()).as("the cheapest complement").isEqualTo(CellStatus.SECONDARY);
    assertThat(cell(report, ALL).status()).isEqualTo(CellStatus.PUBLISHED);
    assertThat(cell(report, ALL).publishedValues()).containsExactly(110L);
    assertThat(cell(report, "Jongno-gu").publishedValues()).containsOnlyNulls();
    assertThat(cell(report, "Seongdong-gu").publishedValues()).containsOnlyNulls();
    assertThat(cell(report, "Jongno-gu").values()).as("the steward still sees it").containsExactly(3L);
    long publishedChildren = report.cells().stream().filter(c -> !c.isTotal(0) && !c.isSuppressed()).mapToLong(c -> (Long) c.publishedValues().get(0)).sum();
    assertThat(110 - publishedChildren).as("all that total minus the others gives: the two hidden cells together").isEqualTo(15);
    assertThat(report.suppressedCells()).containsEntry(CellStatus.THRESHOLD, 1).containsEntry(CellStatus.SECONDARY, 1).containsEntry(CellStatus.DOMINANCE, 0);
    assertThat(report.findings()).extracting(Finding::rule).containsExactly(Finding.Rule.THRESHOLD, Finding.Rule.SECONDARY);
    assertThat(report.findings().get(0).message()).contains("district=Jongno-gu (3 records)");
    assertNoRelationRevealsACell(table, report);
  }

  @Test
  void aSuppressionPropagatesAcrossRowsAndColumnsToAFixpoint() {
    // one small cell: its row and its column each need a complement, and the complement in row 1 breaks column 2,
    // which the complement in column 1's row 3 then mends by closing a rectangle
    int[][] counts = {{3, 11, 50}, {60, 30, 12}, {13, 70, 80}};
    CubeOfRecords cube = new CubeOfRecords(List.of("row", "column"), List.of(Measure.count()));
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        cube.add(counts[r][c], "r" + (r + 1), "c" + (c + 1));
      }
    }
    AggregateTable table = cube.table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(cell(report, "r1", "c1").status()).isEqualTo(CellStatus.THRESHOLD);
    List<String> secondary = new ArrayList<>();
    for (CheckedCell c : report.cells()) {
      if (c.status() == CellStatus.SECONDARY) {
        secondary.add(c.key().get(0) + "/" + c.key().get(1));
      }
    }
    assertThat(secondary).containsExactlyInAnyOrder("r1/c2", "r3/c1", "r3/c2");
    assertThat(report.cells().stream().filter(c -> c.key().contains(null))).as("every margin stays published").allMatch(c -> !c.isSuppressed());
    assertNoRelationRevealsACell(table, report);
    assertThat(DerivationAudit.determined(table, statuses(report))).isEmpty();
    assertThat(report.derivationAudited()).isTrue();
  }

  @Test
  void aRowWithOneCellHidesItsTotalAndTheComplementsMendTheMargin() {
    AggregateTable table = new CubeOfRecords(List.of("district", "year"), List.of(Measure.count()))
        .add(30, "A", 2023).add(25, "A", 2024).add(12, "B", 2023).add(40, "C", 2023).add(45, "C", 2024).add(3, "D", 2024).table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(cell(report, "D", 2024).status()).isEqualTo(CellStatus.THRESHOLD);
    assertThat(cell(report, "D", ALL).status()).as("the total equals its only cell").isEqualTo(CellStatus.THRESHOLD);
    assertThat(cell(report, "A", 2024).status()).as("the cheapest complement in 2024").isEqualTo(CellStatus.SECONDARY);
    assertThat(cell(report, "A", ALL).status()).as("mends row A and the district margin, where D's total was alone").isEqualTo(CellStatus.SECONDARY);
    assertThat(report.suppressedCells()).containsEntry(CellStatus.SECONDARY, 2);
    assertNoRelationRevealsACell(table, report);
    assertThat(DerivationAudit.determined(table, statuses(report))).isEmpty();
  }

  @Test
  void aSumDominatedByOneHugeContributorIsSuppressedAndProtected() {
    CubeOfRecords cube = new CubeOfRecords(List.of("district"), List.of(Measure.count(), Measure.sum("revenue")));
    cube.record(new Object[] {"Gangnam-gu"}, null, 9_000.0);
    for (int i = 0; i < 11; i++) {
      cube.record(new Object[] {"Gangnam-gu"}, null, 100.0);
    }
    for (int i = 0; i < 15; i++) {
      cube.record(new Object[] {"Seocho-gu"}, null, 200.0 + i);
      cube.record(new Object[] {"Songpa-gu"}, null, 300.0 + i);
    }
    for (int i = 0; i < 10; i++) {
      cube.record(new Object[] {"Gangdong-gu"}, null, i < 2 ? 5_000.0 : 100.0); // two firms hold 10,000 of 10,800
    }
    AggregateTable table = cube.table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(cell(report, "Gangnam-gu").status()).isEqualTo(CellStatus.DOMINANCE);
    assertThat(cell(report, "Gangnam-gu").values()).containsExactly(12L, 10_100.0);
    assertThat(cell(report, "Gangdong-gu").status()).as("the two largest hold 93%").isEqualTo(CellStatus.DOMINANCE);
    assertThat(cell(report, "Seocho-gu").status()).isEqualTo(CellStatus.PUBLISHED);
    assertThat(cell(report, "Songpa-gu").status()).isEqualTo(CellStatus.PUBLISHED);
    assertThat(cell(report, ALL).status()).as("dominance holds for the grand total too: 9,000 of 26,300 is 34%, two largest 53%")
        .isEqualTo(CellStatus.PUBLISHED);
    assertThat(report.findings()).extracting(Finding::rule).contains(Finding.Rule.DOMINANCE);
    assertNoRelationRevealsACell(table, report);
  }

  @Test
  void aMagnitudeTableProtectsAgainstTheOwnerOfASingleRecordCell() {
    // threshold 1 lets single records through the threshold rule; dominance (100%) still hides them
    DisclosureRules rules = new DisclosureRules(1, 0.5, 0.85, 1.0);
    CubeOfRecords cube = new CubeOfRecords(List.of("firm_size"), List.of(Measure.sum("revenue")));
    cube.record(new Object[] {"large"}, 1_000.0);
    for (int i = 0; i < 5; i++) {
      cube.record(new Object[] {"medium"}, 400.0);
      cube.record(new Object[] {"small"}, 10.0 + i);
    }
    cube.record(new Object[] {"micro"}, 1.0);
    cube.record(new Object[] {"micro"}, 1.5);
    cube.record(new Object[] {"micro"}, 2.0);
    cube.record(new Object[] {"micro"}, 2.5);
    AggregateTable table = cube.table();

    DisclosureReport report = DisclosureControl.check(table, rules, Set.of());

    assertThat(cell(report, "large").status()).isEqualTo(CellStatus.DOMINANCE);
    assertThat(cell(report, ALL).status()).as("1,000 of 3,067").isEqualTo(CellStatus.PUBLISHED);
    assertThat(cell(report, "micro").status()).as("fewest records").isEqualTo(CellStatus.SECONDARY);
    assertThat(cell(report, "small").status()).isEqualTo(CellStatus.SECONDARY);
    long hidden = report.cells().stream().filter(c -> !c.isTotal(0) && c.isSuppressed()).count();
    assertThat(hidden).as("the large firm knows its own 1,000, so a second hidden cell alone would be revealed to it").isGreaterThanOrEqualTo(3);
  }

  @Test
  void aDeclaredIdentifierColumnIsRefused() {
    AggregateTable table = new CubeOfRecords(List.of("phone"), List.of(Measure.count())).add(20, "02-120").add(30, "02-2133").table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of("PHONE", "name"));

    assertThat(report.passed()).isFalse();
    assertThat(report.findings().get(0).rule()).isEqualTo(Finding.Rule.IDENTIFIER);
    assertThat(report.findings().get(0).blocking()).isTrue();
    assertThat(report.findings().get(0).message()).contains("'phone'").contains("declared an identifier");
  }

  @Test
  void aColumnWithNearlyOneValuePerRecordIsRefusedAsAnIdentifier() {
    CubeOfRecords cube = new CubeOfRecords(List.of("district", "facility_name"), List.of(Measure.count()));
    for (int i = 0; i < 250; i++) {
      cube.add(1, "gu" + (i % 5), "facility " + Math.min(i, 239));
    }
    AggregateTable table = cube.table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.passed()).isFalse();
    assertThat(report.findings()).filteredOn(Finding::blocking).extracting(Finding::rule)
        .containsExactly(Finding.Rule.IDENTIFIER, Finding.Rule.IDENTIFYING_CELLS);
    assertThat(report.findings().get(0).message()).contains("'facility_name' has 240 distinct values in 250 records");
    assertThat(report.summary()).containsEntry("passed", false);
  }

  @Test
  void dimensionsThatTogetherSingleOutRecordsAreRefused() {
    CubeOfRecords cube = new CubeOfRecords(List.of("district", "age", "sex"), List.of(Measure.count()));
    for (int i = 0; i < 60; i++) {
      cube.add(1, "gu" + (i % 10), 20 + (i / 10) % 6, i % 2 == 0 ? "F" : "M");
    }

    DisclosureReport report = DisclosureControl.check(cube.table(), DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.passed()).isFalse();
    assertThat(report.findings()).filteredOn(Finding::blocking).extracting(Finding::rule).containsExactly(Finding.Rule.IDENTIFYING_CELLS);
    assertThat(report.findings().get(0).message()).contains("district, age, sex");
  }

  @Test
  void aTableAboveTheThresholdEverywherePassesUnchanged() {
    CubeOfRecords cube = new CubeOfRecords(List.of("district", "year"), List.of(Measure.count(), Measure.sum("visits"), Measure.mean("visits")));
    for (String gu : List.of("Mapo-gu", "Eunpyeong-gu")) {
      for (int year : List.of(2023, 2024)) {
        for (int i = 0; i < 20; i++) {
          cube.record(new Object[] {gu, year}, null, 10.0 + i, 10.0 + i);
        }
      }
    }
    cube.record(new Object[] {"Mapo-gu", 2023}, null, null, null); // a record without a value counts, but not in the mean
    AggregateTable table = cube.table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.passed()).isTrue();
    assertThat(report.findings()).isEmpty();
    assertThat(report.cells()).hasSize(9).allMatch(c -> c.status() == CellStatus.PUBLISHED);
    assertThat(report.cells()).allMatch(c -> c.publishedValues().equals(c.values()));
    assertThat(cell(report, "Mapo-gu", 2023).values()).containsExactly(21L, 390.0, 19.5);
    assertThat(cell(report, ALL, ALL).values()).containsExactly(81L, 1560.0, 19.5);
    assertThat(report.suppressedCells().values()).containsOnly(0);
  }

  @Test
  void listsInteriorCellsFirstThenMarginsThenTheGrandTotal() {
    AggregateTable table = new CubeOfRecords(List.of("district", "year"), List.of(Measure.count()))
        .add(20, "B", 2024).add(20, "A", 2024).add(20, "A", 2023).add(20, null, 2023).table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.publishableCells()).extracting(row -> row.get("key").toString() + row.get("total_over")).containsExactly(
        "{district=A, year=2023}[]", "{district=A, year=2024}[]", "{district=B, year=2024}[]", "{district=null, year=2023}[]",
        "{district=A, year=null}[year]", "{district=B, year=null}[year]", "{district=null, year=null}[year]",
        "{district=null, year=2023}[district]", "{district=null, year=2024}[district]",
        "{district=null, year=null}[district, year]");
  }

  @Test
  void thePublishableViewHidesValuesAndReasonsTheStewardsViewKeepsThem() {
    AggregateTable table = new CubeOfRecords(List.of("district"), List.of(Measure.count())).add(3, "A").add(40, "B").add(30, "C").table();

    DisclosureReport report = DisclosureControl.check(table, DisclosureRules.DEFAULTS, Set.of());

    Map<String, Object> published = report.publishableCells().get(0);
    assertThat(published).containsEntry("suppressed", true).doesNotContainKeys("status", "records");
    assertThat((Map<String, Object>) published.get("values")).containsEntry("count", null);
    Map<String, Object> steward = report.stewardCells().get(0);
    assertThat(steward).containsEntry("status", "threshold").containsEntry("records", 3L);
    assertThat((Map<String, Object>) steward.get("values")).containsEntry("count", 3L);
    assertThat(report.summary()).containsEntry("passed", true).containsEntry("records", 73L)
        .containsEntry("suppressed", Map.of("threshold", 1, "dominance", 0, "secondary", 1));
  }

  @Test
  void aTableWithoutDimensionsIsItsGrandTotal() {
    DisclosureReport small = DisclosureControl.check(new CubeOfRecords(List.of(), List.of(Measure.count())).add(4).table(), DisclosureRules.DEFAULTS, Set.of());
    assertThat(small.cells()).singleElement().extracting(CheckedCell::status).isEqualTo(CellStatus.THRESHOLD);
    DisclosureReport empty = DisclosureControl.check(new CubeOfRecords(List.of(), List.of(Measure.count())).table(), DisclosureRules.DEFAULTS, Set.of());
    assertThat(empty.cells()).singleElement().extracting(CheckedCell::status).as("nobody to protect").isEqualTo(CellStatus.PUBLISHED);
  }

  static CellStatus[] statuses(DisclosureReport report) {
    return report.cells().stream().map(CheckedCell::status).toArray(CellStatus[]::new);
  }
}
