package org.madang.engine.enrich;

import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;

/**
 * Locates single points the way an upload's rows are located ({@link LocationFunctions}): the containing district, or
 * the nearest one within {@link NearbyDistricts#TOLERANCE_M}, and the H3 cell at the engine's resolution. For streams
 * of observations, which arrive a few at a time rather than as a table DuckDB scans. Immutable and thread-safe.
 */
public final class PointLocator {

  private final DistrictIndex districts;
  private final NearbyDistricts nearby;
  private final H3Binner h3;

  public PointLocator(DistrictIndex districts, H3Binner h3) {
    this.districts = districts;
    this.nearby = new NearbyDistricts(districts);
    this.h3 = h3;
  }

  /** The code of the district holding the point, or null outside every district (and for a missing 0/0). */
  public String districtCodeOf(double lon, double lat) {
    if (LocationFunctions.isMissing(lon, lat)) {
      return null;
    }
    int index = districts.indexOf(lon, lat);
    if (index < 0) {
      index = nearby.indexNear(lon, lat);
    }
    return index < 0 ? null : districts.listDistricts().get(index).code();
  }

  /** The H3 cell of the point, or null when the point is missing or not on the globe. */
  public Long h3CellOf(double lat, double lon) {
    if (LocationFunctions.isMissing(lon, lat) || !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
      return null;
    }
    return h3.cellOf(lat, lon);
  }
}
