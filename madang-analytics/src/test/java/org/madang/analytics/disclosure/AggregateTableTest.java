package org.madang.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateTableTest {

  private static TableCell count(long records, int totalMask, Object... key) {
    return new TableCell(Arrays.asList(key), totalMask, records, List.of(Magnitude.ofCount(records)));
  }

  @Test
  void refusesATableWithoutItsMargins() {
    assertThatThrownBy(() -> new AggregateTable(List.of("district"), List.of(Measure.count()), List.of(count(3, 0, "A"), count(5, 0, "B"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no grand total");
    assertThatThrownBy(() -> new AggregateTable(List.of("district", "year"), List.of(Measure.count()),
        List.of(count(3, 0, "A", 2024), count(3, 0b10, "A", null), count(3, 0b11, null, null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("margins must be complete");
  }

  @Test
  void refusesTotalsThatDoNotAddUp() {
    assertThatThrownBy(() -> new AggregateTable(List.of("district"), List.of(Measure.count()), List.of(count(3, 0, "A"), count(5, 0b1, (Object) null))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells below it have 3");
  }

  @Test
  void tellsADataNullFromATotal() {
    AggregateTable table = new AggregateTable(List.of("district"), List.of(Measure.count()),
        List.of(count(30, 0, "A"), count(12, 0, (Object) null), count(42, 0b1, (Object) null)));

    assertThat(table.cells()).extracting(TableCell::totalMask).containsExactly(0, 0, 1);
    assertThat(table.distinctValues(0)).isEqualTo(2);
    assertThat(table.records()).isEqualTo(42);
    assertThat(table.relations()).singleElement().satisfies(r -> assertThat(r.children()).hasSize(2));
  }

  @Test
  void refusesMoreThanFourDimensions() {
    assertThatThrownBy(() -> new AggregateTable(List.of("a", "b", "c", "d", "e"), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4");
  }
}
