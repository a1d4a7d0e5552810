package org.madang.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.madang.MadangProperties;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The city's districts as GeoJSON: what every map draws instead of internet tiles. */
@RestController
class CityController {

  private final DistrictIndex districts;
  private final MadangProperties properties;
  private volatile GeoJsonDocument districtsDocument;

  private record GeoJsonDocument(byte[] bytes, String etag) {}

  CityController(DistrictIndex districts, MadangProperties properties) {
    this.districts = districts;
    this.properties = properties;
  }

  /**
   * The boundaries do not change while the platform runs, so the document is serialized once and served as bytes with
   * an ETag (every dashboard and map asks for it on load; serializing ~1 MB of coordinates per request cost 4x a
   * static file).
   */
  @GetMapping(path = "/api/districts", produces = "application/geo+json")
  ResponseEntity<byte[]> districts(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    GeoJsonDocument doc = districtsDocument();
    boolean unchanged = doc.etag().equals(ifNoneMatch);
    return ResponseEntity.status(unchanged ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1))).eTag(doc.etag())
        .contentType(MediaType.parseMediaType("application/geo+json")).body(unchanged ? null : doc.bytes());
  }

  private GeoJsonDocument districtsDocument() {
    GeoJsonDocument doc = districtsDocument;
    if (doc == null) {
      List<Map<String, Object>> features = districts.listDistricts().stream().map(CityController::feature).toList();
      Map<String, Object> fc = new LinkedHashMap<>();
      fc.put("type", "FeatureCollection");
      fc.put("name", properties.city().nameEn());
      fc.put("features", features);
      byte[] bytes = JsonMapper.shared().writeValueAsBytes(fc);
      String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "-" + bytes.length + "\"";
      districtsDocument = doc = new GeoJsonDocument(bytes, etag);
    }
    return doc;
  }

  @GetMapping("/api/city")
  Map<String, Object> city() {
    var b = districts.bounds();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", properties.city().name());
    m.put("name_en", properties.city().nameEn());
    m.put("bbox", List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()));
    m.put("districts", districts.listDistricts().stream().map(d -> Map.of("code", d.code(), "name", d.name(), "name_en", d.nameEn())).toList());
    return m;
  }

  private static Map<String, Object> feature(District d) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "Feature");
    f.put("id", d.code());
    f.put("properties", Map.of("code", d.code(), "name", d.name(), "name_en", d.nameEn()));
    f.put("geometry", geometry(d.boundary()));
    return f;
  }

  static Map<String, Object> geometry(Geometry g) {
    if (g instanceof Polygon p) {
      return Map.of("type", "Polygon", "coordinates", rings(p));
    }
    if (g instanceof MultiPolygon mp) {
      List<Object> parts = new java.util.ArrayList<>();
      for (int i = 0; i < mp.getNumGeometries(); i++) {
        parts.add(rings((Polygon) mp.getGeometryN(i)));
      }
      return Map.of("type", "MultiPolygon", "coordinates", parts);
    }
    throw new IllegalStateException("a district boundary is a Polygon or MultiPolygon");
  }

  private static List<Object> rings(Polygon p) {
    List<Object> rings = new java.util.ArrayList<>();
    rings.add(ring(p.getExteriorRing().getCoordinates()));
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      rings.add(ring(p.getInteriorRingN(i).getCoordinates()));
    }
    return rings;
  }

  private static List<double[]> ring(org.locationtech.jts.geom.Coordinate[] cs) {
    return java.util.Arrays.stream(cs).map(c -> new double[] {c.x, c.y}).toList();
  }
}
