package org.madang.catalog.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WKT read with JTS comes out as RFC 7946 GeoJSON geometry. */
class OgcGeometryEncodingTest {

  private final WKTReader wkt = new WKTReader();

  @Test
  void pointKeepsLongitudeFirst() throws Exception {
    JsonNode g = json(GeoJsonGeometry.of(wkt.read("POINT (126.9714508 37.57579422)")));
    assertThat(g.path("type").asString()).isEqualTo("Point");
    assertThat(g.path("coordinates").get(0).asDouble()).isEqualTo(126.9714508);
    assertThat(g.path("coordinates").get(1).asDouble()).isEqualTo(37.57579422);
  }

  @Test
  void polygonRingsAreWrittenExteriorCounterClockwiseAndHolesClockwise() throws Exception {
    // exterior given clockwise, hole given counter-clockwise: both the other way round from RFC 7946
    JsonNode g = json(GeoJsonGeometry.of(wkt.read("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))")));
    assertThat(g.path("type").asString()).isEqualTo("Polygon");
    assertThat(signedArea(g.path("coordinates").get(0))).isPositive();
    assertThat(signedArea(g.path("coordinates").get(1))).isNegative();
  }

  @Test
  void multiGeometriesNestOneLevelDeeper() throws Exception {
    JsonNode g = json(GeoJsonGeometry.of(wkt.read("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")));
    assertThat(g.path("type").asString()).isEqualTo("MultiPolygon");
    assertThat(g.path("coordinates").size()).isEqualTo(2);
    assertThat(g.path("coordinates").get(1).get(0).get(0).get(0).asDouble()).isEqualTo(5.0);
    JsonNode line = json(GeoJsonGeometry.of(wkt.read("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))")));
    assertThat(line.path("coordinates").get(1).get(1).get(0).asDouble()).isEqualTo(3.0);
  }

  @Test
  void collectionsListTheirMembers() throws Exception {
    JsonNode g = json(GeoJsonGeometry.of(wkt.read("GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))")));
    assertThat(g.path("type").asString()).isEqualTo("GeometryCollection");
    assertThat(g.path("geometries").findValuesAsString("type")).containsExactly("Point", "LineString");
  }

  @Test
  void emptyGeometryIsNull() throws Exception {
    assertThat(GeoJsonGeometry.of(wkt.read("POINT EMPTY"))).isNull();
    assertThat(GeoJsonGeometry.of(null)).isNull();
  }

  private static JsonNode json(Map<String, Object> geometry) {
    JsonMapper mapper = JsonMapper.shared();
    return mapper.readTree(mapper.writeValueAsString(geometry));
  }

  /** Positive for counter-clockwise rings (shoelace formula). */
  private static double signedArea(JsonNode ring) {
    double sum = 0;
    List<JsonNode> points = ring.valueStream().toList();
    for (int i = 0; i + 1 < points.size(); i++) {
      sum += points.get(i).get(0).asDouble() * points.get(i + 1).get(1).asDouble() - points.get(i + 1).get(0).asDouble() * points.get(i).get(1).asDouble();
    }
    return sum / 2;
  }
}
