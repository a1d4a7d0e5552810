package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.geo.H3Binner;

/** The engine reads the real files Seoul publishes, with their encodings, headers and quirks. */
class IngestsSeoulOpenDataTest {

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

  private static StagedVersion stage(String dataset, String resource) {
    Path file = SeoulFixtures.copy(resource, dir);
    return engine.stage(IngestRequest.of(dataset, 1, file), IngestProgress.NONE);
  }

  private static Column column(StagedVersion v, String name) {
    return v.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no column " + name + " in " + v.columns()));
  }

  @Test
  void readsCp949BikeStationsWithKoreanLabelsDistrictsAndH3Cells() {
    StagedVersion v = stage("bike-stations", "seoul/bike_station_info_cp949.csv");
    v.publish();
    assertThat(v.report().encoding()).isEqualTo("CP949");
    assertThat(v.report().delimiter()).isEqualTo(",");
    assertThat(v.report().headerRows()).isEqualTo(1);
    assertThat(v.rowCount()).isEqualTo(2719);
    assertThat(v.columns().get(0)).isEqualTo(new Column("_id", "_id", "BIGINT", ColumnRole.ROW_ID));
    assertThat(column(v, "wido")).isEqualTo(new Column("wido", "위도", "DOUBLE", ColumnRole.LATITUDE));
    assertThat(column(v, "gyeongdo").role()).isEqualTo(ColumnRole.LONGITUDE);
    assertThat(column(v, "jachigu").label()).isEqualTo("자치구");
    assertThat(column(v, "district_code").role()).isEqualTo(ColumnRole.DISTRICT);
    assertThat(column(v, "h3_cell")).isEqualTo(new Column("h3_cell", "h3_cell", "BIGINT", ColumnRole.H3_CELL));
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.POINTS);

    TablePage first = engine.read(new ReadRequest(v.tableName(), null, Map.of("_id", 1), List.of(), null, null, 1, 0));
    Map<String, Object> row = first.rows().get(0);
    assertThat(row.get("bogwanso_daeyeoso_myeong")).isEqualTo(" 경복궁역 7번출구 앞");
    assertThat(row.get("jachigu")).isEqualTo("종로구");
    assertThat(row.get("district_code")).isEqualTo("11110");
    double lat = ((Number) row.get("wido")).doubleValue();
    double lon = ((Number) row.get("gyeongdo")).doubleValue();
    assertThat(lat).isCloseTo(37.57579422, within(1e-9));
    assertThat(row.get("h3_cell")).isEqualTo(H3Binner.toAddress(H3Binner.atResolution(9).cellOf(lat, lon)));

    // the file's own 자치구 column agrees with point-in-polygon for nearly every station
    TablePage agreement =
        engine.query(
            "SELECT count(*) FILTER (WHERE district_code = CASE jachigu WHEN '종로구' THEN '11110' ELSE district_code END) AS agree, count(*) AS n FROM bike_stations WHERE jachigu = '종로구'",
            10);
    long agree = ((Number) agreement.rows().get(0).get("agree")).longValue();
    long n = ((Number) agreement.rows().get(0).get("n")).longValue();
    assertThat(agree).isGreaterThan((long) (0.95 * n));
  }

  @Test
  void readsCctvCountsByDistrictNameFromUtf8WithBom() {
    StagedVersion v = stage("cctv", "seoul/cctv_by_gu_utf8bom.csv");
    assertThat(v.report().encoding()).isEqualTo("UTF-8-BOM");
    assertThat(v.rowCount()).isEqualTo(25);
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.DISTRICTS);
    assertThat(v.spatial().locatedRows()).isEqualTo(25);
    assertThat(column(v, "gigwanmyeong").label()).isEqualTo("기관명");
    assertThat(column(v, "sogye").type()).isEqualTo("BIGINT");
    TablePage page = engine.read(new ReadRequest(v.tableName(), null, Map.of("gigwanmyeong", "종로구"), List.of("district_code"), null, null, 10, 0));
    assertThat(page.rows()).containsExactly(Map.of("district_code", "11110"));
    v.discard();
  }

  @Test
  void readsThousandsSeparatorsInCp949CrimeStatisticsAsNumbers() {
    StagedVersion v = stage("crime", "seoul/crime_by_police_station_2016_cp949.csv");
    assertThat(v.report().encoding()).isEqualTo("CP949");
    assertThat(v.rowCount()).isEqualTo(31);
    assertThat(column(v, "jeoldo_balsaeng").type()).isEqualTo("BIGINT");
    assertThat(column(v, "gwanseomyeong").label()).isEqualTo("관서명");
    TablePage page = engine.read(new ReadRequest(v.tableName(), null, Map.of("gwanseomyeong", "중부서"), List.of("jeoldo_balsaeng"), null, null, 10, 0));
    assertThat(page.rows().get(0).get("jeoldo_balsaeng")).isEqualTo(1395L);
    v.discard();
  }

  @Test
  void readsNumbersWithTrailingSpacesAndLocatesDistrictsByName() {
    StagedVersion v = stage("population", "seoul/population_by_gu_2020.csv");
    assertThat(v.rowCount()).isEqualTo(25);
    assertThat(column(v, "sedae").type()).isEqualTo("BIGINT");
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.DISTRICTS);
    TablePage page = engine.read(new ReadRequest(v.tableName(), null, Map.of("jachigu", "종로구"), List.of("sedae", "district_code"), null, null, 10, 0));
    assertThat(page.rows().get(0)).containsEntry("sedae", 74151L).containsEntry("district_code", "11110");
    v.discard();
  }

  @Test
  void locatesSubwayElevatorsFromTheirWktColumn() {
    StagedVersion v = stage("subway-elevators", "seoul/subway_elevator_locations_cp949.csv");
    assertThat(v.spatial().kind()).isEqualTo(SpatialInfo.Kind.GEOMETRIES);
    assertThat(column(v, "nodeu_wkt").role()).isEqualTo(ColumnRole.GEOMETRY);
    assertThat(v.spatial().missingLocation()).isZero();
    TablePage first = engine.read(new ReadRequest(v.tableName(), null, Map.of("_id", 1), List.of(), null, null, 1, 0));
    assertThat(first.rows().get(0)).containsEntry("district_code", "11110");
    assertThat(first.rows().get(0).get("h3_cell")).isEqualTo(H3Binner.toAddress(H3Binner.atResolution(9).cellOf(37.57622646659184, 126.98515892357797)));
    assertThat(first.columns()).extracting(Column::name).doesNotContain("_lon", "_lat");
    v.discard();
  }

  @Test
  void refusesTheOneBikeStationOutsideSeoulUnlessAllowed() {
    Path file = SeoulFixtures.copy("seoul/bike_ttareungyi_station_master.json", dir);
    MadangException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            MadangException.class, () -> engine.stage(IngestRequest.of("bike-master-strict", 1, file), IngestProgress.NONE));
    assertThat(e.code()).isEqualTo(ErrorCode.COORDINATES_OUT_OF_AREA);
    assertThat(e.getMessage()).isEqualTo("1 row lies outside the city's districts, the first on record 1684; fix the coordinates or allow rows outside the area.");
    assertThat(e.details()).containsEntry("record", 1684L).containsEntry("count", 1L).containsEntry("field", "위도");
  }

  @Test
  void readsTheBikeMasterJsonExportWithItsDescriptionsAndCountsZeroCoordinatesAsMissing() {
    Path file = SeoulFixtures.copy("seoul/bike_ttareungyi_station_master.json", dir);
    StagedVersion v = engine.stage(IngestRequest.of("bike-master", 1, file).withAllowOutsideArea(true), IngestProgress.NONE);
    assertThat(v.spatial().outsideArea()).isEqualTo(1);
    assertThat(v.report().format()).isEqualTo(SourceFormat.JSON);
    assertThat(v.rowCount()).isEqualTo(3262);
    assertThat(column(v, "statn_lat")).isEqualTo(new Column("statn_lat", "위도", "DOUBLE", ColumnRole.LATITUDE));
    assertThat(column(v, "statn_lnt").role()).isEqualTo(ColumnRole.LONGITUDE);
    assertThat(v.spatial().missingLocation()).isEqualTo(77);
    assertThat(v.report().warnings()).contains(
        "77 rows have no location (empty, or 0/0); they were kept without district or H3 cell.",
        "1 row lies outside the city's districts; it was kept without a district.");
    v.discard();
  }
}
