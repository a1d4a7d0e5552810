package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages of rows as CKAN's datastore_search and OGC API Features ask for them. */
class ReadsPagesOfAVersionTest {

  @TempDir static Path dir;
  static DataEngine engine;
  static String table;

  @BeforeAll
  static void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
    String csv =
        "이름,종류,위도,경도,정원\n"
            + "광화문 쉼터,쉼터,37.5759,126.9768,10\n"
            + "서울역 쉼터,쉼터,37.5547,126.9707,20\n"
            + "강남 복지관,복지관,37.4979,127.0276,30\n"
            + "잠실 복지관,복지관,37.5133,127.1001,\n"
            + "100% 행복센터,센터,37.6543,127.0568,50\n";
    StagedVersion v = engine.stage(IngestRequest.of("shelters", 1, SeoulFixtures.write(dir, "shelters.csv", csv)), IngestProgress.NONE);
    v.publish();
    table = v.tableName();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static TablePage read(String q, Map<String, Object> filters, List<String> fields, String sort, double[] bbox, int limit, long offset) {
    return engine.read(new ReadRequest(table, q, filters, fields, sort, bbox, limit, offset));
  }

  private static List<Object> names(TablePage page) {
    return page.rows().stream().map(r -> r.get("ireum")).toList();
  }

  @Test
  void readsAllColumnsInFileOrderWithTheTotal() {
    TablePage page = engine.read(ReadRequest.firstRows(table, 2));
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.columns()).extracting(Column::name).containsExactly("_id", "ireum", "jongryu", "wido", "gyeongdo", "jeongwon", "district_code", "h3_cell");
    assertThat(page.rows()).hasSize(2);
    assertThat(page.rows().get(0)).containsEntry("_id", 1L).containsEntry("ireum", "광화문 쉼터").containsEntry("jeongwon", 10L);
  }

  @Test
  void searchesTextColumnsIgnoringCaseAndTreatingWildcardsAsText() {
    assertThat(names(read("복지관", Map.of(), List.of(), null, null, 10, 0))).containsExactly("강남 복지관", "잠실 복지관");
    assertThat(names(read("100%", Map.of(), List.of(), null, null, 10, 0))).containsExactly("100% 행복센터");
    assertThat(read("_", Map.of(), List.of(), null, null, 10, 0).total()).isZero();
  }

  @Test
  void filtersByValueAndByListOfValues() {
    assertThat(names(read(null, Map.of("jongryu", "쉼터"), List.of(), null, null, 10, 0))).containsExactly("광화문 쉼터", "서울역 쉼터");
    assertThat(names(read(null, Map.of("jeongwon", List.of(10, "30")), List.of(), null, null, 10, 0))).containsExactly("광화문 쉼터", "강남 복지관");
    java.util.Map<String, Object> nullFilter = new java.util.HashMap<>();
    nullFilter.put("jeongwon", null);
    assertThat(names(read(null, nullFilter, List.of(), null, null, 10, 0))).containsExactly("잠실 복지관");
  }

  @Test
  void sortsByColumnsAndPages() {
    TablePage page = read(null, Map.of(), List.of("ireum", "jeongwon"), "jeongwon desc, ireum asc", null, 2, 1);
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.columns()).extracting(Column::name).containsExactly("ireum", "jeongwon");
    assertThat(names(page)).containsExactly("강남 복지관", "서울역 쉼터");
  }

  @Test
  void keepsRowsInsideABoundingBox() {
    double[] gangnam = {127.0, 37.45, 127.2, 37.53};
    assertThat(names(read(null, Map.of(), List.of(), null, gangnam, 10, 0))).containsExactly("강남 복지관", "잠실 복지관");
  }

  @Test
  void capsTheLimit() {
    TablePage page = read(null, Map.of(), List.of(), null, null, 1_000_000, 0);
    assertThat(page.rows()).hasSize(5);
    assertThat(ReadRequest.firstRows(table, 0).limit()).isZero();
    assertThat(read(null, Map.of(), List.of(), null, null, 0, 0).total()).isEqualTo(5);
  }

  @Test
  void refusesNamesThatAreNotColumns() {
    for (ReadRequest bad :
        List.of(
            new ReadRequest(table, null, Map.of("ireum\" OR 1=1 --", "x"), List.of(), null, null, 10, 0),
            new ReadRequest(table, null, Map.of(), List.of("nope"), null, null, 10, 0),
            new ReadRequest(table, null, Map.of(), List.of(), "ireum; DROP TABLE shelters", null, 10, 0),
            new ReadRequest(table, null, Map.of(), List.of(), "nope desc", null, 10, 0))) {
      MadangException e = catchThrowableOfType(MadangException.class, () -> engine.read(bad));
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThat(e.details()).containsKey("field");
    }
    MadangException typed = catchThrowableOfType(MadangException.class, () -> read(null, Map.of("jeongwon", "many"), List.of(), null, null, 10, 0));
    assertThat(typed.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    MadangException table = catchThrowableOfType(MadangException.class, () -> engine.read(ReadRequest.firstRows("versions.\"nope__v1\"", 1)));
    assertThat(table.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(engine.read(ReadRequest.firstRows("shelters", 1)).total()).isEqualTo(5);
  }

  @Test
  void givesH3CellsAsHexAddressesAndFiltersByThem() {
    String gwanghwamun = org.madang.analytics.geo.H3Binner.toAddress(org.madang.analytics.geo.H3Binner.atResolution(9).cellOf(37.5759, 126.9768));
    TablePage page = read(null, Map.of("h3_cell", gwanghwamun), List.of(), null, null, 10, 0);
    assertThat(names(page)).containsExactly("광화문 쉼터");
    assertThat(page.rows().get(0).get("h3_cell")).isEqualTo(gwanghwamun);
    assertThat(page.columns()).filteredOn(c -> c.name().equals("h3_cell")).extracting(Column::type).containsExactly("VARCHAR");
    MadangException bad = catchThrowableOfType(MadangException.class, () -> read(null, Map.of("h3_cell", "not-a-cell"), List.of(), null, null, 10, 0));
    assertThat(bad.details()).containsEntry("field", "h3_cell");
  }

  @Test
  void aRemovedVersionReadEarlierIsReportedMissingAfterwards() {
    String csv = "이름,위도,경도\n광화문,37.5759,126.9768\n";
    StagedVersion first = engine.stage(IngestRequest.of("kiosks", 1, SeoulFixtures.write(dir, "kiosks1.csv", csv)), IngestProgress.NONE);
    first.publish();
    StagedVersion second = engine.stage(IngestRequest.of("kiosks", 2, SeoulFixtures.write(dir, "kiosks2.csv", csv)), IngestProgress.NONE);
    second.publish();
    assertThat(engine.read(ReadRequest.firstRows(first.tableName(), 10)).total()).isEqualTo(1);

    engine.dropVersion("kiosks", 1);

    MadangException gone = catchThrowableOfType(MadangException.class, () -> engine.read(ReadRequest.firstRows(first.tableName(), 10)));
    assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(engine.read(ReadRequest.firstRows("kiosks", 10)).total()).isEqualTo(1);
  }
}
