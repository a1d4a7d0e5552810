package org.madang.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.disclosure.CellStatus;
import org.madang.analytics.disclosure.DisclosureControl;
import org.madang.analytics.disclosure.DisclosureReport;
import org.madang.analytics.disclosure.DisclosureRules;
import org.madang.analytics.disclosure.Finding;
import org.madang.analytics.disclosure.Magnitude;
import org.madang.analytics.disclosure.Measure;
import org.madang.analytics.disclosure.TableCell;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;

/** Output requests tabulate an analyst's row-level SELECT inside the sandbox, under the same checks as any query. */
class SandboxTabulatesOutputsTest {

  static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(20), 10, 1_000_000);
  static final Object ALL = new Object();

  @TempDir static Path dir;
  static DataEngine engine;
  static SqlSandbox sandbox;

  /** One row per facility: district, year, kind, staff, revenue (every fifth in Jung-gu missing), a unique name. */
  record Facility(String district, int year, String kind, int staff, Double revenue, String name) {}

  static final List<Facility> FACILITIES = new ArrayList<>();

  @BeforeAll
  static void open() throws IOException {
    int n = 0;
    for (int i = 0; i < 3; i++) {
      FACILITIES.add(new Facility("종로구", 2023, "clinic", 1 + i, 100.0 * (i + 1), "facility " + n++));
    }
    for (int i = 0; i < 40; i++) {
      FACILITIES.add(new Facility("중구", i < 20 ? 2023 : 2024, i % 2 == 0 ? "clinic" : "pharmacy", 2 + i % 4, i % 5 == 0 ? null : 10.0 * i, "facility " + n++));
    }
    for (int i = 0; i < 25; i++) {
      FACILITIES.add(new Facility("용산구", i < 12 ? 2023 : 2024, "clinic", 3, 50.0 + i, "facility " + n++));
    }
    StringBuilder csv = new StringBuilder("district,year,kind,staff,revenue,name\n");
    for (Facility f : FACILITIES) {
      csv.append(f.district()).append(',').append(f.year()).append(',').append(f.kind()).append(',').append(f.staff()).append(',')
          .append(f.revenue() == null ? "" : f.revenue()).append(',').append(f.name()).append('\n');
    }
    Path file = dir.resolve("facilities.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    engine = SeoulFixtures.open(dir.resolve("data"));
    engine.stage(IngestRequest.of("facilities", 1, file), IngestProgress.NONE).publish();
    engine.stage(IngestRequest.of("secret", 1, SeoulFixtures.copy("seoul/cctv_by_gu_utf8bom.csv", dir)), IngestProgress.NONE).publish();
    sandbox = engine.sandbox();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static Tabulation tabulate(String sql, TabulationSpec spec) {
    return sandbox.tabulate(new SandboxRequest(sql, Set.of("facilities"), null, LIMITS), spec, null);
  }

  private static TableCell cell(Tabulation t, Object... key) {
    return t.table().cells().stream().filter(c -> {
      for (int d = 0; d < key.length; d++) {
        if (key[d] == ALL ? !c.isTotal(d) : c.isTotal(d) || !Objects.equals(c.key().get(d), key[d])) {
          return false;
        }
      }
      return true;
    }).findFirst().orElseThrow(() -> new AssertionError("no cell " + List.of(key)));
  }

  /** What the cell of these facilities must hold for a SUM of revenue, computed here in Java. */
  private static Magnitude expected(java.util.function.Predicate<Facility> in) {
    List<Double> values = FACILITIES.stream().filter(in).map(Facility::revenue).filter(Objects::nonNull).sorted((a, b) -> Double.compare(b, a)).toList();
    double sum = values.stream().mapToDouble(Double::doubleValue).sum();
    return new Magnitude(values.size(), sum, sum, values.isEmpty() ? 0 : values.get(0), values.size() < 2 ? 0 : values.get(1));
  }

  @Test
  void tabulatesCountsSumsAndAllMarginsInsideDuckDb() {
    Tabulation t = tabulate("SELECT district, year, revenue FROM facilities",
        TabulationSpec.of(List.of("district", "year"), Measure.count(), Measure.sum("revenue"), Measure.mean("REVENUE")));

    assertThat(t.table().dimensions()).containsExactly("district", "year");
    assertThat(t.table().measures()).extracting(Measure::label).containsExactly("count", "sum(revenue)", "mean(revenue)");
    assertThat(t.table().cells()).as("5 combinations, 3 + 2 margins, the grand total").hasSize(11);
    assertThat(t.datasetsRead()).containsExactly("facilities");
    assertThat(cell(t, "중구", 2024L).records()).isEqualTo(20);
    assertThat(cell(t, "중구", 2024L).magnitudes().get(1)).isEqualTo(expected(f -> f.district().equals("중구") && f.year() == 2024));
    assertThat(cell(t, "중구", ALL).magnitudes().get(1)).isEqualTo(expected(f -> f.district().equals("중구")));
    assertThat(cell(t, ALL, 2023L).records()).isEqualTo(3 + 20 + 12);
    assertThat(cell(t, ALL, 2023L).magnitudes().get(1)).isEqualTo(expected(f -> f.year() == 2023));
    assertThat(cell(t, ALL, ALL).records()).isEqualTo(68);
    assertThat(cell(t, ALL, ALL).magnitudes().get(0)).isEqualTo(Magnitude.ofCount(68));

    DisclosureReport report = DisclosureControl.check(t.table(), DisclosureRules.DEFAULTS, Set.of());
    assertThat(report.passed()).isTrue();
    assertThat(report.cells().stream().filter(c -> "종로구".equals(c.key().get(0)) && !c.isTotal(1)).findFirst().orElseThrow().status())
        .isEqualTo(CellStatus.THRESHOLD);
    assertThat(report.suppressedCells().get(CellStatus.SECONDARY)).isPositive();
  }

  @Test
  void aNullInTheDataIsAGroupOfItsOwnNotATotal() {
    Tabulation t = tabulate("SELECT nullif(district, '종로구') AS district FROM facilities", TabulationSpec.of(List.of("district"), Measure.count()));

    TableCell nulls = t.table().cells().stream().filter(c -> !c.isTotal(0) && c.key().get(0) == null).findFirst().orElseThrow();
    assertThat(nulls.records()).isEqualTo(3);
    assertThat(cell(t, ALL).records()).isEqualTo(68);
    assertThat(t.table().cells()).hasSize(4);
  }

  @Test
  void aTableWithoutDimensionsIsTheGrandTotal() {
    Tabulation t = tabulate("SELECT revenue FROM facilities WHERE year = 2024", TabulationSpec.of(List.of(), Measure.count(), Measure.mean("revenue")));

    assertThat(t.table().cells()).singleElement().satisfies(c -> {
      assertThat(c.records()).isEqualTo(33);
      assertThat(c.magnitudes().get(1)).isEqualTo(expected(f -> f.year() == 2024));
    });
  }

  @Test
  void namesTheFieldOfTheSpecThatDoesNotFitTheQuery() {
    String sql = "SELECT district, year, kind, revenue FROM facilities";
    MadangException dimension = catchThrowableOfType(MadangException.class,
        () -> tabulate(sql, TabulationSpec.of(List.of("district", "staff"), Measure.count())));
    assertThat(dimension.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(dimension.details()).containsEntry("field", "dimensions[1]");
    assertThat(dimension.getMessage()).isEqualTo("The query returns no column 'staff'; it returns district, year, kind, revenue.");

    MadangException column = catchThrowableOfType(MadangException.class,
        () -> tabulate(sql, TabulationSpec.of(List.of("district"), Measure.count(), Measure.sum("income"))));
    assertThat(column.details()).containsEntry("field", "measures[1].column");

    MadangException text = catchThrowableOfType(MadangException.class,
        () -> tabulate(sql, TabulationSpec.of(List.of("district"), Measure.mean("kind"))));
    assertThat(text.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(text.details()).containsEntry("field", "measures[0].column");
    assertThat(text.getMessage()).contains("'kind' is VARCHAR, not a number");

    MadangException nested = catchThrowableOfType(MadangException.class,
        () -> tabulate("SELECT [year] AS years FROM facilities", TabulationSpec.of(List.of("years"), Measure.count())));
    assertThat(nested.details()).containsEntry("field", "dimensions[0]");
  }

  @Test
  void checksTheSpecsShapeBeforeRunningAnything() {
    assertThat(catchThrowableOfType(MadangException.class, () -> TabulationSpec.of(List.of("a", "b", "c", "d", "e"), Measure.count())).details())
        .containsEntry("field", "dimensions");
    assertThat(catchThrowableOfType(MadangException.class, () -> TabulationSpec.of(List.of("a", "A"), Measure.count())).details())
        .containsEntry("field", "dimensions[1]");
    assertThat(catchThrowableOfType(MadangException.class, () -> TabulationSpec.of(List.of("a"))).details()).containsEntry("field", "measures");
    assertThat(catchThrowableOfType(MadangException.class, () -> TabulationSpec.measure(2, "median", "x")).details())
        .containsEntry("field", "measures[2].statistic");
    assertThat(catchThrowableOfType(MadangException.class, () -> TabulationSpec.measure(0, "sum", " ")).details())
        .containsEntry("field", "measures[0].column");
    assertThat(TabulationSpec.measure(1, "Mean", "revenue")).isEqualTo(Measure.mean("revenue"));
  }

  @Test
  void refusesRelationsTheCallerMayNotReadExactlyAsRunDoes() {
    for (String sql : List.of("SELECT gigwanmyeong FROM secret", "SELECT * FROM facilities, read_csv('/etc/passwd')",
        "SELECT current_setting('memory_limit') AS m FROM facilities", "SELECT 1; SELECT 2", "CREATE TABLE t AS SELECT * FROM secret")) {
      SandboxRequest request = new SandboxRequest(sql, Set.of("facilities"), null, LIMITS);
      MadangException byRun = catchThrowableOfType(MadangException.class, () -> sandbox.run(request, null));
      MadangException byTabulate = catchThrowableOfType(MadangException.class,
          () -> sandbox.tabulate(request, TabulationSpec.of(List.of(), Measure.count()), null));
      assertThat(byTabulate).as(sql).isNotNull();
      assertThat(byTabulate.code()).as(sql).isEqualTo(ErrorCode.ACCESS_DENIED).isEqualTo(byRun.code());
      assertThat(byTabulate.details().get("refusal")).as(sql).isEqualTo(byRun.details().get("refusal"));
      if (!sql.startsWith("CREATE")) {
        assertThat(byTabulate.getMessage()).as(sql).isEqualTo(byRun.getMessage());
        assertThat(byTabulate.details()).as(sql).isEqualTo(byRun.details());
      }
    }
  }

  @Test
  void errorsInTheQueryNameTheLineAndColumnAsWritten() {
    MadangException e = catchThrowableOfType(MadangException.class,
        () -> tabulate("SELECT district,\n  nope\nFROM facilities", TabulationSpec.of(List.of("district"), Measure.count())));
    assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(e.details()).containsEntry("line", 2).containsEntry("column", 3);
  }

  @Test
  void refusesATableWithMoreCellsThanAnOutputMayHave() {
    MadangException e = catchThrowableOfType(MadangException.class, () -> sandbox.tabulate(
        new SandboxRequest("SELECT range AS id, range % 3 AS k FROM range(20000)", Set.of(), null, LIMITS),
        TabulationSpec.of(List.of("k", "id"), Measure.count()), null));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("field", "dimensions[1]").containsEntry("distinct_values", 20000L);
    assertThat(e.getMessage()).contains("'id' alone has 20000 distinct values in 20000 records");
  }

  @Test
  void aRowLevelIdentifierAsDimensionFailsTheChecks() {
    Tabulation t = tabulate("SELECT name, district FROM facilities", TabulationSpec.of(List.of("name"), Measure.count()));

    DisclosureReport report = DisclosureControl.check(t.table(), DisclosureRules.DEFAULTS, Set.of());

    assertThat(report.passed()).isFalse();
    assertThat(report.findings().get(0).rule()).isEqualTo(Finding.Rule.IDENTIFIER);
    assertThat(report.findings().get(0).message()).contains("'name' has 68 distinct values in 68 records");
  }

  @Test
  void stopsARunawayQueryAtItsTimeLimit() {
    SandboxLimits short_ = new SandboxLimits(Duration.ofMillis(300), 10, 1000);
    MadangException e = catchThrowableOfType(MadangException.class, () -> sandbox.tabulate(
        new SandboxRequest("SELECT range % 7 AS k FROM range(100000000000)", Set.of(), null, short_), TabulationSpec.of(List.of("k"), Measure.count()),
        null));
    assertThat(e.code()).isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT);
  }
}
