package org.madang.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.madang.analytics.disclosure.Measure;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;

/**
 * Every query of {@code sandbox/attacks.txt} is refused or stopped with the refusal it expects and a sentence, and the
 * engine answers a normal query afterwards.
 */
class SandboxRefusesTheAttackCorpusTest {

  static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(2), 100, 1_000_000);

  @TempDir static Path dir;
  static DataEngine engine;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    engine.stage(IngestRequest.of("cctv", 1, SeoulFixtures.copy("seoul/cctv_by_gu_utf8bom.csv", dir)), IngestProgress.NONE).publish();
    engine.stage(IngestRequest.of("secret", 1, SeoulFixtures.copy("seoul/cctv_by_gu_utf8bom.csv", dir)), IngestProgress.NONE).publish();
    SqlSandbox sandbox = engine.sandbox();
    sandbox.createWorkspace("project_1");
    sandbox.createWorkspace("project_2");
    sandbox.run(new SandboxRequest("CREATE TABLE mine AS SELECT 1 AS x", Set.of("cctv"), "project_1", LIMITS), null);
    sandbox.run(new SandboxRequest("CREATE TABLE theirs AS SELECT 2 AS x", Set.of("cctv"), "project_2", LIMITS), null);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  static Stream<Arguments> attacks() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = SandboxRefusesTheAttackCorpusTest.class.getResourceAsStream("/sandbox/attacks.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n")));
      }
    }
    return out.stream();
  }

  @Test
  void theCorpusHasAtLeastSixtyAttacks() throws IOException {
    assertThat(attacks().count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("attacks")
  void refusesOrStops(String expected, String sql) {
    MadangException e = catchThrowableOfType(
        MadangException.class, () -> engine.sandbox().run(new SandboxRequest(sql, Set.of("cctv"), "project_1", LIMITS), null));
    assertRefusedAsExpected(expected, sql, e);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("attacks")
  void refusesOrStopsWhenTabulatingForAnOutputRequestToo(String expected, String sql) {
    SandboxRequest request = new SandboxRequest(sql, Set.of("cctv"), "project_1", LIMITS);
    Tabulation[] counted = new Tabulation[1];
    MadangException e = catchThrowableOfType(MadangException.class,
        () -> counted[0] = engine.sandbox().tabulate(request, TabulationSpec.of(List.of(), Measure.count()), null));
    if (e == null && (expected.equals("limit") || expected.equals("sql_error"))) {
      // counting rows needs none of a huge column's values, so DuckDB never builds them: only the count comes back
      assertThat(counted[0].table().cells()).as(sql).singleElement().extracting(c -> c.records()).isEqualTo(1L);
      return;
    }
    assertRefusedAsExpected(expected, sql, e);
  }

  private static void assertRefusedAsExpected(String expected, String sql, MadangException e) {
    assertThat(e).as("%s was not refused", sql).isNotNull();
    assertThat(e.getMessage()).as(sql).isNotBlank().endsWith(".");
    switch (expected) {
      case "sql_error" -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.SQL_ERROR);
      case "limit" -> assertThat(e.code()).as(e.getMessage()).isIn(ErrorCode.EXCEEDED_TIME_LIMIT, ErrorCode.EXCEEDED_MEMORY_LIMIT);
      default -> {
        assertThat(e.code()).as(e.getMessage()).isIn(ErrorCode.ACCESS_DENIED, ErrorCode.INVALID_ARGUMENT);
        assertThat(e.details().get("refusal")).as(e.getMessage()).isEqualTo(expected);
      }
    }
    SandboxResult normal = engine.sandbox().run(new SandboxRequest("SELECT count(*) AS n FROM cctv", Set.of("cctv"), "project_1", LIMITS), null);
    assertThat(normal.rows().get(0).get("n")).isEqualTo(25L);
  }

  @Test
  void refusesExpressionsNestedDeeperThanDuckDbFollows() {
    String sql = "SELECT 1" + "+1".repeat(5000);
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.sandbox().run(new SandboxRequest(sql, Set.of(), null, LIMITS), null));
    assertThat(e.code()).isIn(ErrorCode.SQL_ERROR, ErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).containsAnyOf("depth", "nests");
  }

  @Test
  void refusesSqlLongerThanTheLimitBeforeParsingIt() {
    String sql = "SELECT 1 " + " ".repeat(1_000_001);
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.sandbox().run(new SandboxRequest(sql, Set.of(), null, LIMITS), null));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("refusal", "too_large");
  }
}
