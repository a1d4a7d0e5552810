package org.madang.engine.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.DataEngine;
import org.madang.engine.SeoulFixtures;
import org.madang.engine.TablePage;

/**
 * The functions the analyses group by inside DuckDB give, for random points over Seoul and well beyond it, exactly
 * what the analytics library gives in Java: {@code madang_h3_at} the cell of {@link H3Binner#cellOf} at several
 * resolutions (before and after the city's cells are drawn), {@code madang_district_containing} the district of
 * {@code DistrictIndex.findContaining}.
 */
class CellAndDistrictFunctionsTest {

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

  /** 20,000 points from 36.9 to 38.1 N and 126.4 to 127.6 E: Seoul and about 50 km around it. */
  static TablePage points(String function) {
    return engine.query("SELECT lat, lon, " + function + " AS v FROM (SELECT 36.9 + 1.2 * random() AS lat, 126.4 + 1.2 * random() AS lon FROM range(20000))", 20_000);
  }

  @Test
  void cellsAtAnyResolutionAreH3s() throws InterruptedException {
    for (int resolution : new int[] {6, 8, 9, 11}) {
      H3Binner h3 = H3Binner.atResolution(resolution);
      // the first query asks H3 while the city's cells are drawn; the later ones use the drawn cells
      for (int round = 0; round < 3; round++) {
        TablePage page = points("madang_h3_at(lat, lon, " + resolution + ")");
        assertThat(page.rows()).hasSize(20_000);
        for (Map<String, Object> row : page.rows()) {
          double lat = ((Number) row.get("lat")).doubleValue();
          double lon = ((Number) row.get("lon")).doubleValue();
          assertThat(((Number) row.get("v")).longValue()).as("%s, %s at %d", lat, lon, resolution).isEqualTo(h3.cellOf(lat, lon));
        }
        Thread.sleep(300);
      }
    }
  }

  @Test
  void missingOrImpossibleCoordinatesHaveNoCellButZeroZeroHasOne() {
    TablePage page = engine.query("SELECT madang_h3_at(NULL, 127.0, 8) AS a, madang_h3_at(37.5, 'nan'::DOUBLE, 8) AS b, madang_h3_at(91, 127.0, 8) AS c, "
        + "madang_h3_at(37.5, -181, 8) AS d, madang_h3_at(0, 0, 8) AS e", 1);
    Map<String, Object> row = page.rows().get(0);
    assertThat(row.get("a")).isNull();
    assertThat(row.get("b")).isNull();
    assertThat(row.get("c")).isNull();
    assertThat(row.get("d")).isNull();
    assertThat(((Number) row.get("e")).longValue()).isEqualTo(H3Binner.atResolution(8).cellOf(0, 0));
  }

  @Test
  void containingDistrictIsTheIndexsWithoutTolerance() {
    TablePage page = points("madang_district_containing(lon, lat)");
    int inside = 0;
    for (Map<String, Object> row : page.rows()) {
      double lat = ((Number) row.get("lat")).doubleValue();
      double lon = ((Number) row.get("lon")).doubleValue();
      Object v = row.get("v");
      String code = v == null ? null : engine.districts().listDistricts().get(((Number) v).intValue()).code();
      assertThat(code).as("%s, %s", lat, lon).isEqualTo(engine.districts().findContaining(lon, lat).map(District::code).orElse(null));
      inside += v == null ? 0 : 1;
    }
    // Seoul covers about 4% of the box: both answers are exercised
    assertThat(inside).isBetween(400, 19_600);
  }
}
