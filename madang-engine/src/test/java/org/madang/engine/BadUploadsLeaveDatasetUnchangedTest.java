package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad upload is refused with an error that names where the problem is, and leaves the dataset exactly
 * as it was: version 1 stays current and readable, no table of version 2 is left behind.
 */
class BadUploadsLeaveDatasetUnchangedTest {

  private static final String GOOD = "이름,위도,경도\n광화문,37.5759,126.9768\n서울역,37.5547,126.9707\n";
  private static final Charset CP949 = Charset.forName("x-windows-949");
  private static final long LIMIT = 2L * 1024 * 1024;

  @TempDir static Path dir;
  static DataEngine engine;

  @BeforeAll
  static void open() {
    engine = DataEngine.open(SeoulFixtures.options(dir.resolve("data")).withMaxUploadBytes(LIMIT));
    StagedVersion v1 = engine.stage(IngestRequest.of("places", 1, SeoulFixtures.write(dir, "places.csv", GOOD)), IngestProgress.NONE);
    v1.publish();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @BeforeEach
  void versionOneIsCurrent() {
    assertUnchanged();
  }

  private static MadangException refused(String fileName, byte[] content) {
    return refused(IngestRequest.of("places", 2, SeoulFixtures.write(dir, fileName, content)));
  }

  private static MadangException refused(String fileName, String content) {
    return refused(fileName, content.getBytes(StandardCharsets.UTF_8));
  }

  private static MadangException refused(IngestRequest request) {
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.stage(request, IngestProgress.NONE));
    assertThat(e).as("the upload should have been refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").endsWith(".");
    assertUnchanged();
    return e;
  }

  private static void assertUnchanged() {
    assertThat(engine.findCurrentTable("places")).contains("versions.\"places__v1\"");
    TablePage rows = engine.query("SELECime FROM places".replace("SELECime", "SELECT ireum") + " ORDER BY _id", 10);
    assertThat(rows.rows()).extracting(r -> r.get("ireum")).containsExactly("광화문", "서울역");
    TablePage staging = engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'versions' AND table_name = 'places__v2'", 1);
    assertThat(staging.rows().get(0).get("n")).isEqualTo(0L);
    TablePage temporary = engine.query("SELECT count(*) AS n FROM duckdb_tables() WHERE temporary", 1);
    assertThat(temporary.rows().get(0).get("n")).isEqualTo(0L);
    assertThat(dir.resolve("data/work").toFile().list()).containsOnly("spill");
  }

  @Test
  void rejectsCsvWithRaggedRowsAndKeepsPreviousVersion() {
    MadangException e = refused("ragged.csv", "이름,위도,경도\n광화문,37.5759,126.9768\n서울역,37.5547\n");
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 3L).containsEntry("expectedFields", 3).containsEntry("foundFields", 2);
    assertThat(e.getMessage()).isEqualTo("Line 3 of ragged.csv has 2 fields where the header has 3.");
  }

  @Test
  void rejectsRaggedRowFarBeyondTheSampleWithItsLine() {
    StringBuilder csv = new StringBuilder("이름,위도,경도\n");
    for (int i = 0; i < 40_000; i++) {
      csv.append("역").append(i).append(",37.5547,126.9707\n");
    }
    csv.append("끝,37.5547,126.9707,extra\n");
    MadangException e = refused(IngestRequest.of("places", 2, SeoulFixtures.write(dir, "long-ragged.csv", csv.toString())));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 40_002L).containsEntry("foundFields", 4);
  }

  @Test
  void rejectsBytesThatAreNeitherUtf8NorCp949NamingOffsetAndLine() {
    byte[] head = "이름,위도,경도\n광화문,37.5759,126.9768\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD, ',', '1', ',', '2', '\n'};
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    MadangException e = refused("binary.csv", all);
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("line", 3L).containsEntry("offset", (long) head.length);
  }

  @Test
  void rejectsCp949FileDeclaredUtf8NamingTheLine() {
    byte[] cp949 = "id,이름\n1,abc\n2,광화문\n".getBytes(CP949);
    MadangException e = refused(IngestRequest.of("places", 2, SeoulFixtures.write(dir, "declared.csv", cp949)).withEncoding("UTF-8"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("line", 1L).containsEntry("suggestedEncoding", "CP949");
    assertThat(e.getMessage()).contains("declared UTF-8").contains("CP949");
  }

  @Test
  void rejectsCp949FileDeclaredUtf8WhoseKoreanStartsLate() {
    byte[] cp949 = "id,name\n1,abc\n2,def\n3,광화문\n".getBytes(CP949);
    MadangException e = refused(IngestRequest.of("places", 2, SeoulFixtures.write(dir, "late.csv", cp949)).withEncoding("UTF-8"));
    assertThat(e.code()).isEqualTo(ErrorCode.UNDECODABLE_TEXT);
    assertThat(e.details()).containsEntry("line", 4L);
  }

  @Test
  void rejectsEmptyFile() {
    MadangException e = refused("empty.csv", "");
    assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE);
    assertThat(e.getMessage()).isEqualTo("The file empty.csv is empty.");
  }

  @Test
  void rejectsHeaderOnlyFile() {
    MadangException e = refused("header.csv", "이름,위도,경도\r\n");
    assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE);
    assertThat(e.getMessage()).isEqualTo("The file header.csv has a header but no rows.");
  }

  @Test
  void rejectsFiveThousandColumnsQuickly() {
    StringBuilder csv = new StringBuilder();
    for (int row = 0; row < 3; row++) {
      for (int i = 0; i < 5000; i++) {
        csv.append(i > 0 ? "," : "").append(row == 0 ? "c" + i : String.valueOf(i));
      }
      csv.append('\n');
    }
    long start = System.nanoTime();
    MadangException e = refused("wide.csv", csv.toString());
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
    assertThat(e.details()).containsEntry("columns", 5000).containsEntry("maxColumns", 1024).containsEntry("line", 1);
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
  }

  @Test
  void rejectsMalformedGeoJsonNamingLineAndColumn() {
    String geojson = "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [126.97, 37.57]}, \"properties\": {\"a\": 1}},\n  {\"type\": \"Feature\" \"geometry\": null}\n]}\n";
    MadangException e = refused("broken.geojson", geojson);
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 3).containsKey("column");
  }

  @Test
  void rejectsGeoJsonThatNeverCloses() {
    String geojson = "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [126.97, 37.57]}, \"properties\": {\"a\": 1}},\n";
    MadangException e = refused("cut.geojson", geojson);
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsKeys("line", "column");
    assertThat(e.getMessage()).contains("ends before");
  }

  @Test
  void rejectsGeoJsonWithABrokenGeometryNamingTheFeature() {
    String geojson = "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[126.9, 37.5], [127.0, 37.5]]]}, \"properties\": {}}\n]}";
    MadangException e = refused("polygon.geojson", geojson);
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 2);
    assertThat(e.getMessage()).contains("feature 1");
  }

  @Test
  void rejectsXlsxThatIsAZipBomb() throws IOException {
    Path bomb = dir.resolve("bomb.xlsx");
    try (OutputStream file = Files.newOutputStream(bomb);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
      zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
      zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 100; i++) {
        zip.write(zeros); // 100 MB of zeros squeeze into about 100 KB
      }
      zip.closeEntry();
    }
    assertThat(Files.size(bomb)).isLessThan(LIMIT);
    MadangException e = refused(IngestRequest.of("places", 2, bomb).withFileName("bomb.xlsx"));
    assertThat(e.code()).isEqualTo(ErrorCode.SUSPICIOUS_ARCHIVE);
    assertThat(e.getMessage()).startsWith("The file bomb.xlsx was refused as a possible zip bomb");
  }

  @Test
  void rejectsXlsxWhosePartExpandsTooFar() throws IOException {
    Path bomb = dir.resolve("small-bomb.xlsx");
    try (OutputStream file = Files.newOutputStream(bomb);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
      zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 20; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    MadangException e = refused(IngestRequest.of("places", 2, bomb));
    assertThat(e.code()).isEqualTo(ErrorCode.SUSPICIOUS_ARCHIVE);
    assertThat(e.details()).containsEntry("field", "file").containsEntry("entry", "xl/worksheets/sheet1.xml");
  }

  @Test
  void rejectsFilePastTheSizeLimitBeforeReadingIt() {
    byte[] big = new byte[(int) LIMIT + 1];
    MadangException e = refused("big.csv", big);
    assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
    assertThat(e.details()).containsEntry("field", "file").containsEntry("size", LIMIT + 1).containsEntry("maxUploadBytes", LIMIT);
  }

  @Test
  void rejectsUnknownFormat() {
    MadangException e = refused("report.pdf", "%PDF-1.4\n%âãÏÓ\n");
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FORMAT);
    assertThat(e.details()).containsEntry("field", "file");
    assertThat(e.getMessage()).isEqualTo("Madang cannot read .pdf files; upload CSV, TSV, XLSX, JSON, GeoJSON or Parquet.");
  }

  @Test
  void rejectsDatasetNamesWithPathCharacters() {
    for (String name : List.of("../etc", "a/b", "Places", "x", "places;drop", "a b", "..", "1places", "a".repeat(64), "")) {
      MadangException e =
          catchThrowableOfType(
              MadangException.class,
              () -> engine.stage(IngestRequest.of(name, 1, SeoulFixtures.write(dir, "n.csv", GOOD)), IngestProgress.NONE));
      assertThat(e.code()).as(name).isEqualTo(ErrorCode.INVALID_NAME);
      assertThat(e.details()).containsEntry("field", "dataset");
    }
    assertUnchanged();
  }

  @Test
  void rejectsDatasetNameThatCollidesWithAnother() {
    // "pla-ces" and "places" do not collide, but "pla-ces" and "pla_ces" would share one table name
    engine.stage(IngestRequest.of("pla-ces", 1, SeoulFixtures.write(dir, "c.csv", GOOD)), IngestProgress.NONE).publish();
    MadangException collision =
        catchThrowableOfType(
            MadangException.class,
            () -> engine.stage(IngestRequest.of("pla_ces", 1, SeoulFixtures.write(dir, "c.csv", GOOD)), IngestProgress.NONE));
    assertThat(collision.code()).isEqualTo(ErrorCode.NAME_TAKEN);
    assertThat(collision.details()).containsEntry("field", "dataset").containsEntry("existing", "pla-ces");
    engine.dropDataset("pla-ces");
    assertUnchanged();
  }

  @Test
  void rejectsAVersionThatExistsAlready() {
    MadangException e = refused(IngestRequest.of("places", 1, SeoulFixtures.write(dir, "again.csv", GOOD)));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.details()).containsEntry("field", "version");
  }

  @Test
  void rejectsCoordinatesOutsideTheCityNamingTheLines() {
    MadangException e = refused("busan.csv", "이름,위도,경도\n광화문,37.5759,126.9768\n해운대,35.1587,129.1604\n광안리,35.1532,129.1187\n");
    assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_AREA);
    assertThat(e.details()).containsEntry("line", 3L).containsEntry("lines", List.of(3L, 4L)).containsEntry("count", 2L).containsEntry("field", "위도");
    assertThat(e.getMessage()).isEqualTo("2 rows lie outside the city's districts, the first on line 3; fix the coordinates or allow rows outside the area.");
  }

  @Test
  void reportsSwappedLatitudeAndLongitude() {
    MadangException e = refused("swapped.csv", "이름,위도,경도\n광화문,126.9768,37.5759\n서울역,126.9707,37.5547\n");
    assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_AREA);
    assertThat(e.details()).containsEntry("swapped", true).containsEntry("latColumn", "위도").containsEntry("lonColumn", "경도").containsEntry("line", 2L);
    assertThat(e.getMessage()).startsWith("The columns 위도 and 경도 look swapped");
  }

  @Test
  void keepsRowsOutsideTheCityWhenAllowedAndCountsThem() {
    Path file = SeoulFixtures.write(dir, "mixed.csv", "이름,위도,경도\n광화문,37.5759,126.9768\n해운대,35.1587,129.1604\n");
    StagedVersion v = engine.stage(IngestRequest.of("places", 2, file).withAllowOutsideArea(true), IngestProgress.NONE);
    try {
      assertThat(v.spatial().outsideArea()).isEqualTo(1);
      assertThat(v.spatial().locatedRows()).isEqualTo(2);
      assertThat(v.report().warnings()).contains("1 row lies outside the city's districts; it was kept without a district.");
      TablePage rows = engine.read(new ReadRequest(v.tableName(), null, Map.of(), List.of("ireum", "district_code"), null, null, 10, 0));
      assertThat(rows.rows()).extracting(r -> r.get("district_code")).containsExactly("11110", null);
    } finally {
      v.discard();
    }
    assertUnchanged();
  }

  @Test
  void rejectsUnclosedQuoteNamingWhereItOpened() {
    MadangException e = refused("quote.csv", "이름,위도,경도\n\"광화문,37.5759,126.9768\n서울역,37.5547,126.9707\n");
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("line", 2L);
  }

  @Test
  void rejectsUnknownSheetNamingTheSheets() throws IOException {
    Path xlsx = dir.resolve("book.xlsx");
    try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        OutputStream out = Files.newOutputStream(xlsx)) {
      var sheet = wb.createSheet("데이터");
      sheet.createRow(0).createCell(0).setCellValue("이름");
      sheet.createRow(1).createCell(0).setCellValue("광화문");
      wb.write(out);
    }
    MadangException e = refused(IngestRequest.of("places", 2, xlsx).withSheet("없는시트"));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("field", "sheet");
    assertThat(e.getMessage()).contains("데이터");
  }

  @Test
  void exportsAndReadsStillWorkAfterRefusals() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.export("places", ExportFormat.CSV, out);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("_id,ireum,wido,gyeongdo,district_code,h3_cell\n1,광화문,");
  }
}
