package org.madang.catalog.ckan;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.engine.Column;
import org.madang.engine.ColumnRole;
import org.madang.engine.ReadRequest;
import org.madang.engine.TablePage;

/**
 * CKAN's {@code datastore_search} over a dataset's current version. The resource id is the dataset's name (its CSV
 * resource). Reading checks the viewer's rights like every other way to the rows: a restricted dataset the viewer may
 * not see is "not found", a registered one needs a signed-in user, and restricted reads are audited.
 */
final class DatastoreSearch {

  /** CKAN's {@code ckan.datastore.search.rows_max} default; larger limits are lowered to it, as CKAN does. */
  static final int MAX_LIMIT = 32000;

  private final DatasetService datasets;

  DatastoreSearch(DatasetService datasets) {
    this.datasets = datasets;
  }

  Map<String, Object> search(Viewer viewer, CkanParameters p) {
    String resourceId = p.requiredString("resource_id");
    Dataset d = datasets.findVisible(viewer, resourceId)
        .orElseThrow(() -> CkanActionException.notFound("Resource \"" + resourceId + "\" was not found."));
    if (d.currentVersion() == null) {
      throw CkanActionException.notFound("Resource \"" + resourceId + "\" has no data yet.");
    }
    Object qValue = p.raw("q");
    if (qValue instanceof Map) {
      throw CkanActionException.invalid("q", "Searching single fields is not supported; give q as text");
    }
    String q = p.string("q");
    Map<String, Object> filters = p.object("filters");
    List<String> fields = p.stringList("fields");
    String sort = sort(p);
    int limit = p.integer("limit", 100, 0, MAX_LIMIT);
    int offset = p.integer("offset", 0, 0, Integer.MAX_VALUE);
    boolean includeTotal = p.bool("include_total", true);
    String recordsFormat = p.string("records_format") == null ? "objects" : p.string("records_format").strip().toLowerCase(Locale.ROOT);
    if (!recordsFormat.equals("objects") && !recordsFormat.equals("lists")) {
      throw CkanActionException.invalid("records_format", "Must be objects or lists");
    }

    TablePage page = datasets.readRows(viewer, d.name(), null, new ReadRequest(null, q, filters, fields, sort, null, limit, offset));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("include_total", includeTotal);
    result.put("limit", limit);
    result.put("offset", offset);
    result.put("records_format", recordsFormat);
    result.put("resource_id", resourceId);
    result.put("total_estimation_threshold", null);
    if (q != null) {
      result.put("q", q);
    }
    if (!filters.isEmpty()) {
      result.put("filters", filters);
    }
    if (sort != null) {
      result.put("sort", sort);
    }
    result.put("fields", page.columns().stream().map(DatastoreSearch::field).toList());
    result.put("records", recordsFormat.equals("lists") ? lists(page) : page.rows());
    result.put("_links", links(resourceId, offset, limit));
    if (includeTotal) {
      result.put("total", page.total());
      result.put("total_was_estimated", false);
    }
    return result;
  }

  /** CKAN takes {@code sort} as text ({@code "a asc, b desc"}) or as a list of such clauses. */
  private static String sort(CkanParameters p) {
    if (p.raw("sort") instanceof List<?>) {
      List<String> clauses = p.stringList("sort");
      return clauses.isEmpty() ? null : String.join(", ", clauses);
    }
    String sort = p.string("sort");
    return sort == null || sort.isBlank() ? null : sort.strip();
  }

  private static Map<String, Object> field(Column c) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", c.name());
    f.put("type", c.role() == ColumnRole.ROW_ID ? "int" : ckanType(c.type()));
    if (c.label() != null && !c.label().equals(c.name())) {
      f.put("info", Map.of("label", c.label()));
    }
    return f;
  }

  /** The DataStore (PostgreSQL) type CKAN would report for a DuckDB type. */
  static String ckanType(String duckdbType) {
    String t = duckdbType == null ? "" : duckdbType.toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL") || t.startsWith("NUMERIC")) {
      return "numeric";
    }
    if (t.startsWith("TIMESTAMP")) {
      return "timestamp";
    }
    return switch (t) {
      case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> "int4";
      case "BIGINT", "HUGEINT", "UINTEGER", "UBIGINT" -> "int8";
      case "DOUBLE", "FLOAT", "REAL" -> "float8";
      case "BOOLEAN" -> "bool";
      case "DATE" -> "date";
      case "TIME" -> "time";
      case "JSON" -> "json";
      default -> "text";
    };
  }

  private static List<List<Object>> lists(TablePage page) {
    List<List<Object>> records = new ArrayList<>(page.rows().size());
    for (Map<String, Object> row : page.rows()) {
      List<Object> values = new ArrayList<>(page.columns().size());
      for (Column c : page.columns()) {
        values.add(row.get(c.name()));
      }
      records.add(values);
    }
    return records;
  }

  /** Relative links, as CKAN gives them. */
  private static Map<String, Object> links(String resourceId, int offset, int limit) {
    String start = "/api/3/action/datastore_search?resource_id=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8);
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("start", start);
    links.put("next", start + "&offset=" + ((long) offset + limit) + (limit == 100 ? "" : "&limit=" + limit));
    return links;
  }
}
