package org.madang.engine.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a city's district boundaries from a GeoJSON FeatureCollection (WGS84 longitude/latitude) into a {@link
 * DistrictIndex}. Seoul's 25 구 come from {@code seoul_gu_juso2015_simple.geojson} with the properties {@code SIG_CD},
 * {@code SIG_KOR_NM} and {@code SIG_ENG_NM}: see {@link #readSeoulGu(InputStream)}.
 */
public final class DistrictBoundaries {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DistrictBoundaries() {}

  /**
   * The districts of a GeoJSON FeatureCollection, in file order.
   *
   * @param codeProperty the feature property holding the district code (required in every feature)
   * @param nameProperty the property holding the local name (required)
   * @param nameEnProperty the property holding the English name, or null; the local name stands in when missing
   * @throws MadangException MALFORMED_FILE with a sentence naming the feature when the file is not such a collection
   */
  public static List<District> readDistricts(
      InputStream geojson, String codeProperty, String nameProperty, String nameEnProperty) {
    JsonNode root;
    try (geojson) {
      root = JSON.readTree(geojson);
    } catch (JacksonException e) {
      throw malformed("The boundary file is not valid JSON.", Map.of(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode features = root == null ? null : root.get("features");
    if (features == null || !features.isArray()) {
      throw malformed("The boundary file is not a GeoJSON FeatureCollection.", Map.of(), null);
    }
    List<District> districts = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    int n = 0;
    for (JsonNode feature : features) {
      n++;
      JsonNode properties = feature.get("properties");
      String code = property(properties, codeProperty);
      String name = property(properties, nameProperty);
      if (code == null || name == null) {
        String missing = code == null ? codeProperty : nameProperty;
        throw malformed("Feature " + n + " of the boundary file lacks the property " + missing + ".", Map.of("field", missing, "feature", n), null);
      }
      if (!codes.add(code)) {
        throw malformed("District code " + code + " appears twice in the boundary file.", Map.of("field", codeProperty, "feature", n), null);
      }
      String nameEn = nameEnProperty == null ? null : property(properties, nameEnProperty);
      Geometry boundary;
      try {
        boundary = GeoJsonGeometry.read(feature.get("geometry"));
      } catch (IllegalArgumentException e) {
        throw malformed("Feature " + n + " of the boundary file has a broken geometry: " + e.getMessage() + ".", Map.of("feature", n), e);
      }
      if (boundary == null || boundary.getDimension() != 2) {
        throw malformed("Feature " + n + " of the boundary file is not a polygon.", Map.of("feature", n), null);
      }
      districts.add(new District(code, name, nameEn == null ? name : nameEn, boundary));
    }
    if (districts.isEmpty()) {
      throw malformed("The boundary file has no features.", Map.of(), null);
    }
    return districts;
  }

  private static MadangException malformed(String message, Map<String, ?> details, Throwable cause) {
    return new MadangException(ErrorCode.MALFORMED_FILE, message, details, cause);
  }

  /** The index over {@link #readDistricts}. */
  public static DistrictIndex read(InputStream geojson, String codeProperty, String nameProperty, String nameEnProperty) {
    return DistrictIndex.of(readDistricts(geojson, codeProperty, nameProperty, nameEnProperty));
  }

  /** Seoul's 구 from the JUSO 2015 boundary file ({@code SIG_CD}, {@code SIG_KOR_NM}, {@code SIG_ENG_NM}). */
  public static DistrictIndex readSeoulGu(InputStream geojson) {
    return read(geojson, "SIG_CD", "SIG_KOR_NM", "SIG_ENG_NM");
  }

  private static String property(JsonNode properties, String name) {
    if (properties == null || name == null) {
      return null;
    }
    JsonNode v = properties.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    String s = v.isString() ? v.asString() : v.toString();
    return s.isBlank() ? null : s.strip();
  }
}
