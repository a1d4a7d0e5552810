package org.madang.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The night-bus scenario the demo ships is what {@link SeoulNightBusScenario} makes of the real tables next to it:
 * the same seed gives the same trips, and the trips add up to what the inputs say.
 */
class SeoulNightBusScenarioTest {

  private static final Path DEMO = Path.of("src/main/resources/demo/seoul");
  private static SeoulNightBusScenario.Scenario scenario;

  @BeforeAll
  static void build() throws IOException {
    scenario = SeoulNightBusScenario.build(DEMO, SeoulNightBusScenario.SEED);
    if (Boolean.getBoolean("madang.write-night-bus")) {
      SeoulNightBusScenario.write(scenario, DEMO);
    }
  }

  @Test
  void theShippedFilesAreTheGeneratorsOutput() throws IOException {
    assertThat(Files.readString(DEMO.resolve(SeoulNightBusScenario.CELLS), StandardCharsets.UTF_8)).isEqualTo(SeoulNightBusScenario.cellsCsv(scenario));
    assertThat(Files.readString(DEMO.resolve(SeoulNightBusScenario.LINKS), StandardCharsets.UTF_8)).isEqualTo(SeoulNightBusScenario.linksCsv(scenario));
    assertThat(Files.readString(DEMO.resolve(SeoulNightBusScenario.DEMAND), StandardCharsets.UTF_8)).isEqualTo(SeoulNightBusScenario.demandCsv(scenario));
  }

  @Test
  void theSameSeedGivesTheSameTripsAndAnotherSeedOnlyRoundsDifferently() {
    SeoulNightBusScenario.Scenario again = SeoulNightBusScenario.build(DEMO, SeoulNightBusScenario.SEED);
    assertThat(again.demand()).isEqualTo(scenario.demand());
    assertThat(again.links()).isEqualTo(scenario.links());
    SeoulNightBusScenario.Scenario other = SeoulNightBusScenario.build(DEMO, SeoulNightBusScenario.SEED + 1);
    assertThat(other.demand()).isNotEqualTo(scenario.demand());
    assertThat(other.demand().total()).isEqualTo(scenario.demand().total());
  }

  @Test
  void cellsHoldEveryPlacedDongAndItsResidents() {
    assertThat(scenario.cells().stream().mapToInt(SeoulNightBusScenario.Cell::dongs).sum()).isEqualTo(424);
    // 9,795,426 registered residents in 2021 Q2, less 항동 (16,461), which has no representative point
    assertThat(scenario.leftOut()).containsExactly(SeoulNightBusScenario.key("구로구", "항동"));
    assertThat(scenario.cells().stream().mapToLong(SeoulNightBusScenario.Cell::residents).sum()).isEqualTo(9_795_426L - 16_461L);
    assertThat(scenario.cells()).allSatisfy(c -> assertThat(c.residents()).isPositive());
  }

  @Test
  void theNightsTripsAreRoute100sNightBoardingsPerStopTimesSeoulsStops() {
    // route 100, January 2021: 6,331 boardings in hours 00-04 at its 110 stops over 31 days
    assertThat(scenario.boardingsPerStopNight()).isCloseTo(6_331.0 / 110 / 31, within(1e-12));
    int stops = scenario.cells().stream().mapToInt(SeoulNightBusScenario.Cell::busStops).sum();
    assertThat(scenario.totalTrips()).isCloseTo(scenario.boardingsPerStopNight() * stops, within(1e-6));
    assertThat(scenario.demand().total()).isEqualTo(Math.round(scenario.totalTrips()));
  }

  @Test
  void eachCellSendsItsOriginsAndReceivesItsDestinations() {
    int n = scenario.cells().size();
    double originTotal = 0;
    for (int i = 0; i < n; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < n; j++) {
        row += scenario.demand().trips(i, j);
        column += scenario.demand().trips(j, i);
      }
      originTotal += scenario.origins()[i];
      assertThat(row).isCloseTo(scenario.origins()[i], within(1.0));
      // whole trips move a column by less than one trip per row, in practice by the spread of ~120 roundings
      assertThat(column).isCloseTo(scenario.destinations()[i], within(Math.max(20, 0.05 * scenario.destinations()[i])));
    }
    assertThat(originTotal).isCloseTo(scenario.totalTrips(), within(1e-6));
  }

  @Test
  void theLinksConnectEveryCellAtTheNightBusSpeed() {
    assertThat(scenario.links()).allSatisfy(l -> {
      assertThat(l.minutes()).isCloseTo(l.km() / SeoulNightBusScenario.NIGHT_BUS_KMH * 60, within(0.051));
      assertThat(l.from()).isLessThan(l.to());
    });
    // TransitNetwork refuses a disconnected network; the scenario built one
    int[] degree = new int[scenario.cells().size()];
    scenario.links().forEach(l -> {
      degree[l.from() - 1]++;
      degree[l.to() - 1]++;
    });
    assertThat(java.util.Arrays.stream(degree).min().orElse(0)).isPositive();
  }
}
