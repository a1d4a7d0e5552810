package org.madang.engine.enrich;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;

/**
 * Gives a point just outside every district to the nearest district within a tolerance. City boundary files are
 * simplified (Seoul's by 95 %), so places standing near the real boundary fall outside the drawn one: five of
 * Seoul's 2,719 bike stations did, the farthest by 115 m, and two subway elevators in 은평구 진관동 by up to 339 m.
 * A point in a neighbouring city closer than this to the drawn boundary is, in turn, counted in; the simplified file
 * cannot tell the two apart. Only points {@link DistrictIndex#indexOf} leaves outside come here, so the cost does not
 * matter.
 *
 * <p>Immutable and thread-safe once built.
 */
final class NearbyDistricts {

  /** How far outside its drawn boundary a point may lie and still belong to a district. */
  static final double TOLERANCE_M = 400;

  private static final double METRES_PER_DEGREE = 111_320;

  private final List<District> districts;
  private final STRtree tree = new STRtree();
  private final GeometryFactory factory = new GeometryFactory();

  NearbyDistricts(DistrictIndex index) {
    this.districts = index.listDistricts();
    for (int i = 0; i < districts.size(); i++) {
      tree.insert(districts.get(i).boundary().getEnvelopeInternal(), i);
    }
    tree.build();
  }

  /** The position of the nearest district within {@link #TOLERANCE_M}, or -1. */
  int indexNear(double lon, double lat) {
    double dLat = TOLERANCE_M / METRES_PER_DEGREE;
    double cos = Math.max(0.01, Math.cos(Math.toRadians(lat)));
    double dLon = dLat / cos;
    @SuppressWarnings("unchecked")
    List<Integer> candidates = tree.query(new Envelope(lon - dLon, lon + dLon, lat - dLat, lat + dLat));
    Point p = factory.createPoint(new Coordinate(lon, lat));
    int best = -1;
    double bestMetres = TOLERANCE_M;
    for (int i : candidates) {
      Coordinate[] nearest = DistanceOp.nearestPoints(districts.get(i).boundary(), p);
      double dx = (nearest[0].x - lon) * METRES_PER_DEGREE * cos;
      double dy = (nearest[0].y - lat) * METRES_PER_DEGREE;
      double metres = Math.sqrt(dx * dx + dy * dy);
      if (metres <= bestMetres) {
        best = i;
        bestMetres = metres;
      }
    }
    return best;
  }
}
