package org.madang.engine.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

class DistrictBoundariesTest {

  private static InputStream seoul() {
    return DistrictBoundariesTest.class.getResourceAsStream("/seoul/seoul_gu_juso2015_simple.geojson");
  }

  @Test
  void readsSeoulsTwentyFiveDistricts() {
    List<District> districts = DistrictBoundaries.readDistricts(seoul(), "SIG_CD", "SIG_KOR_NM", "SIG_ENG_NM");
    assertThat(districts).hasSize(25);
    DistrictIndex index = DistrictIndex.of(districts);
    assertThat(index.findByName("종로구")).get().extracting(District::code).isEqualTo("11110");
    assertThat(index.findByName("Gangnam-gu")).get().extracting(District::code).isEqualTo("11680");
    assertThat(index.findContaining(126.9768, 37.5759)).get().extracting(District::name).isEqualTo("종로구");
    assertThat(index.findContaining(129.16, 35.16)).isEmpty();
  }

  @Test
  void agreesWithExactPointInPolygonForRandomPoints() {
    List<District> districts = DistrictBoundaries.readDistricts(seoul(), "SIG_CD", "SIG_KOR_NM", "SIG_ENG_NM");
    DistrictIndex index = DistrictIndex.of(districts);
    GeometryFactory factory = new GeometryFactory();
    Random random = new Random(7);
    var box = index.bounds();
    for (int i = 0; i < 20_000; i++) {
      double lon = box.getMinX() - 0.01 + random.nextDouble() * (box.getWidth() + 0.02);
      double lat = box.getMinY() - 0.01 + random.nextDouble() * (box.getHeight() + 0.02);
      Point p = factory.createPoint(new Coordinate(lon, lat));
      int expected = -1;
      for (int d = 0; d < districts.size() && expected < 0; d++) {
        if (districts.get(d).boundary().covers(p)) {
          expected = d;
        }
      }
      assertThat(index.indexOf(lon, lat)).as("%f, %f", lon, lat).isEqualTo(expected);
    }
  }

  @Test
  void explainsWhatIsWrongWithABoundaryFile() {
    String noName = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"SIG_CD\":\"1\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}";
    MadangException e =
        catchThrowableOfType(
            MadangException.class,
            () -> DistrictBoundaries.read(new ByteArrayInputStream(noName.getBytes(StandardCharsets.UTF_8)), "SIG_CD", "SIG_KOR_NM", null));
    assertThat(e.getMessage()).isEqualTo("Feature 1 of the boundary file lacks the property SIG_KOR_NM.");
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_FILE);
    assertThat(e.details()).containsEntry("field", "SIG_KOR_NM").containsEntry("feature", 1);
    MadangException notGeoJson =
        catchThrowableOfType(
            MadangException.class,
            () -> DistrictBoundaries.read(new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8)), "a", "b", null));
    assertThat(notGeoJson.getMessage()).isEqualTo("The boundary file is not a GeoJSON FeatureCollection.");
  }
}
