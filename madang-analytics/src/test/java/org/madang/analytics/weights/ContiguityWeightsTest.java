package org.madang.analytics.weights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Envelope;
import org.madang.analytics.fixtures.FixtureFiles;
import org.madang.analytics.fixtures.GeoJsonFeatures;

class ContiguityWeightsTest {

  private static final GeometryFactory FACTORY = new GeometryFactory();

  private static Geometry square(double x, double y, double size) {
    return FACTORY.toGeometry(new Envelope(x, x + size, y, y + size));
  }

  @Test
  void queenContiguityBuiltFromColumbusPolygonsEqualsThePublishedGalFile() {
    GeoJsonFeatures columbus = GeoJsonFeatures.readResource("/spatial_autocorrelation/columbus/columbus.geojson");
    List<String> ids = columbus.texts("POLYID");
    SpatialWeights built = ContiguityWeights.queen(ids, columbus.geometries(), 0);
    SpatialWeights published = GalFile.read(FixtureFiles.reader("/spatial_autocorrelation/columbus/columbus_queen.gal"))
        .alignedTo(ids);
    for (int i = 0; i < built.size(); i++) {
      assertThat(built.neighboursOf(i)).as("neighbours of %s", ids.get(i)).containsExactly(published.neighboursOf(i));
    }
  }

  @Test
  void rookNeighboursAreQueenNeighboursThatShareAnEdge() {
    GeoJsonFeatures columbus = GeoJsonFeatures.readResource("/spatial_autocorrelation/columbus/columbus.geojson");
    List<String> ids = columbus.texts("POLYID");
    SpatialWeights queen = ContiguityWeights.queen(ids, columbus.geometries(), 0);
    SpatialWeights rook = ContiguityWeights.rook(ids, columbus.geometries(), 0);
    assertThat(rook.linkCount()).isLessThan(queen.linkCount());
    for (int i = 0; i < rook.size(); i++) {
      assertThat(queen.neighboursOf(i)).contains(rook.neighboursOf(i));
    }
    assertThat(rook.isSymmetric()).isTrue();
  }

  @Test
  void squaresMeetingAtACornerAreQueenButNotRookNeighbours() {
    List<Geometry> squares = List.of(square(0, 0, 1), square(1, 0, 1), square(1, 1, 1));
    List<String> ids = List.of("a", "b", "c");
    assertThat(ContiguityWeights.queen(ids, squares, 0).neighboursOf(0)).containsExactly(1, 2);
    assertThat(ContiguityWeights.rook(ids, squares, 0).neighboursOf(0)).containsExactly(1);
  }

  @Test
  void snappingJoinsBoundariesDigitisedWithTinyCoordinateNoise() {
    Geometry left = square(0, 0, 1);
    Geometry right = FACTORY.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
      new org.locationtech.jts.geom.Coordinate(1.0 + 3e-9, 0.0 - 2e-9),
      new org.locationtech.jts.geom.Coordinate(2, 0),
      new org.locationtech.jts.geom.Coordinate(2, 1),
      new org.locationtech.jts.geom.Coordinate(1.0 - 4e-9, 1.0 + 1e-9),
      new org.locationtech.jts.geom.Coordinate(1.0 + 3e-9, 0.0 - 2e-9)});
    List<String> ids = List.of("left", "right");
    assertThat(ContiguityWeights.rook(ids, List.of(left, right), 0).linkCount()).isZero();
    assertThat(ContiguityWeights.rook(ids, List.of(left, right), 1e-6).neighboursOf(0)).containsExactly(1);
    assertThat(ContiguityWeights.queen(ids, List.of(left, right), 1e-6).neighboursOf(1)).containsExactly(0);
  }
}
