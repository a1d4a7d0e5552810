package org.madang.engine;

import java.util.List;
import java.util.Map;

/**
 * A page of rows from one version, as CKAN's {@code datastore_search} and OGC API Features ask for them. All names are
 * checked against the table's columns; values are bound as parameters, never spliced into SQL.
 *
 * @param table the version's table ({@link StagedVersion#tableName()} / the catalog's record of it)
 * @param q free text: rows where any text column contains it (case-insensitive), or null
 * @param filters column → value (or list of values) that rows must equal
 * @param fields columns to return, or empty for all
 * @param sort e.g. {@code "name asc, _id desc"}, or null for {@code _id}
 * @param bbox minLon, minLat, maxLon, maxLat to keep only located rows inside it, or null
 * @param limit at most this many rows (capped by the engine at 32,000)
 * @param offset rows to skip
 */
public record ReadRequest(
    String table,
    String q,
    Map<String, Object> filters,
    List<String> fields,
    String sort,
    double[] bbox,
    int limit,
    long offset) {

  public static ReadRequest firstRows(String table, int limit) {
    return new ReadRequest(table, null, Map.of(), List.of(), null, null, limit, 0);
  }
}
