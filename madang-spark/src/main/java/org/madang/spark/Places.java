package org.madang.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;

/**
 * Where a point lies: its H3 cell or its district, computed on the executors with the analytics library's own {@link
 * H3Binner} and {@link DistrictIndex}, exactly as the embedded engine computes them inside DuckDB (the engine's
 * madang_h3_at and madang_district_containing follow the same rule: no place for missing coordinates or coordinates
 * off the globe). Serializable: Spark ships it to the
 * executors, which build the district index once per JVM.
 */
final class Places implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<String[]> districts;
  private transient DistrictIndex index;

  private Places(List<String[]> districts) {
    this.districts = districts;
  }

  /** The districts of a job file ({@code [{code, name, wkb}]}); none when the job needs none. */
  static Places of(com.fasterxml.jackson.databind.JsonNode list) {
    List<String[]> out = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode d : list) {
      out.add(new String[] {d.path("code").asText(), d.path("name").asText(), d.path("wkb").asText()});
    }
    return new Places(out);
  }

  static boolean usable(Double lon, Double lat) {
    return lon != null && lat != null && !lon.isNaN() && !lat.isNaN() && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  }

  /** The H3 cell address of a point at a resolution, or null. */
  static String cell(Double lat, Double lon, Integer resolution) {
    if (!usable(lon, lat)) {
      return null;
    }
    return H3Binner.toAddress(H3Binner.atResolution(resolution).cellOf(lat, lon));
  }

  /** The cells within {@code k} steps of a cell (the cell itself first among them), as addresses. */
  static List<String> disk(String address, int k) {
    List<String> out = new ArrayList<>();
    for (long c : H3Binner.ring(Long.parseUnsignedLong(address, 16), k)) {
      out.add(H3Binner.toAddress(c));
    }
    return out;
  }

  /** The code of the district containing a point, or null (outside the city, or no coordinates). */
  String district(Double lon, Double lat) {
    if (!usable(lon, lat)) {
      return null;
    }
    return index().findContaining(lon, lat).map(District::code).orElse(null);
  }

  private synchronized DistrictIndex index() {
    if (index == null) {
      if (districts.isEmpty()) {
        throw JobFailure.invalid("The job locates points in districts but lists none.", "districts");
      }
      List<District> list = new ArrayList<>();
      WKBReader reader = new WKBReader();
      for (String[] d : districts) {
        try {
          list.add(new District(d[0], d[1], d[1], reader.read(HexFormat.of().parseHex(d[2]))));
        } catch (ParseException | IllegalArgumentException e) {
          throw JobFailure.invalid("The boundary of district " + d[0] + " is not valid WKB.", "districts");
        }
      }
      index = DistrictIndex.of(list);
    }
    return index;
  }
}
