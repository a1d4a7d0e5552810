package org.madang.catalog.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.catalog.DatasetColumn;

/**
 * The OpenAPI 3.0 definition of the OGC API at {@code /ogc/api}: the generic paths of Part 1 with their parameters
 * ({@code limit} 1 to {@value OgcFeaturesController#MAX_LIMIT}, default {@value OgcFeaturesController#DEFAULT_LIMIT};
 * {@code bbox}; {@code offset}) and responses, and for each collection the caller may see its own items path listing
 * its properties as query parameters, which is where clients such as GDAL look to filter on the server.
 */
final class OgcApiDocument {

  private OgcApiDocument() {}

  /** A collection's items path: its id and the properties one may filter by. */
  record CollectionPath(String id, List<DatasetColumn> properties) {}

  static Map<String, Object> of(String ogcUrl, String title, List<CollectionPath> collections) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", title, "version", "1.0.0", "description",
        "OGC API - Features (Part 1: Core, GeoJSON) over the spatial datasets of the Madang catalog.",
        "license", Map.of("name", "Apache-2.0")));
    doc.put("servers", List.of(Map.of("url", ogcUrl)));
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put("/", get("getLandingPage", "The landing page", List.of(), "application/json"));
    paths.put("/conformance", get("getConformanceDeclaration", "The conformance classes this API implements", List.of(), "application/json"));
    paths.put("/api", get("getApiDefinition", "This document", List.of(), "application/vnd.oai.openapi+json;version=3.0"));
    paths.put("/collections", get("getCollections", "The feature collections (spatial datasets) the caller may see", List.of(), "application/json"));
    paths.put("/collections/{collectionId}", get("describeCollection", "One feature collection", List.of(ref("collectionId")), "application/json"));
    paths.put("/collections/{collectionId}/queryables", get("getQueryables", "The properties items can be filtered by",
        List.of(ref("collectionId")), "application/schema+json"));
    paths.put("/collections/{collectionId}/items", get("getFeatures", "Features of a collection, a page at a time",
        List.of(ref("collectionId"), ref("limit"), ref("offset"), ref("bbox"), ref("f")), "application/geo+json"));
    paths.put("/collections/{collectionId}/items/{featureId}", get("getFeature", "One feature",
        List.of(ref("collectionId"), ref("featureId"), ref("f")), "application/geo+json"));
    for (CollectionPath c : collections) {
      List<Map<String, Object>> parameters = new ArrayList<>(List.of(ref("limit"), ref("offset"), ref("bbox"), ref("f")));
      for (DatasetColumn column : c.properties()) {
        Map<String, Object> p = parameter(column.name(), "query", false,
            "Keeps features whose " + (column.label() == null ? column.name() : column.label()) + " equals this",
            Map.of("type", FeatureSchema.jsonType(column)));
        p.put("style", "form");
        p.put("explode", false);
        parameters.add(p);
      }
      paths.put("/collections/" + c.id() + "/items", get("getFeatures-" + c.id(), "Features of " + c.id(), parameters, "application/geo+json"));
    }
    doc.put("paths", paths);

    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("collectionId", parameter("collectionId", "path", true, "The dataset name", Map.of("type", "string")));
    parameters.put("featureId", parameter("featureId", "path", true, "The row number (_id)", Map.of("type", "integer")));
    parameters.put("limit", parameter("limit", "query", false, "How many features a page holds at most",
        Map.of("type", "integer", "minimum", 1, "maximum", OgcFeaturesController.MAX_LIMIT, "default", OgcFeaturesController.DEFAULT_LIMIT)));
    parameters.put("offset", parameter("offset", "query", false, "How many features to skip",
        Map.of("type", "integer", "minimum", 0, "default", 0)));
    Map<String, Object> bbox = parameter("bbox", "query", false, "minLon,minLat,maxLon,maxLat in CRS84",
        Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")));
    bbox.put("style", "form");
    bbox.put("explode", false);
    parameters.put("bbox", bbox);
    parameters.put("f", parameter("f", "query", false, "The encoding: json (GeoJSON)",
        Map.of("type", "string", "enum", List.of("json", "geojson"))));
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put("exception", Map.of("type", "object", "required", List.of("code"),
        "properties", Map.of("code", Map.of("type", "string"), "description", Map.of("type", "string"))));
    doc.put("components", Map.of("parameters", parameters, "schemas", schemas));
    return doc;
  }

  private static Map<String, Object> get(String operationId, String summary, List<Map<String, Object>> parameters, String mediaType) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId);
    op.put("summary", summary);
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    Map<String, Object> error = Map.of("description", "An OGC API exception",
        "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/exception"))));
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put("200", Map.of("description", summary, "content", Map.of(mediaType, Map.of("schema", Map.of("type", "object")))));
    responses.put("400", error);
    responses.put("404", error);
    op.put("responses", responses);
    return Map.of("get", op);
  }

  private static Map<String, Object> parameter(String name, String in, boolean required, String description, Map<String, Object> schema) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("in", in);
    p.put("required", required);
    p.put("description", description);
    p.put("schema", schema);
    return p;
  }

  private static Map<String, Object> ref(String parameter) {
    return Map.of("$ref", "#/components/parameters/" + parameter);
  }
}
