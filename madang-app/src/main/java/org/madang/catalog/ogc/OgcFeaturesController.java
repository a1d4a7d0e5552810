package org.madang.catalog.ogc;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetColumn;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetVersion;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.SpatialInfo;
import org.madang.engine.TablePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * OGC API - Features, Part 1 (Core, GeoJSON, OpenAPI 3.0) at {@code /ogc}: every spatial dataset the caller may see
 * is a collection named like the dataset, its rows are features with {@code id} = {@code _id}. Items come a page at a
 * time ({@code limit} 1 to {@value #MAX_LIMIT}, {@code offset}, {@code next}/{@code prev} links), filtered by
 * {@code bbox} (CRS84) and by {@code column=value} on any property (the collection's queryables). Errors are OGC
 * exception JSON, not problem+json. {@code datetime} is accepted and ignored: rows carry no temporal geometry.
 */
@RestController
@RequestMapping("/ogc")
class OgcFeaturesController {

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 10000;
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
  static final MediaType OPENAPI = MediaType.parseMediaType("application/vnd.oai.openapi+json;version=3.0");
  static final MediaType JSON_SCHEMA = MediaType.parseMediaType("application/schema+json");

  private static final Logger log = LoggerFactory.getLogger(OgcFeaturesController.class);
  private static final List<String> CONFORMANCE = List.of(
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
      "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters");
  private static final Set<String> ITEM_PARAMETERS = Set.of("limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "f");

  private final DatasetService datasets;
  private final DistrictIndex districtIndex;
  private final String title;
  /** Each district's boundary as GeoJSON, by code: the geometry of rows located only by district. */
  private final Map<String, Map<String, Object>> districtGeometries = new LinkedHashMap<>();

  OgcFeaturesController(DatasetService datasets, DistrictIndex districtIndex, MadangProperties properties) {
    this.datasets = datasets;
    this.districtIndex = districtIndex;
    this.title = "마당 " + properties.city().name() + " OGC API - Features";
    for (District d : districtIndex.listDistricts()) {
      districtGeometries.put(d.code(), GeoJsonGeometry.of(d.boundary()));
    }
  }

  @GetMapping({"", "/"})
  ResponseEntity<Map<String, Object>> landingPage(@RequestParam(required = false) String f) {
    checkFormat(f);
    String base = ogcUrl();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("description", "The spatial datasets of the catalog as feature collections, in GeoJSON.");
    m.put("links", List.of(
        link(base, "self", "application/json", "This document"),
        link(base + "/api", "service-desc", OPENAPI.toString(), "The API definition (OpenAPI 3.0)"),
        link(base + "/conformance", "conformance", "application/json", "The conformance classes implemented"),
        link(base + "/collections", "data", "application/json", "The feature collections")));
    return json(m, MediaType.APPLICATION_JSON);
  }

  @GetMapping("/conformance")
  ResponseEntity<Map<String, Object>> conformance(@RequestParam(required = false) String f) {
    checkFormat(f);
    return json(Map.of("conformsTo", CONFORMANCE), MediaType.APPLICATION_JSON);
  }

  @GetMapping("/api")
  ResponseEntity<Map<String, Object>> api(@RequestParam(required = false) String f) {
    checkFormat(f);
    List<OgcApiDocument.CollectionPath> collections = new ArrayList<>();
    for (CatalogSearch.Hit hit : listSpatial()) {
      collections.add(new OgcApiDocument.CollectionPath(hit.dataset().name(), new FeatureSchema(hit.current()).properties()));
    }
    return json(OgcApiDocument.of(ogcUrl(), title, collections), OPENAPI);
  }

  @GetMapping("/collections")
  ResponseEntity<Map<String, Object>> collections(@RequestParam(required = false) String f) {
    checkFormat(f);
    List<Map<String, Object>> collections = new ArrayList<>();
    for (CatalogSearch.Hit hit : listSpatial()) {
      collections.add(collection(hit.dataset(), hit.current()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("links", List.of(link(ogcUrl() + "/collections", "self", "application/json", "The feature collections")));
    m.put("collections", collections);
    return json(m, MediaType.APPLICATION_JSON);
  }

  @GetMapping("/collections/{collectionId}")
  ResponseEntity<Map<String, Object>> collection(@PathVariable String collectionId, @RequestParam(required = false) String f) {
    checkFormat(f);
    SpatialDataset c = getCollection(collectionId);
    return json(collection(c.dataset(), c.version()), MediaType.APPLICATION_JSON);
  }

  @GetMapping("/collections/{collectionId}/queryables")
  ResponseEntity<Map<String, Object>> queryables(@PathVariable String collectionId, @RequestParam(required = false) String f) {
    checkFormat(f);
    SpatialDataset c = getCollection(collectionId);
    Map<String, Object> properties = new LinkedHashMap<>();
    for (DatasetColumn column : c.schema().properties()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("title", column.label() == null ? column.name() : column.label());
      p.put("type", FeatureSchema.jsonType(column));
      properties.put(column.name(), p);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    m.put("$id", ogcUrl() + "/collections/" + collectionId + "/queryables");
    m.put("type", "object");
    m.put("title", c.dataset().titleKo());
    m.put("properties", properties);
    m.put("additionalProperties", false);
    return json(m, JSON_SCHEMA);
  }

  @GetMapping("/collections/{collectionId}/items")
  ResponseEntity<Map<String, Object>> items(@PathVariable String collectionId, @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = "Accept", required = false) String accept) {
    MediaType type = featuresType(parameters.getFirst("f"), accept);
    SpatialDataset c = getCollection(collectionId);
    int limit = (int) integer(parameters.getFirst("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long offset = integer(parameters.getFirst("offset"), "offset", 0, 0, Long.MAX_VALUE);
    checkCrs(parameters.getFirst("bbox-crs"), "bbox-crs");
    checkCrs(parameters.getFirst("crs"), "crs");
    double[] bbox = bbox(parameters.getFirst("bbox"));
    Map<String, Object> filters = new LinkedHashMap<>();
    for (var entry : parameters.entrySet()) {
      if (ITEM_PARAMETERS.contains(entry.getKey())) {
        continue;
      }
      DatasetColumn column = c.schema().findProperty(entry.getKey()).orElseThrow(() -> OgcException.invalidParameter(
          "The parameter '" + entry.getKey() + "' is neither an OGC API parameter nor a queryable of '" + collectionId + "'."));
      List<Object> values = new ArrayList<>();
      for (String v : entry.getValue()) {
        try {
          values.add(FeatureSchema.parseValue(column, v));
        } catch (IllegalArgumentException e) {
          throw OgcException.invalidParameter("The parameter '" + entry.getKey() + "' is invalid: " + e.getMessage() + ".");
        }
      }
      filters.put(column.name(), values.size() == 1 ? values.get(0) : values);
    }

    TablePage page = datasets.readRows(Viewer.current(), collectionId, null,
        new ReadRequest(null, null, filters, List.of(), null, bbox, limit, offset));
    WKTReader wkt = new WKTReader();
    List<Map<String, Object>> features = page.rows().stream().map(row -> c.schema().feature(row, districtGeometries, wkt)).toList();
    return json(featureCollection(features, page.total(), offset, limit, c, parameters, type), type);
  }

  @GetMapping("/collections/{collectionId}/items/{featureId}")
  ResponseEntity<Map<String, Object>> item(@PathVariable String collectionId, @PathVariable String featureId,
      @RequestParam(required = false) String f, @RequestHeader(name = "Accept", required = false) String accept) {
    MediaType type = featuresType(f, accept);
    SpatialDataset c = getCollection(collectionId);
    long id;
    try {
      id = Long.parseLong(featureId);
    } catch (NumberFormatException e) {
      throw OgcException.notFound("The collection '" + collectionId + "' has no feature '" + featureId + "'.");
    }
    TablePage page = datasets.readRows(Viewer.current(), collectionId, null,
        new ReadRequest(null, null, Map.of(c.schema().idColumn(), id), List.of(), null, null, 1, 0));
    if (page.rows().isEmpty()) {
      throw OgcException.notFound("The collection '" + collectionId + "' has no feature '" + featureId + "'.");
    }
    Map<String, Object> feature = c.schema().feature(page.rows().get(0), districtGeometries, new WKTReader());
    String items = ogcUrl() + "/collections/" + collectionId + "/items";
    feature.put("links", List.of(
        link(items + "/" + id, "self", type.toString(), "This feature"),
        link(ogcUrl() + "/collections/" + collectionId, "collection", "application/json", c.dataset().titleKo())));
    return json(feature, type);
  }

  // ---- collections

  /** The located datasets the caller may see, by name. */
  private List<CatalogSearch.Hit> listSpatial() {
    var query = new CatalogSearch.Query(null, Set.of(), Set.of(), Set.of(), Set.of(), true, "name asc", 0, Integer.MAX_VALUE, false);
    return datasets.search(Viewer.current(), query).hits().stream().filter(h -> h.current() != null && h.current().spatial() != null).toList();
  }

  private record SpatialDataset(Dataset dataset, DatasetVersion version, FeatureSchema schema) {}

  /** The collection if the caller may see the dataset and it is located; missing otherwise, so restricted data stays unknown. */
  private SpatialDataset getCollection(String id) {
    Viewer viewer = Viewer.current();
    Dataset d = datasets.findVisible(viewer, id).filter(x -> x.currentVersion() != null)
        .orElseThrow(() -> OgcException.notFound("There is no collection '" + id + "'."));
    DatasetVersion v = datasets.getVersion(viewer, id, null);
    if (v.spatial() == null) {
      throw OgcException.notFound("There is no collection '" + id + "': the dataset has no locations.");
    }
    return new SpatialDataset(d, v, new FeatureSchema(v));
  }

  private Map<String, Object> collection(Dataset d, DatasetVersion v) {
    String url = ogcUrl() + "/collections/" + d.name();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.name());
    m.put("title", d.titleKo());
    if (d.descriptionKo() != null) {
      m.put("description", d.descriptionKo());
    }
    if (!d.tags().isEmpty()) {
      m.put("keywords", d.tags());
    }
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(link(url, "self", "application/json", d.titleKo()));
    links.add(link(url + "/items", "items", GEO_JSON.toString(), d.titleKo()));
    links.add(link(url + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", JSON_SCHEMA.toString(), "Queryables"));
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    links.add(link(base + "/api/datasets/" + d.name() + "/download?format=geojson", "enclosure", GEO_JSON.toString(), "The whole dataset"));
    m.put("links", links);
    Map<String, Object> extent = new LinkedHashMap<>();
    extent.put("spatial", Map.of("bbox", List.of(bbox(v.spatial())), "crs", CRS84));
    if (d.temporalStart() != null || d.temporalEnd() != null) {
      List<String> interval = Arrays.asList(d.temporalStart() == null ? null : d.temporalStart() + "T00:00:00Z",
          d.temporalEnd() == null ? null : d.temporalEnd() + "T23:59:59Z");
      extent.put("temporal", Map.of("interval", List.of(interval), "trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"));
    }
    m.put("extent", extent);
    m.put("itemType", "feature");
    m.put("crs", List.of(CRS84));
    return m;
  }

  /** The located rows' box, or the city's for data located by district or with nothing located. */
  private double[] bbox(SpatialInfo s) {
    if (s.kind() != SpatialInfo.Kind.DISTRICTS && !Double.isNaN(s.minLon()) && !Double.isNaN(s.minLat())
        && !Double.isNaN(s.maxLon()) && !Double.isNaN(s.maxLat())) {
      return new double[] {s.minLon(), s.minLat(), s.maxLon(), s.maxLat()};
    }
    Envelope city = districtIndex.bounds();
    return new double[] {city.getMinX(), city.getMinY(), city.getMaxX(), city.getMaxY()};
  }

  private Map<String, Object> featureCollection(List<Map<String, Object>> features, long matched, long offset, int limit, SpatialDataset c,
      MultiValueMap<String, String> parameters, MediaType type) {
    String items = ogcUrl() + "/collections/" + c.dataset().name() + "/items";
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(link(items + query(parameters, offset, limit), "self", type.toString(), "This page"));
    if (offset + features.size() < matched) {
      links.add(link(items + query(parameters, offset + limit, limit), "next", type.toString(), "The next page"));
    }
    if (offset > 0) {
      links.add(link(items + query(parameters, Math.max(0, offset - limit), limit), "prev", type.toString(), "The previous page"));
    }
    links.add(link(ogcUrl() + "/collections/" + c.dataset().name(), "collection", "application/json", c.dataset().titleKo()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "FeatureCollection");
    m.put("features", features);
    m.put("numberMatched", matched);
    m.put("numberReturned", features.size());
    m.put("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    m.put("links", links);
    return m;
  }

  /** The request's parameters with another offset and limit, percent-encoded. */
  private static String query(MultiValueMap<String, String> parameters, long offset, int limit) {
    StringBuilder q = new StringBuilder();
    for (var entry : parameters.entrySet()) {
      if (entry.getKey().equals("offset") || entry.getKey().equals("limit")) {
        continue;
      }
      for (String v : entry.getValue()) {
        q.append(q.isEmpty() ? "?" : "&").append(encode(entry.getKey())).append('=').append(encode(v));
      }
    }
    q.append(q.isEmpty() ? "?" : "&").append("limit=").append(limit);
    if (offset > 0) {
      q.append("&offset=").append(offset);
    }
    return q.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- parameters

  private static void checkFormat(String f) {
    if (f != null && !f.equalsIgnoreCase("json") && !f.equalsIgnoreCase("geojson")) {
      throw OgcException.invalidParameter("The format f=" + f + " is not offered; use f=json.");
    }
  }

  /** GeoJSON unless the client asks for plain JSON and not GeoJSON. */
  private static MediaType featuresType(String f, String accept) {
    checkFormat(f);
    if (f == null && accept != null && !accept.contains("application/geo+json") && accept.contains("application/json")) {
      return MediaType.APPLICATION_JSON;
    }
    return GEO_JSON;
  }

  private static void checkCrs(String crs, String name) {
    if (crs != null && !crs.equals(CRS84) && !crs.equals("[OGC:CRS84]")) {
      throw OgcException.invalidParameter("The parameter '" + name + "' must be " + CRS84 + ", the only coordinate system offered.");
    }
  }

  private static long integer(String text, String name, long defaultValue, long min, long max) {
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(text.strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw OgcException.invalidParameter("The parameter '" + name + "' must be an integer from " + min
          + (max == Long.MAX_VALUE ? "" : " to " + max) + ", not '" + text + "'.");
    }
  }

  /** minLon,minLat,maxLon,maxLat (or the 3D form with heights, which are ignored) in CRS84. */
  static double[] bbox(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",");
    try {
      double[] n = Arrays.stream(parts).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
      double[] b = n.length == 4 ? n : n.length == 6 ? new double[] {n[0], n[1], n[3], n[4]} : null;
      if (b == null || Arrays.stream(b).anyMatch(x -> !Double.isFinite(x)) || b[1] > b[3] || b[0] > b[2]
          || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
        throw new NumberFormatException();
      }
      return b;
    } catch (NumberFormatException e) {
      throw OgcException.invalidParameter("The parameter 'bbox' must be minLon,minLat,maxLon,maxLat in CRS84 with min <= max, not '"
          + text + "'.");
    }
  }

  // ---- responses

  private String ogcUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() + "/ogc";
  }

  private static Map<String, Object> link(String href, String rel, String type, String title) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("href", href);
    l.put("rel", rel);
    l.put("type", type);
    l.put("title", title);
    return l;
  }

  private static ResponseEntity<Map<String, Object>> json(Map<String, Object> body, MediaType type) {
    return ResponseEntity.ok().contentType(type).body(body);
  }

  @ExceptionHandler(OgcException.class)
  ResponseEntity<Map<String, Object>> ogcError(OgcException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("description", e.getMessage());
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @ExceptionHandler(MadangException.class)
  ResponseEntity<Map<String, Object>> madangError(MadangException e, HttpServletRequest request) {
    if (e.code() == ErrorCode.NOT_FOUND) {
      return ogcError(OgcException.notFound(e.getMessage()));
    }
    if (e.code() == ErrorCode.ACCESS_DENIED) {
      return ogcError(OgcException.forbidden(e.getMessage()));
    }
    if (e.code().type() == ErrorCode.Type.USER) {
      return ogcError(OgcException.invalidParameter(e.getMessage()));
    }
    log.error("{} on {}", e.code(), request.getRequestURI(), e);
    return ogcError(OgcException.serverError(e.getMessage()));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e, HttpServletRequest request) {
    log.error("OGC API request {} failed", request.getRequestURI(), e);
    return ogcError(OgcException.serverError("The server could not answer this request."));
  }
}
