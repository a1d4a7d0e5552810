package org.madang.engine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.Column;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;

/** What analysts may do in the sandbox: ordinary SQL over their datasets, working tables in their project, clear errors. */
class SandboxRunsAnalystsQueriesTest {

  static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(20), 10, 1_000_000);

  @TempDir static Path dir;
  static DataEngine engine;
  static SqlSandbox sandbox;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    engine.stage(IngestRequest.of("cctv", 1, SeoulFixtures.copy("seoul/cctv_by_gu_utf8bom.csv", dir)), IngestProgress.NONE).publish();
    sandbox = engine.sandbox();
    sandbox.createWorkspace("project_3");
    sandbox.createWorkspace("project_4");
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static SandboxResult run(String sql) {
    return sandbox.run(new SandboxRequest(sql, Set.of("cctv"), null, LIMITS), null);
  }

  private static SandboxResult runIn(String workspace, String sql) {
    return sandbox.run(new SandboxRequest(sql, Set.of("cctv"), workspace, LIMITS), null);
  }

  @Test
  void runsOrdinaryAnalyticalSql() {
    SandboxResult r = run("""
        WITH ranked AS (
          SELECT gigwanmyeong AS gu, sogye, row_number() OVER (ORDER BY sogye DESC) AS rank
          FROM cctv
        )
        SELECT gu, sogye, rank, round(100.0 * sogye / sum(sogye) OVER (), 1) AS share
        FROM ranked WHERE rank <= 3 ORDER BY rank;
        """);
    assertThat(r.columns()).extracting(Column::name).containsExactly("gu", "sogye", "rank", "share");
    assertThat(r.rows()).hasSize(3);
    assertThat(r.rows().get(0).get("gu")).isEqualTo("강남구");
    assertThat(r.datasetsRead()).containsExactly("cctv");
    assertThat(r.truncated()).isFalse();
  }

  @Test
  void cutsLongResultsAtTheRowCapAndSaysSo() {
    SandboxResult r = run("SELECT * FROM range(1000000) ORDER BY range DESC");
    assertThat(r.rows()).hasSize(10);
    assertThat(r.rows().get(0).get("range")).isEqualTo(999_999L);
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void aCteMayShadowADatasetTheCallerReads() {
    assertThat(run("WITH cctv AS (SELECT 7 AS n) SELECT n FROM cctv").rows().get(0).get("n")).isEqualTo(7);
  }

  @Test
  void errorsNameTheLineAndColumnOfTheTextAsWritten() {
    MadangException syntax = catchThrowableOfType(MadangException.class, () -> run("SELECT gu,\n  count(*\nFROM cctv"));
    assertThat(syntax.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(syntax.details()).containsEntry("line", 3).containsKey("column");

    MadangException binder = catchThrowableOfType(MadangException.class, () -> run("SELECT sogye,\n       nope\nFROM cctv"));
    assertThat(binder.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(binder.details()).containsEntry("line", 2).containsEntry("column", 8);

    MadangException refused = catchThrowableOfType(MadangException.class, () -> run("SELECT *\nFROM cctv, read_csv('/etc/passwd')"));
    assertThat(refused.details()).containsEntry("refusal", "table_function").containsEntry("line", 2).containsEntry("column", 12);

    MadangException inTable = catchThrowableOfType(MadangException.class, () -> runIn("project_3", "CREATE TABLE t AS\nSELECT nope FROM cctv"));
    assertThat(inTable.details()).containsEntry("line", 2).containsEntry("column", 8);
  }

  @Test
  void errorsDoNotSuggestNamesTheCallerMayNotSee() {
    MadangException e = catchThrowableOfType(MadangException.class, () -> run("SELECT * FROM (WITH cctx AS (SELECT 1) SELECT 1), cctx"));
    assertThat(e.getMessage()).doesNotContain("Did you mean");
  }

  @Test
  void workingTablesLiveInTheProjectsOwnSchemaOnly() {
    SandboxResult created = runIn("project_3", "CREATE TABLE big_gu AS SELECT gigwanmyeong AS gu, sogye FROM cctv WHERE sogye > 2000");
    assertThat(created.createdTable().name()).isEqualTo("big_gu");
    assertThat(created.createdTable().rowCount()).isPositive();
    assertThat(runIn("project_3", "SELECT count(*) AS n FROM big_gu").rows().get(0).get("n")).isEqualTo(created.createdTable().rowCount());
    assertThat(runIn("project_3", "SELECT count(*) AS n FROM project_3.big_gu").rows()).hasSize(1);
    assertThat(sandbox.listTables("project_3")).extracting(WorkingTable::name).contains("big_gu");
    assertThat(sandbox.listTableColumns("project_3").get("big_gu")).extracting(Column::name).containsExactly("gu", "sogye");
    assertThat(sandbox.listTableColumns("project_3").get("big_gu").get(0).type()).isEqualTo("VARCHAR");
    assertThat(sandbox.listTableColumns("project_4")).doesNotContainKey("big_gu");

    MadangException other = catchThrowableOfType(MadangException.class, () -> runIn("project_4", "SELECT * FROM project_3.big_gu"));
    assertThat(other.details()).containsEntry("refusal", "relation");
    MadangException unqualified = catchThrowableOfType(MadangException.class, () -> runIn("project_4", "SELECT * FROM big_gu"));
    assertThat(unqualified.details()).containsEntry("refusal", "relation");
    MadangException outside = catchThrowableOfType(MadangException.class, () -> run("CREATE TABLE t AS SELECT 1"));
    assertThat(outside.details()).containsEntry("refusal", "statement");

    assertThat(runIn("project_3", "CREATE OR REPLACE TABLE big_gu AS SELECT 1 AS x").createdTable().rowCount()).isEqualTo(1);
    assertThat(sandbox.dropTable("project_3", "big_gu")).isTrue();
    assertThat(sandbox.listTables("project_3")).extracting(WorkingTable::name).doesNotContain("big_gu");
  }

  @Test
  void droppingAWorkspaceRemovesItsTables() {
    sandbox.createWorkspace("project_9");
    runIn("project_9", "CREATE TABLE a AS SELECT 1 AS x");
    runIn("project_9", "CREATE TABLE b AS SELECT 2 AS x");
    assertThat(sandbox.dropWorkspace("project_9")).extracting(WorkingTable::name).containsExactly("a", "b");
    MadangException gone = catchThrowableOfType(MadangException.class, () -> run("SELECT * FROM project_9.a"));
    assertThat(gone.details()).containsEntry("refusal", "relation");
  }

  @Test
  void stopsARunawayQueryAtItsTimeLimit() {
    SandboxLimits short_ = new SandboxLimits(Duration.ofMillis(300), 10, 1000);
    MadangException e = catchThrowableOfType(MadangException.class,
        () -> sandbox.run(new SandboxRequest("SELECT count(*) FROM range(100000000000)", Set.of(), null, short_), null));
    assertThat(e.code()).isEqualTo(ErrorCode.EXCEEDED_TIME_LIMIT);
    assertThat(e.getMessage()).contains("longer than 300 ms");
  }

  @Test
  void aQueryCancelledFromOutsideSaysWhy() throws Exception {
    QueryCancellation cancellation = new QueryCancellation();
    CompletableFuture<MadangException> running = CompletableFuture.supplyAsync(() -> catchThrowableOfType(MadangException.class,
        () -> sandbox.run(new SandboxRequest("SELECT count(*) FROM range(100000000000)", Set.of(), null, LIMITS), cancellation)));
    Thread.sleep(200);
    cancellation.cancel("you were removed from the project.");
    MadangException e = running.get(15, TimeUnit.SECONDS);
    assertThat(e.details()).containsEntry("refusal", "cancelled");
    assertThat(e.getMessage()).endsWith("you were removed from the project.");
  }
}
