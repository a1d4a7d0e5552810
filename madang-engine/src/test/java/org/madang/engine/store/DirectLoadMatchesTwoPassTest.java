package org.madang.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.engine.Column;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SeoulFixtures;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;
import org.madang.engine.bench.BikeStationFileGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading an upload in one pass ({@link DirectLoad}) gives exactly what the two-pass path gives: the same version table
 * (columns, types and order, every value, {@code _id}), columns, profile, spatial summary, report and comment, or the
 * same error. Each file is staged on one warehouse by a store that reads in one pass where it can and by one that
 * never does.
 */
class DirectLoadMatchesTwoPassTest {

  private static final Path DEMO = Path.of("..", "madang-app", "src", "main", "resources", "demo", "seoul");
  /** Far beyond the 1 MB the engine samples, so only DuckDB's full read meets the line. */
  private static final int LINE = 900_000;

  @TempDir static Path dir;
  static Warehouse warehouse;
  static VersionStore direct;
  static VersionStore twoPass;
  static int datasets;

  @BeforeAll
  static void open() {
    warehouse = Warehouse.open(SeoulFixtures.options(dir.resolve("data")).withMaxUploadBytes(256L * 1024 * 1024));
    direct = new VersionStore(warehouse, true);
    twoPass = new VersionStore(warehouse, false);
  }

  @AfterAll
  static void close() {
    warehouse.close();
  }

  /** The phases one ingest went through, in order. */
  private static final class Phases implements IngestProgress {
    final List<String> seen = new ArrayList<>();

    @Override
    public void update(String phase, long done, long total) {
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(phase)) {
        seen.add(phase);
      }
    }

    /** True when the version table was written by one read of the file, not from a temporary raw table. */
    boolean onePass() {
      return seen.contains("numbering") && !seen.contains("typing");
    }
  }

  /**
   * What staging one file gave both ways: the same version (or error), how the one-pass store read it, and the answer
   * to a query on its table (taken before the versions are discarded).
   */
  private record Outcome(StagedVersion version, MadangException error, Phases phases, long answer) {}

  private static IngestRequest named(IngestRequest r, String dataset) {
    return new IngestRequest(
        dataset, r.version(), r.file(), r.fileName(), r.format(), r.sheet(), r.encoding(), r.latColumn(), r.lonColumn(), r.allowOutsideArea());
  }

  private static Outcome stageBoth(IngestRequest request) {
    return stageBoth(request, null);
  }

  /** @param query a query answering one number about the one-pass table, {@code %s} standing for its name; or null */
  private static Outcome stageBoth(IngestRequest request, String query) {
    int n = ++datasets;
    String a = "direct-" + n;
    String b = "twopass-" + n;
    Phases phases = new Phases();
    StagedVersion[] staged = new StagedVersion[2];
    MadangException directError = catchThrowableOfType(MadangException.class, () -> staged[0] = direct.stage(named(request, a), phases));
    MadangException twoPassError =
        catchThrowableOfType(MadangException.class, () -> staged[1] = twoPass.stage(named(request, b), IngestProgress.NONE));
    String file = request.file().getFileName().toString();
    if (directError != null || twoPassError != null) {
      assertThat(directError).as("%s: refused by the two-pass path only (%s)", file, twoPassError).isNotNull();
      assertThat(twoPassError).as("%s: refused by the one-pass path only (%s)", file, directError).isNotNull();
      assertThat(directError.code()).isEqualTo(twoPassError.code());
      assertThat(directError.getMessage()).isEqualTo(twoPassError.getMessage());
      assertThat(directError.details()).isEqualTo(twoPassError.details());
      assertNoVersionTable(a);
      return new Outcome(null, directError, phases, -1);
    }
    StagedVersion one = staged[0];
    StagedVersion two = staged[1];
    long answer = -1;
    try {
      assertThat(one.rowCount()).as(file).isEqualTo(two.rowCount());
      assertThat(one.columns()).as(file).isEqualTo(two.columns());
      assertThat(one.profile()).as(file).isEqualTo(two.profile());
      assertThat(one.spatial()).as(file).isEqualTo(two.spatial());
      assertThat(one.report()).as(file).isEqualTo(two.report());
      try (DuckDBConnection c = warehouse.connect()) {
        assertThat(RawTableLoader.describe(c, one.tableName())).as(file).isEqualTo(RawTableLoader.describe(c, two.tableName()));
        assertThat(count(c, "SELECT count(*) FROM (SELECT * FROM " + one.tableName() + " EXCEPT ALL SELECT * FROM " + two.tableName() + ")"))
            .as("%s: rows only the one-pass table has", file)
            .isZero();
        assertThat(count(c, "SELECT count(*) FROM (SELECT * FROM " + two.tableName() + " EXCEPT ALL SELECT * FROM " + one.tableName() + ")"))
            .as("%s: rows only the two-pass table has", file)
            .isZero();
        assertThat(count(c, "SELECT count(*) FROM " + one.tableName() + " WHERE \"_id\" IS NULL")).isZero();
        assertThat(comment(c, one.tableName()).replace("\"" + a + "\"", "\"" + b + "\"")).as(file).isEqualTo(comment(c, two.tableName()));
        if (query != null) {
          answer = count(c, String.format(query, one.tableName()));
        }
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    } finally {
      one.discard();
      two.discard();
    }
    return new Outcome(one, null, phases, answer);
  }

  private static void assertNoVersionTable(String dataset) {
    try (DuckDBConnection c = warehouse.connect()) {
      assertThat(VersionStore.tableExists(c, DatasetNames.versionTableName(dataset, 1))).isFalse();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static long count(DuckDBConnection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String comment(DuckDBConnection c, String table) throws SQLException {
    String name = table.substring(table.indexOf('"') + 1, table.lastIndexOf('"'));
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT comment FROM duckdb_tables() WHERE schema_name = 'versions' AND table_name = '" + name + "'")) {
      r.next();
      return r.getString(1);
    }
  }

  @Test
  void everyDemoFileGivesTheSameVersionEitherWay() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(DEMO), "the app's demo files are next to this module");
    JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(DEMO.resolve("manifest.json")));
    Map<String, Boolean> onePass = new TreeMap<>();
    for (JsonNode d : manifest.path("datasets")) {
      Path file = DEMO.resolve(d.path("file").asString());
      Outcome o = stageBoth(IngestRequest.of("x", 1, file).withAllowOutsideArea(d.path("allow_outside_area").asBoolean(false)));
      assertThat(o.error()).as(file.toString()).isNull();
      onePass.put(file.getFileName().toString(), o.phases().onePass());
    }
    // point files (CP949 rewritten to UTF-8, or UTF-8 as uploaded), a GeoJSON of polygons (located in place from its
    // WKT) and tables located by district names are all read in one pass; the two files with thousands separators or
    // padded numbers still need the two-pass path's cleaning
    assertThat(onePass)
        .containsEntry("bike_station_info_cp949.csv", true)
        .containsEntry("bus_stop_locations_cp949.csv", true)
        .containsEntry("subway_elevator_locations_cp949.csv", true)
        .containsEntry("admdong_centroids_latlon.csv", true)
        .containsEntry("seoul_gu_juso2015_simple.geojson", true)
        .containsEntry("crime_by_police_station_2016_cp949.csv", false)
        .containsEntry("population_by_gu_2020.csv", false);
  }

  @Test
  void generatedBikeStationsGiveTheSameVersionEitherWay() throws IOException {
    Path file = dir.resolve("bike_stations_20000.csv");
    BikeStationFileGenerator.write(file, 20_000, SeoulFixtures.SEOUL, StandardCharsets.UTF_8);
    Outcome o = stageBoth(IngestRequest.of("x", 1, file));
    assertThat(o.phases().onePass()).isTrue();
    assertThat(o.version().spatial().locatedRows()).isEqualTo(20_000);
  }

  @Test
  void aLateValueThatIsNotANumberKeepsTheColumnAsTextEitherWay() {
    Path file = lines("late-text.csv", "번호,대수,위도,경도", i -> i + "," + (i % 40) + ",37.5547,126.9707", "900000,x12,37.5547,126.9707");
    Outcome o = stageBoth(IngestRequest.of("x", 1, file));
    assertThat(o.phases().onePass()).as("DuckDB refuses 'x12' as BIGINT, so the file is read again in two passes").isFalse();
    assertThat(o.version().rowCount()).isEqualTo(LINE - 1);
    assertThat(o.version().columns()).filteredOn(c -> c.name().equals("daesu")).extracting(Column::type).containsExactly("VARCHAR");
    assertThat(o.version().report().warnings()).contains("The column 대수 looked like bigint values but not all of them are, so it was kept as text.");
    assertThat(o.version().spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);
  }

  @Test
  void aRaggedRecordOnLine900000IsNamedEitherWay() {
    Path file = lines("late-ragged.csv", "번호,대수,위도,경도", i -> i + "," + (i % 40) + ",37.5547,126.9707", "900000,3,37.5547");
    MadangException e = stageBoth(IngestRequest.of("x", 1, file)).error();
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", (long) LINE).containsEntry("expectedFields", 4).containsEntry("foundFields", 3);
  }

  @Test
  void bytesThatDoNotDecodeOnLine900000AreNamedEitherWay() throws IOException {
    Path file = lines("late-bytes.csv", "번호,대수,위도,경도", i -> i + "," + (i % 40) + ",37.5547,126.9707", "900000,3,37.5547,126.9707");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] = (byte) 0xFF; // in the last line's longitude
    Files.write(file, bytes);
    MadangException e = stageBoth(IngestRequest.of("x", 1, file)).error();
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("line", (long) LINE);
  }

  @Test
  void namedColumnsThatAreNotDegreesAreDroppedAndTheDistrictNamesLocateTheRows() {
    String[] gu = {"종로구", "중구", "강남구", "마포구"};
    Path file = lines("tm.csv", "자치구,X좌표,Y좌표", i -> gu[(int) (i % gu.length)] + "," + (198000 + i % 997) + ".5," + (451000 + i % 991) + ".25", "중구,198000.5,451000.25", 5_000);
    Outcome o = stageBoth(IngestRequest.of("x", 1, file));
    assertThat(o.phases().onePass()).isTrue();
    assertThat(o.version().spatial().kind()).isEqualTo(SpatialInfo.Kind.DISTRICTS);
    assertThat(o.version().report().warnings()).anyMatch(w -> w.contains("are not degrees"));
  }

  @Test
  void requestedCoordinateColumnsAreUsedEitherWay() {
    Path file = lines("requested.csv", "a,b,c", i -> "역" + i + ",37.5547,126.9707", "끝,37.5759,126.9768", 2_000);
    Outcome o = stageBoth(IngestRequest.of("x", 1, file).withCoordinates("b", "c"));
    assertThat(o.phases().onePass()).isTrue();
    assertThat(o.version().spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);
    MadangException e = stageBoth(IngestRequest.of("x", 1, file).withCoordinates("b", "nope")).error();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("column", "nope");
  }

  @Test
  void aFileWithoutLocationIsReadInOnePass() {
    Path file = lines("plain.csv", "이름,값,날짜", i -> "항목" + i + "," + i * 0.5 + ",2024-01-0" + (1 + i % 9), "끝,1.5,2024-02-01", 3_000);
    Outcome o = stageBoth(IngestRequest.of("x", 1, file));
    assertThat(o.phases().onePass()).isTrue();
    assertThat(o.version().spatial()).isNull();
  }

  @Test
  void aTwelveMegabyteRecordAcrossDuckDbsReadBufferIsReadEitherWay() {
    // 150,000 records of 200 bytes put the long one across the first 32 MB read buffer (RawTableLoader.BUFFER_BYTES)
    String filler = "가".repeat(60);
    Path file =
        lines(
            "long-record.csv", "번호,메모", i -> i == 150_000 ? i + "," + "x".repeat(12 << 20) : i + "," + filler + i, "160000,마지막", 160_000);
    Outcome o = stageBoth(IngestRequest.of("x", 1, file), "SELECT max(length(\"memo\")) FROM %s");
    assertThat(o.phases().onePass()).isTrue();
    assertThat(o.version().rowCount()).isEqualTo(160_000 - 1);
    assertThat(o.answer()).isEqualTo(12L << 20);
  }

  private static Path lines(String name, String header, java.util.function.LongFunction<String> row, String last) {
    return lines(name, header, row, last, LINE);
  }

  /** A UTF-8 file of {@code lines} lines: the header, generated rows, and {@code last} as the final line. */
  private static Path lines(String name, String header, java.util.function.LongFunction<String> row, String last, int lines) {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
      w.write(header);
      w.write('\n');
      for (long i = 1; i <= lines - 2; i++) {
        w.write(row.apply(i));
        w.write('\n');
      }
      w.write(last);
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
