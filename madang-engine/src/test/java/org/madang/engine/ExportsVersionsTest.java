package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A version downloads as CSV, Parquet and (when located) GeoJSON. */
class ExportsVersionsTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static String points;
  static String districts;
  static String geometries;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    points = publish("stations", "stations.csv", "이름,위도,경도\n\"광화문, 세종대로\",37.5759,126.9768\n미정,0,0\n");
    districts = publish("cctv", "cctv.csv", "기관명,소계\n종로구,1002\n중구,671\n");
    geometries =
        publish(
            "zones",
            "zones.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[126.97,37.57],[126.98,37.57],[126.98,37.58],[126.97,37.57]]]}}]}");
  }

  private static String publish(String dataset, String file, String content) {
    StagedVersion v = engine.stage(IngestRequest.of(dataset, 1, SeoulFixtures.write(dir, file, content)), IngestProgress.NONE);
    v.publish();
    return v.tableName();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static byte[] export(String table, ExportFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.export(table, format, out);
    return out.toByteArray();
  }

  @Test
  void exportsCsvAsUtf8WithAHeader() {
    String csv = new String(export(points, ExportFormat.CSV), StandardCharsets.UTF_8);
    assertThat(csv.lines().toList())
        .hasSize(3)
        .first()
        .isEqualTo("_id,ireum,wido,gyeongdo,district_code,h3_cell");
    assertThat(csv).contains("1,\"광화문, 세종대로\",37.5759,126.9768,11110,");
    String h3 = org.madang.analytics.geo.H3Binner.toAddress(org.madang.analytics.geo.H3Binner.atResolution(9).cellOf(37.5759, 126.9768));
    assertThat(csv.lines().skip(1).findFirst().orElseThrow()).as("H3 cells as hex addresses, safe from spreadsheets").endsWith("," + h3);
  }

  @Test
  void exportsParquetThatDuckDbReadsBack() throws Exception {
    Path file = Files.write(dir.resolve("export.parquet"), export(points, ExportFormat.PARQUET));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), max(ireum) FROM read_parquet('" + file + "')")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(2);
      assertThat(r.getString(2)).isEqualTo("미정");
    }
  }

  @Test
  void exportsPointsAsGeoJsonWithTheH3CellAsAddress() {
    JsonNode fc = JsonMapper.builder().build().readTree(export(points, ExportFormat.GEOJSON));
    assertThat(fc.get("type").asString()).isEqualTo("FeatureCollection");
    JsonNode first = fc.get("features").get(0);
    assertThat(first.get("id").asLong()).isEqualTo(1);
    assertThat(first.get("geometry").get("type").asString()).isEqualTo("Point");
    assertThat(first.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(126.9768);
    assertThat(first.get("properties").get("ireum").asString()).isEqualTo("광화문, 세종대로");
    assertThat(first.get("properties").get("h3_cell").asString()).matches("[0-9a-f]{15}");
    assertThat(fc.get("features").get(1).get("geometry").isNull()).isTrue(); // 0/0 is no location
  }

  @Test
  void exportsGeometriesAndDistrictTablesAsGeoJson() {
    JsonNode zones = JsonMapper.builder().build().readTree(export(geometries, ExportFormat.GEOJSON));
    JsonNode zone = zones.get("features").get(0);
    assertThat(zone.get("geometry").get("type").asString()).isEqualTo("Polygon");
    assertThat(zone.get("properties").has("geometry")).isFalse();
    assertThat(zone.get("properties").get("name").asString()).isEqualTo("a");

    JsonNode gu = JsonMapper.builder().build().readTree(export(districts, ExportFormat.GEOJSON));
    assertThat(gu.get("features")).hasSize(2);
    assertThat(gu.get("features").get(0).get("geometry").get("type").asString()).isIn("Polygon", "MultiPolygon");
    assertThat(gu.get("features").get(0).get("properties").get("district_code").asString()).isEqualTo("11110");
  }

  @Test
  void refusesGeoJsonForTablesWithoutLocations() {
    String plain = publish("plain", "plain.csv", "a,b\n1,2\n");
    MadangException e = catchThrowableOfType(MadangException.class, () -> export(plain, ExportFormat.GEOJSON));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.details()).containsEntry("field", "format");
  }
}
