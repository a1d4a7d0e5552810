package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.geo.H3Binner;

/** XLSX, JSON, GeoJSON, Parquet, TSV and awkward CSVs all become typed, located tables. */
class ReadsEveryFormatTest {

  @TempDir static Path dir;
  static DataEngine engine;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static StagedVersion stage(IngestRequest request) {
    return engine.stage(request, IngestProgress.NONE);
  }

  private static List<Map<String, Object>> rows(StagedVersion v) {
    return engine.read(ReadRequest.firstRows(v.tableName(), 100)).rows();
  }

  private static Column column(StagedVersion v, String name) {
    return v.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + v.columns()));
  }

  @Test
  void readsTheNamedSheetOfAnXlsxWithATwoRowHeaderDatesAndFormattedNumbers() throws IOException {
    Path xlsx = dir.resolve("facilities.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(xlsx)) {
      XSSFSheet meta = wb.createSheet("메타정보");
      meta.createRow(0).createCell(0).setCellValue("항목");
      meta.getRow(0).createCell(1).setCellValue("내용");
      meta.createRow(1).createCell(0).setCellValue("출처");
      meta.getRow(1).createCell(1).setCellValue("서울시");
      XSSFSheet sheet = wb.createSheet("데이터");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle grouped = wb.createCellStyle();
      grouped.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0"));
      Row h1 = sheet.createRow(0);
      h1.createCell(0).setCellValue("시설");
      h1.createCell(2).setCellValue("좌표");
      h1.createCell(4).setCellValue("개소일");
      h1.createCell(5).setCellValue("정원");
      Row h2 = sheet.createRow(1);
      h2.createCell(0).setCellValue("이름");
      h2.createCell(1).setCellValue("자치구");
      h2.createCell(2).setCellValue("위도");
      h2.createCell(3).setCellValue("경도");
      Object[][] data = {
        {"종로노인복지관", "종로구", 37.5735, 126.9988, LocalDate.of(2001, 3, 2), 1200.0},
        {"강남노인복지관", "강남구", 37.5172, 127.0473, LocalDate.of(2010, 11, 30), 35.0},
      };
      for (int i = 0; i < data.length; i++) {
        Row r = sheet.createRow(3 + i); // a blank row between header and data, as officials leave them
        r.createCell(0).setCellValue((String) data[i][0]);
        r.createCell(1).setCellValue((String) data[i][1]);
        r.createCell(2).setCellValue((Double) data[i][2]);
        r.createCell(3).setCellValue((Double) data[i][3]);
        var d = r.createCell(4);
        d.setCellValue((LocalDate) data[i][4]);
        d.setCellStyle(date);
        var n = r.createCell(5);
        n.setCellValue((Double) data[i][5]);
        n.setCellStyle(grouped);
      }
      wb.write(out);
    }
    StagedVersion v = stage(IngestRequest.of("facilities", 1, xlsx).withSheet("데이터"));
    assertThat(v.report().format()).isEqualTo(SourceFormat.XLSX);
    assertThat(v.report().headerRows()).isEqualTo(2);
    // an upper header cell spans the empty cells to its right, as a merged cell does
    assertThat(v.columns()).extracting(Column::label).startsWith("_id", "시설 이름", "시설 자치구", "좌표 위도", "좌표 경도", "개소일", "정원");
    assertThat(column(v, "gaesoil").type()).isEqualTo("DATE");
    assertThat(column(v, "jeongwon").type()).isEqualTo("BIGINT");
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);
    assertThat(rows(v).get(0)).containsEntry("siseol_ireum", "종로노인복지관").containsEntry("jeongwon", 1200L)
        .containsEntry("gaesoil", "2001-03-02").containsEntry("district_code", "11110");
    v.discard();

    StagedVersion first = stage(IngestRequest.of("facilities", 1, xlsx));
    assertThat(first.rowCount()).isEqualTo(1); // without a sheet name, the first sheet
    assertThat(first.columns()).extracting(Column::label).containsExactly("_id", "항목", "내용");
    first.discard();
  }

  @Test
  void readsAJsonArrayOfRecordsKeepingNestedValuesAsJson() {
    Path json =
        SeoulFixtures.write(
            dir,
            "stations.json",
            "[{\"id\": 1, \"name\": \"광화문\", \"lat\": 37.5759, \"lng\": 126.9768, \"tags\": [\"a\", \"b\"], \"info\": {\"docks\": 10}},\n"
                + " {\"id\": 2, \"name\": \"명동\", \"lat\": 37.5636, \"lng\": 126.9834, \"extra\": true}]");
    StagedVersion v = stage(IngestRequest.of("stations-json", 1, json));
    assertThat(v.columns()).extracting(Column::name).containsExactly("_id", "id", "name", "lat", "lng", "tags", "info", "extra", "district_code", "h3_cell");
    assertThat(rows(v).get(0)).containsEntry("tags", "[\"a\",\"b\"]").containsEntry("info", "{\"docks\":10}").containsEntry("extra", null);
    assertThat(rows(v).get(1)).containsEntry("district_code", "11140");
    v.discard();
  }

  @Test
  void readsGeoJsonPolygonsAtTheirRepresentativePoint() {
    String geojson =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"id\":\"p1\",\"properties\":{\"name\":\"park\",\"area\":1.5},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[126.97,37.57],[126.98,37.57],[126.98,37.58],[126.97,37.58],[126.97,37.57]]]}},"
            + "{\"type\":\"Feature\",\"properties\":{\"name\":\"gate\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[127.0473,37.5172]}},"
            + "{\"type\":\"Feature\",\"properties\":{\"name\":\"nowhere\"},\"geometry\":null}]}";
    StagedVersion v = stage(IngestRequest.of("parks", 1, SeoulFixtures.write(dir, "parks.geojson", geojson)));
    assertThat(v.report().format()).isEqualTo(SourceFormat.GEOJSON);
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.GEOMETRIES);
    assertThat(v.spatial().geometryColumn()).isEqualTo("geometry");
    assertThat(v.spatial().missingLocation()).isEqualTo(1);
    assertThat(v.columns()).extracting(Column::name).containsExactly("_id", "id", "name", "area", "geometry", "district_code", "h3_cell");
    List<Map<String, Object>> rows = rows(v);
    assertThat(rows.get(0)).containsEntry("id", "p1").containsEntry("district_code", "11110")
        .containsEntry("h3_cell", H3Binner.toAddress(H3Binner.atResolution(9).cellOf(37.575, 126.975)));
    assertThat((String) rows.get(0).get("geometry")).startsWith("POLYGON ((126.97 37.57");
    assertThat(rows.get(1)).containsEntry("district_code", "11680");
    TablePage inBox = engine.read(new ReadRequest(v.tableName(), null, Map.of(), List.of("name"), null, new double[] {126.96, 37.56, 126.99, 37.59}, 10, 0));
    assertThat(inBox.rows()).extracting(r -> r.get("name")).containsExactly("park");
    v.discard();
  }

  @Test
  void readsParquetWrittenByDuckDb() throws SQLException {
    Path parquet = dir.resolve("sensors.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT i AS \"Sensor ID\", 37.5 + i / 1000.0 AS latitude, 127.0 + i / 1000.0 AS longitude, DATE '2024-01-01' + CAST(i AS INTEGER) AS day"
              + " FROM range(1, 101) t(i)) TO '" + parquet + "' (FORMAT parquet)");
    }
    StagedVersion v = stage(IngestRequest.of("sensors", 1, parquet));
    assertThat(v.report().format()).isEqualTo(SourceFormat.PARQUET);
    assertThat(v.report().encoding()).isNull();
    assertThat(v.rowCount()).isEqualTo(100);
    assertThat(column(v, "sensor_id")).isEqualTo(new Column("sensor_id", "Sensor ID", "BIGINT", ColumnRole.DATA));
    assertThat(column(v, "latitude").role()).isEqualTo(ColumnRole.LATITUDE);
    assertThat(column(v, "day").type()).isEqualTo("DATE");
    assertThat(v.spatial().locatedRows()).isEqualTo(100);
    v.discard();
  }

  @Test
  void readsTsvWithThreeHeaderRowsAndThousandsSeparators() {
    String tsv =
        "기간\t자치구\t인구\t인구\n기간\t자치구\t합계\t합계\n기간\t자치구\t계\t남자\n"
            + "2021.2/4\t종로구\t\"155,106\"\t75,009\n2021.2/4\t중구\t\"134,635\"\t-\n";
    StagedVersion v = stage(IngestRequest.of("population-dong", 1, SeoulFixtures.write(dir, "pop.tsv", tsv)));
    assertThat(v.report().delimiter()).isEqualTo("\\t");
    assertThat(v.report().format()).isEqualTo(SourceFormat.TSV);
    assertThat(v.report().headerRows()).isEqualTo(3);
    assertThat(v.columns()).extracting(Column::label).contains("기간", "자치구", "인구 합계 계", "인구 합계 남자");
    assertThat(column(v, "ingu_habgye_gye").type()).isEqualTo("BIGINT");
    assertThat(rows(v).get(1)).containsEntry("ingu_habgye_gye", 134635L).containsEntry("ingu_habgye_namja", 0L).containsEntry("district_code", "11140");
    v.discard();
  }

  @Test
  void readsMixedLineEndingsAndKeepsCodesWithLeadingZerosAsText() {
    String csv = "\"노드 ID\",\"정류소번호\",\"정류소명\",\"X좌표\",\"Y좌표\"\r\n\"100000001\",\"01001\",\"종로2가사거리\",\"126.987752\",\"37.569808\"\n"
        + "\"100000002\",\"01002\",\"창경궁.서울대학교병원\",\"126.996522\",\"37.579433\"\r\n";
    StagedVersion v = stage(IngestRequest.of("bus-stops", 1, SeoulFixtures.write(dir, "stops.csv", csv)));
    assertThat(column(v, "jeongryusobeonho").type()).isEqualTo("VARCHAR");
    assertThat(column(v, "xjwapyo").role()).isEqualTo(ColumnRole.LONGITUDE);
    assertThat(column(v, "yjwapyo").role()).isEqualTo(ColumnRole.LATITUDE);
    assertThat(rows(v)).extracting(r -> r.get("jeongryusobeonho")).containsExactly("01001", "01002");
    assertThat(rows(v)).extracting(r -> r.get("district_code")).containsExactly("11110", "11110");
    v.discard();
  }

  @Test
  void readsAHeaderlessNumericCsv() {
    StagedVersion v = stage(IngestRequest.of("numbers", 1, SeoulFixtures.write(dir, "numbers.csv", "1,2.5,3\n4,5.5,6\n")));
    assertThat(v.report().headerRows()).isZero();
    assertThat(v.columns()).extracting(Column::name).containsExactly("_id", "column_1", "column_2", "column_3");
    assertThat(column(v, "column_2").type()).isEqualTo("DOUBLE");
    assertThat(v.spatial()).isNull();
    v.discard();
  }

  @Test
  void keepsAColumnAsTextWhenALateValueIsNotANumber() {
    StringBuilder csv = new StringBuilder("code,value\n");
    for (int i = 0; i < 30_000; i++) {
      csv.append(i).append(',').append(i * 2).append('\n');
    }
    csv.append("x12,7\n");
    StagedVersion v = stage(IngestRequest.of("late-text", 1, SeoulFixtures.write(dir, "late.csv", csv.toString())));
    assertThat(column(v, "code").type()).isEqualTo("VARCHAR");
    assertThat(column(v, "value").type()).isEqualTo("BIGINT");
    assertThat(v.rowCount()).isEqualTo(30_001);
    v.discard();
  }

  @Test
  void findsTheDelimiterAndReadsSemicolonFiles() {
    StagedVersion v = stage(IngestRequest.of("semicolons", 1, SeoulFixtures.write(dir, "semi.csv", "a;b;c\n1;x,y;2\n3;z;4\n")));
    assertThat(v.report().delimiter()).isEqualTo(";");
    assertThat(rows(v)).extracting(r -> r.get("b")).containsExactly("x,y", "z");
    v.discard();
  }

  @Test
  void readsTextThatLooksUtf8AtFirstButIsCp949FurtherDown() throws IOException {
    StringBuilder ascii = new StringBuilder("id,name\n");
    while (ascii.length() < (1 << 20) + 10) {
      ascii.append("1,abcdefghij\n");
    }
    byte[] head = ascii.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "2,광화문\n".getBytes(java.nio.charset.Charset.forName("x-windows-949"));
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    StagedVersion v = stage(IngestRequest.of("late-korean", 1, SeoulFixtures.write(dir, "late-korean.csv", all)));
    assertThat(v.report().encoding()).isEqualTo("CP949");
    TablePage last = engine.read(new ReadRequest(v.tableName(), null, Map.of("id", 2), List.of("name"), null, null, 1, 0));
    assertThat(last.rows().get(0)).containsEntry("name", "광화문");
    v.discard();
  }

  @Test
  void keepsATableWhoseCoordinatesAreAllMissing() {
    StagedVersion v = stage(IngestRequest.of("no-coordinates", 1, SeoulFixtures.write(dir, "empty-coords.csv", "이름,위도,경도\n미정,,\n보류,0,0\n")));
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);
    assertThat(v.spatial().locatedRows()).isZero();
    assertThat(v.spatial().missingLocation()).isEqualTo(2);
    assertThat(v.spatial().minLon()).isNaN();
    v.publish();
    assertThat(engine.describe("no-coordinates")).extracting(Column::role).contains(ColumnRole.LATITUDE, ColumnRole.LONGITUDE);
    assertThat(engine.read(new ReadRequest("no_coordinates", null, Map.of(), List.of(), null, new double[] {126, 37, 128, 38}, 10, 0)).total()).isZero();
  }
}
