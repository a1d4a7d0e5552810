package org.madang.analytics.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

class DistrictIndexTest {

  private static final GeometryFactory FACTORY = new GeometryFactory();
  private static final Envelope CITY = new Envelope(126.76, 127.19, 37.42, 37.70);

  /** Thirty irregular districts tiling a city-sized box (a Voronoi diagram), the last one with a hole. */
  private static List<District> districts(long seed) {
    Random random = new Random(seed);
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sites.add(new Coordinate(CITY.getMinX() + random.nextDouble() * CITY.getWidth(), CITY.getMinY() + random.nextDouble() * CITY.getHeight()));
    }
    VoronoiDiagramBuilder voronoi = new VoronoiDiagramBuilder();
    voronoi.setSites(sites);
    voronoi.setClipEnvelope(CITY);
    Geometry cells = voronoi.getDiagram(FACTORY);
    Geometry clip = FACTORY.toGeometry(CITY);
    List<District> districts = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      Geometry cell = cells.getGeometryN(i).intersection(clip);
      if (i == cells.getNumGeometries() - 1) {
        cell = cell.difference(cell.getInteriorPoint().buffer(0.004));
      }
      districts.add(new District(String.valueOf(11000 + i), "구" + i, "Gu " + i, cell));
    }
    return districts;
  }

  private static int exactly(List<District> districts, double lon, double lat) {
    Point p = FACTORY.createPoint(new Coordinate(lon, lat));
    for (int i = 0; i < districts.size(); i++) {
      if (districts.get(i).boundary().covers(p)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void rasterFastPathAgreesWithExactPointInPolygon() {
    List<District> districts = districts(42);
    DistrictIndex index = DistrictIndex.of(districts);
    Random random = new Random(1);
    Envelope around = new Envelope(CITY);
    around.expandBy(0.02);
    for (int i = 0; i < 200_000; i++) {
      double lon = around.getMinX() + random.nextDouble() * around.getWidth();
      double lat = around.getMinY() + random.nextDouble() * around.getHeight();
      assertThat(index.indexOf(lon, lat)).as("%f, %f", lon, lat).isEqualTo(exactly(districts, lon, lat));
    }
  }

  @Test
  void agreesOnPointsOnSharedBoundariesAndVertices() {
    List<District> districts = districts(3);
    DistrictIndex index = DistrictIndex.of(districts);
    for (District d : districts) {
      for (Coordinate c : d.boundary().getCoordinates()) {
        assertThat(index.indexOf(c.x, c.y)).isEqualTo(exactly(districts, c.x, c.y));
      }
    }
  }

  @Test
  void agreesOnAndBesideTheMiddlesOfBoundaryEdges() {
    // the points a boundary cell's candidate districts have to settle between
    List<District> districts = districts(5);
    DistrictIndex index = DistrictIndex.of(districts);
    int checked = 0;
    for (District d : districts) {
      Coordinate[] ring = d.boundary().getCoordinates();
      for (int v = 0; v + 1 < ring.length; v++) {
        double lon = (ring[v].x + ring[v + 1].x) / 2;
        double lat = (ring[v].y + ring[v + 1].y) / 2;
        for (double eps : new double[] {0, 1e-9, -1e-9, 1e-6, -1e-6}) {
          assertThat(index.indexOf(lon + eps, lat)).as("%s, %s", lon + eps, lat).isEqualTo(exactly(districts, lon + eps, lat));
          assertThat(index.indexOf(lon, lat + eps)).as("%s, %s", lon, lat + eps).isEqualTo(exactly(districts, lon, lat + eps));
          checked += 2;
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void seesTheHoleInADistrict() {
    List<District> districts = districts(42);
    DistrictIndex index = DistrictIndex.of(districts);
    Geometry holed = districts.get(districts.size() - 1).boundary();
    Point inHole = FACTORY.createPolygon(((org.locationtech.jts.geom.Polygon) holed.getGeometryN(0)).getInteriorRingN(0).getCoordinates()).getCentroid();
    assertThat(index.indexOf(inHole.getX(), inHole.getY())).isEqualTo(exactly(districts, inHole.getX(), inHole.getY())).isNotEqualTo(districts.size() - 1);
  }

  @Test
  void findsDistrictsByNameAndCode() {
    DistrictIndex index =
        DistrictIndex.of(List.of(new District("11110", "종로구", "Jongno-gu", FACTORY.toGeometry(new Envelope(0, 1, 0, 1)))));
    assertThat(index.findByName("종로구")).isPresent();
    assertThat(index.findByName("종로")).isPresent();
    assertThat(index.findByName("Jongno-gu")).isPresent();
    assertThat(index.findByName(" jongno ")).isPresent();
    assertThat(index.findByName("중구")).isEmpty();
    assertThat(index.findByCode("11110")).isPresent();
    assertThat(index.findByCode("11140")).isEmpty();
  }
}
