package org.madang.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypeGuesserTest {

  private static SourceColumn guess(String... values) {
    ColumnTypeGuesser g = new ColumnTypeGuesser(1);
    for (String v : values) {
      g.accept(new String[] {v});
    }
    return g.column(0, "c", "c");
  }

  @Test
  void guessesNumbersDatesAndText() {
    assertThat(guess("1", "2", "")).isEqualTo(new SourceColumn("c", "c", ValueKind.BIGINT, false));
    assertThat(guess("1", "2.5").kind()).isEqualTo(ValueKind.DOUBLE);
    assertThat(guess("2015-10-07", "2016-01-31").kind()).isEqualTo(ValueKind.DATE);
    assertThat(guess("2015-10-07 10:00:00", "2015-10-07").kind()).isEqualTo(ValueKind.TIMESTAMP);
    assertThat(guess("종로구", "1").kind()).isEqualTo(ValueKind.VARCHAR);
  }

  @Test
  void keepsCodesWithLeadingZerosAsText() {
    assertThat(guess("01001", "12345").kind()).isEqualTo(ValueKind.VARCHAR);
    assertThat(guess("0", "0.5").kind()).isEqualTo(ValueKind.DOUBLE);
  }

  @Test
  void marksSeparatorsPaddingAndDashesForCleaning() {
    assertThat(guess("1,395", "477")).isEqualTo(new SourceColumn("c", "c", ValueKind.BIGINT, true));
    assertThat(guess("74151 ", " 161984 ").needsCleaning()).isTrue();
    assertThat(guess("-", "12")).isEqualTo(new SourceColumn("c", "c", ValueKind.BIGINT, true));
    assertThat(guess("-", "-").kind()).isEqualTo(ValueKind.VARCHAR);
  }
}
