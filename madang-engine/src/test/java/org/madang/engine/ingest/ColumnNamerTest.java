package org.madang.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnNamerTest {

  @Test
  void romanizesHangulLetterByLetter() {
    assertThat(ColumnNamer.toSnakeCase("위도")).isEqualTo("wido");
    assertThat(ColumnNamer.toSnakeCase("경도")).isEqualTo("gyeongdo");
    assertThat(ColumnNamer.toSnakeCase("측정소명")).isEqualTo("cheugjeongsomyeong");
    assertThat(ColumnNamer.toSnakeCase("자치구")).isEqualTo("jachigu");
    assertThat(ColumnNamer.toSnakeCase("값")).isEqualTo("gabs");
  }

  @Test
  void makesSafeSnakeCaseNames() {
    assertThat(ColumnNamer.toSnakeCase("보관소(대여소)명")).isEqualTo("bogwanso_daeyeoso_myeong");
    assertThat(ColumnNamer.toSnakeCase("LCD 거치대수")).isEqualTo("lcd_geochidaesu");
    assertThat(ColumnNamer.toSnakeCase("미세먼지(㎍/㎥)")).isEqualTo("misemeonji_g_m3");
    assertThat(ColumnNamer.toSnakeCase("2013년도 이전")).isEqualTo("col_2013nyeondo_ijeon");
    assertThat(ColumnNamer.toSnakeCase("statnLat")).isEqualTo("statn_lat");
    assertThat(ColumnNamer.toSnakeCase("FCLTY_LA")).isEqualTo("fclty_la");
    assertThat(ColumnNamer.toSnakeCase("Temperature(°C)")).isEqualTo("temperature_c");
    assertThat(ColumnNamer.toSnakeCase("\"; DROP TABLE x; --")).isEqualTo("drop_table_x");
    assertThat(ColumnNamer.toSnakeCase("가".repeat(40))).hasSize(63);
  }

  @Test
  void numbersEmptyHeadersAndDeduplicates() {
    assertThat(ColumnNamer.namesFor(Arrays.asList("구", "", "구", "구", null, "_id", "district_code", "★")))
        .containsExactly("gu", "column_2", "gu_2", "gu_3", "column_5", "id", "district_code_2", "column_8");
  }

  @Test
  void keepsNamesUniqueWhenTruncated() {
    String long1 = "a".repeat(70);
    List<String> names = ColumnNamer.namesFor(List.of(long1, long1));
    assertThat(names.get(0)).hasSize(63);
    assertThat(names.get(1)).hasSize(63).endsWith("_2");
  }
}
