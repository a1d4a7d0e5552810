package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Admins' SQL reads datasets and nothing else: no writes, no files, one statement. */
class QueriesAreReadOnlyTest {

  @TempDir static Path dir;
  static DataEngine engine;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    engine.stage(IngestRequest.of("cctv", 1, SeoulFixtures.copy("seoul/cctv_by_gu_utf8bom.csv", dir)), IngestProgress.NONE).publish();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static MadangException refused(String sql) {
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.query(sql, 10));
    assertThat(e).as(sql).isNotNull();
    assertThat(engine.query("SELECT count(*) AS n FROM cctv", 1).rows().get(0).get("n")).isEqualTo(25L);
    return e;
  }

  @Test
  void runsASelectOverADatasetView() {
    TablePage page = engine.query("SELECT gigwanmyeong, sogye FROM cctv WHERE district_code = '11680';", 10);
    assertThat(page.columns()).extracting(Column::name).containsExactly("gigwanmyeong", "sogye");
    assertThat(page.rows()).containsExactly(java.util.Map.of("gigwanmyeong", "강남구", "sogye", 2780L));
    assertThat(page.total()).isEqualTo(1);
  }

  @Test
  void returnsAtMostMaxRowsButCountsThemAll() {
    TablePage page = engine.query("SELECT * FROM range(100)", 7);
    assertThat(page.rows()).hasSize(7);
    assertThat(page.total()).isEqualTo(100);
  }

  @Test
  void refusesWrites() {
    for (String sql :
        List.of(
            "DROP TABLE versions.cctv__v1",
            "DROP VIEW cctv",
            "DELETE FROM versions.cctv__v1",
            "INSERT INTO versions.cctv__v1 SELECT * FROM versions.cctv__v1",
            "CREATE TABLE x AS SELECT 1",
            "UPDATE versions.cctv__v1 SET sogye = 0",
            "ATTACH '/tmp/x.duckdb' AS x",
            "SET enable_external_access = true",
            "PRAGMA database_list",
            "SELECT 1; DROP TABLE versions.cctv__v1")) {
      assertThat(refused(sql).code()).as(sql).isEqualTo(ErrorCode.ACCESS_DENIED);
    }
  }

  @Test
  void refusesCopyToAFile() {
    MadangException e = refused("COPY (SELECT * FROM cctv) TO '" + dir.resolve("leak.csv") + "'");
    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(Files.exists(dir.resolve("leak.csv"))).isFalse();
  }

  @Test
  void refusesReadingFiles() {
    for (String sql :
        List.of(
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM '/etc/passwd'",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM glob('/etc/*')",
            "SELECT * FROM cctv WHERE sogye IN (SELECT 1 FROM read_csv_auto('/etc/passwd'))",
            "SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')",
            "WITH x AS (SELECT * FROM read_parquet('" + dir.resolve("data/work/x.parquet") + "')) SELECT * FROM x")) {
      MadangException e = refused(sql);
      assertThat(e.code()).as(sql).isIn(ErrorCode.ACCESS_DENIED, ErrorCode.SQL_ERROR);
      assertThat(e.getMessage()).doesNotContain("root:");
    }
  }

  @Test
  void reportsSyntaxErrorsWithLineAndColumn() {
    MadangException e = refused("SELECT gigwanmyeong,\n       sogye\n  FROM cctv\n WHERE WHERE sogye > 1");
    assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(e.details()).containsEntry("line", 4).containsEntry("column", 8);
  }

  @Test
  void reportsUnknownColumnsWithLineAndColumn() {
    MadangException e = refused("SELECT gigwanmyeong,\n       nosuch\nFROM cctv");
    assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(e.details()).containsEntry("line", 2).containsEntry("column", 8);
    assertThat(e.getMessage()).contains("nosuch").doesNotContain("\n");
  }

  @Test
  void reportsUnknownTables() {
    MadangException e = refused("SELECT * FROM nosuch");
    assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
    assertThat(e.details()).containsEntry("line", 1).containsEntry("column", 15);
  }
}
