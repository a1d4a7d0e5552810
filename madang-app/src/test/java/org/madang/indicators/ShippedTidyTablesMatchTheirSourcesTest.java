package org.madang.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The long tables the demo ships for its indicators are exactly what {@link SeoulStatisticsTidier} makes of the wide
 * originals, where the originals are at hand (the project's shared data folder next to the repository).
 */
class ShippedTidyTablesMatchTheirSourcesTest {

  private static final Path SOURCES = Path.of("../../shared/data/seoul_open_data");

  @Test
  void eachShippedLongTableIsTheConversionOfItsSource() throws IOException {
    assumeTrue(Files.isDirectory(SOURCES), "the original wide tables are not next to the repository");
    for (Map.Entry<String, String> e : SeoulStatisticsTidier.OUTPUTS.entrySet()) {
      String shipped;
      try (InputStream in = new ClassPathResource("demo/seoul/" + e.getValue()).getInputStream()) {
        shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(SeoulStatisticsTidier.convert(e.getKey(), SOURCES.resolve(e.getKey()))).as(e.getValue()).isEqualTo(shipped);
    }
  }

  @Test
  void yearlyAccidentsAreTheSumOfTheMonthsAndMatchThePublishedYearTotal() {
    assumeTrue(Files.isDirectory(SOURCES), "the original wide tables are not next to the repository");
    String yearly = SeoulStatisticsTidier.convert(SeoulStatisticsTidier.MONTHLY_ACCIDENTS, SOURCES.resolve(SeoulStatisticsTidier.MONTHLY_ACCIDENTS));
    // the original also publishes 2024's total (33,465 accidents, 212 deaths, 44,327 injuries for 소계): the months add up to it
    assertThat(yearly).contains("\n2024,소계,33465,212,44327\n");
  }
}
