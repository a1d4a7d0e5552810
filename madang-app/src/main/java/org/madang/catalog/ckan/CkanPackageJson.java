package org.madang.catalog.ckan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetVersion;
import org.madang.catalog.Organization;
import org.madang.engine.ExportFormat;
import org.madang.engine.SpatialInfo;

/**
 * Datasets and organizations in the shapes CKAN gives them ("package" and "organization" dicts).
 *
 * <p>Identifiers are Madang's names: a package's {@code id} and {@code name} are the dataset name, an organization's
 * its name. Each dataset with data has one resource per download format; the CSV resource carries the rows in the
 * DataStore ({@code datastore_active}) and its id is the dataset name, so {@code datastore_search?resource_id=NAME}
 * reads the dataset.
 */
final class CkanPackageJson {

  /** CKAN's timestamps: UTC, microseconds, no zone designator. */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);

  private final String baseUrl;

  /** @param baseUrl the platform's absolute URL without a trailing slash, for resource URLs */
  CkanPackageJson(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The resource formats a dataset's current version is offered in: CSV and Parquet, and GeoJSON when located. */
  static List<ExportFormat> resourceFormats(DatasetVersion current) {
    if (current == null) {
      return List.of();
    }
    return current.spatial() == null
        ? List.of(ExportFormat.CSV, ExportFormat.PARQUET)
        : List.of(ExportFormat.CSV, ExportFormat.GEOJSON, ExportFormat.PARQUET);
  }

  /** CKAN's name of a format, as in {@code res_format}. */
  static String formatName(ExportFormat format) {
    return switch (format) {
      case CSV -> "CSV";
      case GEOJSON -> "GeoJSON";
      case PARQUET -> "Parquet";
    };
  }

  /** The id of a dataset's resource in a format; the datastore (CSV) resource's id is the dataset's name. */
  static String resourceId(String dataset, ExportFormat format) {
    return format == ExportFormat.CSV ? dataset : dataset + "-" + format.extension();
  }

  Map<String, Object> packageDict(Dataset d, DatasetVersion current) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", d.name());
    p.put("name", d.name());
    p.put("title", d.titleKo());
    p.put("notes", d.descriptionKo());
    p.put("type", "dataset");
    p.put("state", "active");
    p.put("private", d.access() == AccessLevel.RESTRICTED);
    p.put("isopen", d.access() == AccessLevel.PUBLIC && d.license() != null);
    p.put("license_id", null);
    p.put("license_title", d.license());
    p.put("license_url", null);
    p.put("url", d.sourceUrl());
    p.put("version", current == null ? null : String.valueOf(current.version()));
    p.put("author", d.organization().titleKo());
    p.put("author_email", null);
    p.put("maintainer", d.organization().titleKo());
    p.put("maintainer_email", null);
    p.put("creator_user_id", null);
    p.put("owner_org", d.organization().name());
    p.put("organization", organizationDict(d.organization(), null));
    p.put("metadata_created", timestamp(d.createdAt()));
    p.put("metadata_modified", timestamp(d.updatedAt()));
    p.put("num_tags", d.tags().size());
    p.put("tags", d.tags().stream().map(CkanPackageJson::tagDict).toList());
    p.put("groups", List.of());
    p.put("relationships_as_object", List.of());
    p.put("relationships_as_subject", List.of());
    p.put("extras", extras(d, current));
    List<Map<String, Object>> resources = resources(d, current);
    p.put("num_resources", resources.size());
    p.put("resources", resources);
    return p;
  }

  private static List<Map<String, Object>> extras(Dataset d, DatasetVersion current) {
    List<Map<String, Object>> extras = new ArrayList<>();
    extra(extras, "title_en", d.titleEn());
    extra(extras, "notes_en", d.descriptionEn());
    extra(extras, "access", d.access().code());
    extra(extras, "update_frequency", d.updateFrequency());
    extra(extras, "source", d.source());
    extra(extras, "temporal_start", d.temporalStart() == null ? null : d.temporalStart().toString());
    extra(extras, "temporal_end", d.temporalEnd() == null ? null : d.temporalEnd().toString());
    extra(extras, "spatial_coverage", d.spatialCoverage());
    extra(extras, "spatial", current == null ? null : spatial(current.spatial()));
    extra(extras, "synthetic", String.valueOf(d.synthetic()));
    if (current != null) {
      extra(extras, "rows", String.valueOf(current.rowCount()));
      extra(extras, "source_format", current.format());
    }
    return extras;
  }

  private static void extra(List<Map<String, Object>> extras, String key, String value) {
    if (value != null && !value.isBlank()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", key);
      e.put("value", value);
      extras.add(e);
    }
  }

  /** The bounding box as GeoJSON text, as ckanext-spatial keeps it in the {@code spatial} extra. */
  static String spatial(SpatialInfo s) {
    if (s == null || Double.isNaN(s.minLon()) || Double.isNaN(s.minLat()) || Double.isNaN(s.maxLon()) || Double.isNaN(s.maxLat())) {
      return null;
    }
    if (s.minLon() == s.maxLon() && s.minLat() == s.maxLat()) {
      return "{\"type\":\"Point\",\"coordinates\":[" + s.minLon() + "," + s.minLat() + "]}";
    }
    return "{\"type\":\"Polygon\",\"coordinates\":[[[" + s.minLon() + "," + s.minLat() + "],[" + s.maxLon() + "," + s.minLat() + "],["
        + s.maxLon() + "," + s.maxLat() + "],[" + s.minLon() + "," + s.maxLat() + "],[" + s.minLon() + "," + s.minLat() + "]]]}";
  }

  private List<Map<String, Object>> resources(Dataset d, DatasetVersion current) {
    List<Map<String, Object>> resources = new ArrayList<>();
    int position = 0;
    for (ExportFormat format : resourceFormats(current)) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", resourceId(d.name(), format));
      r.put("package_id", d.name());
      r.put("name", d.name() + "." + format.extension());
      r.put("description", d.titleKo() + " (" + formatName(format) + ", version " + current.version() + ")");
      r.put("format", formatName(format));
      r.put("mimetype", format.mediaType());
      r.put("url", baseUrl + "/api/datasets/" + d.name() + "/download?format=" + format.extension());
      r.put("url_type", null);
      r.put("datastore_active", format == ExportFormat.CSV);
      r.put("position", position++);
      r.put("state", "active");
      r.put("created", timestamp(current.createdAt()));
      r.put("last_modified", timestamp(current.createdAt()));
      r.put("size", null);
      r.put("hash", "");
      r.put("resource_type", null);
      resources.add(r);
    }
    return resources;
  }

  /**
   * An organization dict; {@code packageCount} is how many of its datasets the viewer may see, or null to leave it out
   * (as CKAN does inside a package).
   */
  static Map<String, Object> organizationDict(Organization o, Integer packageCount) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.name());
    m.put("name", o.name());
    m.put("title", o.titleKo());
    m.put("display_name", o.titleKo());
    m.put("description", o.descriptionKo());
    m.put("type", "organization");
    m.put("is_organization", true);
    m.put("state", "active");
    m.put("approval_status", "approved");
    m.put("image_url", "");
    m.put("image_display_url", "");
    if (packageCount != null) {
      m.put("package_count", packageCount);
    }
    List<Map<String, Object>> extras = new ArrayList<>();
    extra(extras, "title_en", o.titleEn());
    extra(extras, "description_en", o.descriptionEn());
    extra(extras, "kind", o.kind());
    m.put("extras", extras);
    return m;
  }

  static Map<String, Object> tagDict(String name) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", name);
    t.put("name", name);
    t.put("display_name", name);
    t.put("state", "active");
    t.put("vocabulary_id", null);
    return t;
  }

  static String timestamp(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().format(TIMESTAMP);
  }
}
