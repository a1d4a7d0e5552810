package org.madang.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.engine.SpatialInfo;

/** The JSON shapes of catalog objects in Madang's own REST API (snake_case, both languages side by side). */
public final class DatasetJson {

  private DatasetJson() {}

  public static Map<String, Object> summary(Dataset d, DatasetVersion current) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("sql_name", d.sqlName());
    m.put("title", d.titleKo());
    m.put("title_en", d.titleEn());
    m.put("organization", d.organization().name());
    m.put("organization_title", d.organization().titleKo());
    m.put("organization_title_en", d.organization().titleEn());
    m.put("tags", d.tags());
    m.put("access", d.access().code());
    m.put("synthetic", d.synthetic());
    m.put("current_version", d.currentVersion());
    m.put("rows", current == null ? null : current.rowCount());
    m.put("format", current == null ? null : current.format());
    m.put("spatial", current != null && current.spatial() != null ? current.spatial().kind().name().toLowerCase() : null);
    m.put("modified", d.updatedAt());
    return m;
  }

  public static Map<String, Object> full(Dataset d, DatasetVersion current) {
    Map<String, Object> m = summary(d, current);
    m.put("description", d.descriptionKo());
    m.put("description_en", d.descriptionEn());
    m.put("license", d.license());
    m.put("update_frequency", d.updateFrequency());
    m.put("source", d.source());
    m.put("source_url", d.sourceUrl());
    m.put("temporal_start", d.temporalStart());
    m.put("temporal_end", d.temporalEnd());
    m.put("spatial_coverage", d.spatialCoverage());
    m.put("created", d.createdAt());
    m.put("version", current == null ? null : version(current));
    return m;
  }

  public static Map<String, Object> version(DatasetVersion v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", v.version());
    m.put("rows", v.rowCount());
    m.put("format", v.format());
    m.put("encoding", v.encoding());
    m.put("delimiter", v.delimiter());
    m.put("file_name", v.fileName());
    m.put("file_bytes", v.fileBytes());
    m.put("created_by", v.createdBy());
    m.put("created", v.createdAt());
    m.put("removed", v.removedAt());
    m.put("warnings", v.warnings());
    m.put("spatial", spatial(v.spatial()));
    m.put("columns", v.columns().stream().map(DatasetJson::column).toList());
    return m;
  }

  static Map<String, Object> spatial(SpatialInfo s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", s.kind().name().toLowerCase());
    m.put("lat_column", s.latColumn());
    m.put("lon_column", s.lonColumn());
    m.put("geometry_column", s.geometryColumn());
    m.put("bbox", Double.isNaN(s.minLon()) ? null : List.of(s.minLon(), s.minLat(), s.maxLon(), s.maxLat()));
    m.put("located_rows", s.locatedRows());
    m.put("missing_location", s.missingLocation());
    m.put("outside_area", s.outsideArea());
    return m;
  }

  static Map<String, Object> column(DatasetColumn c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("label", c.label());
    m.put("type", c.type());
    m.put("role", c.role().name().toLowerCase());
    m.put("nulls", c.nullCount());
    m.put("distinct", c.distinctEstimate());
    m.put("min", c.min());
    m.put("max", c.max());
    m.put("top_values", c.topValues());
    return m;
  }

  public static Map<String, Object> organization(Organization o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", o.name());
    m.put("title", o.titleKo());
    m.put("title_en", o.titleEn());
    m.put("description", o.descriptionKo());
    m.put("description_en", o.descriptionEn());
    m.put("kind", o.kind());
    return m;
  }
}
