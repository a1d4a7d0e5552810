package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.madang.FreshDataDir;

/** {@code madang ingest} and {@code madang query} on a local data dir: results on stdout, failures as one sentence. */
class CommandLineTest {

  private static final Path DATA = Path.of("target/test-data/cli");

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = MadangCommandLine.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  @BeforeAll
  static void freshDataDir() {
    FreshDataDir.delete(DATA);
  }

  @Test
  void ingestsACsvThenQueriesItAndRefusesABadFileWithOneSentence() throws Exception {
    Path csv = Files.createTempFile("stations", ".csv");
    Files.write(csv, "번호,이름,위도,경도\n1,경복궁역,37.5757,126.9714\n2,시청역,37.5657,126.9770\n".getBytes("MS949"));

    Run ingest = run("ingest", csv.toString(), "--dataset", "cli-stations", "--title", "역", "--data-dir", DATA.toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("Created dataset 'cli-stations' version 1: 2 rows").contains("CP949");

    Run query = run("query", "SELECT ireum AS name, district_code FROM cli_stations ORDER BY 1", "--format", "csv", "--data-dir", DATA.toString());
    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.out().lines()).containsExactly("name,district_code", "경복궁역,11110", "시청역,11140");

    Files.writeString(csv, "번호,이름,위도,경도\n1,경복궁역,37.5757\n", StandardCharsets.UTF_8);
    Run bad = run("ingest", csv.toString(), "--dataset", "cli-stations", "--data-dir", DATA.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err().strip().lines()).hasSize(1);
    assertThat(bad.err()).containsIgnoringCase("line");

    Run after = run("query", "SELECT COUNT(*) AS n FROM cli_stations", "--format", "json", "--data-dir", DATA.toString());
    assertThat(after.out()).contains("\"n\":2");
    Files.delete(csv);
  }

  @Test
  void aMissingFileOrBadSqlEndsWithOneSentenceAndANonZeroExit() {
    Run missing = run("ingest", "no/such/file.csv", "--dataset", "x1", "--data-dir", DATA.toString());
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err().strip()).isEqualTo("There is no file at no/such/file.csv.");

    Run badSql = run("query", "SELEC 1", "--data-dir", DATA.toString());
    assertThat(badSql.exit()).isNotZero();
    assertThat(badSql.err().strip().lines()).hasSize(1);
    assertThat(badSql.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void writingSqlIsRefused() {
    Run drop = run("query", "DROP VIEW cli_stations", "--data-dir", DATA.toString());
    assertThat(drop.exit()).isNotZero();
    assertThat(drop.err().strip().lines()).hasSize(1);
  }

  @Test
  void unknownOptionsAreExplained() {
    Run r = run("ingest", "x.csv", "--dataset", "x", "--bogus");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--bogus");
  }
}
