package org.madang.engine.store;

import java.util.List;
import org.madang.engine.ColumnProfile;
import org.madang.engine.ColumnRole;
import org.madang.engine.IngestReport;
import org.madang.engine.SpatialInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the engine knows about a version table beyond its DuckDB columns, kept as JSON in the table's comment so it
 * lives and dies with the table: the dataset it belongs to, each column's label and role, the spatial summary, the
 * ingest report and the profile; for a version an analysis wrote, also its lineage (JSON text, else null).
 */
record TableMetadata(
    String dataset,
    int version,
    List<ColumnInfo> columns,
    SpatialInfo spatial,
    IngestReport report,
    long rows,
    List<ColumnProfile> profile,
    String lineage) {

  record ColumnInfo(String name, String label, ColumnRole role) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  String toJson() {
    return JSON.writeValueAsString(this);
  }

  static TableMetadata fromJson(String json) {
    return JSON.readValue(json, TableMetadata.class);
  }

}
