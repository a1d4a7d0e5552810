package org.madang.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import org.madang.engine.SpatialInfo;

/**
 * One upload of a dataset, readable until removed.
 *
 * @param spatial how rows are located, or null for non-spatial data
 * @param warnings sentences about what was accepted but worth knowing
 */
public record DatasetVersion(
    long id,
    int version,
    String tableName,
    long rowCount,
    String format,
    String encoding,
    String delimiter,
    String fileName,
    Long fileBytes,
    SpatialInfo spatial,
    List<String> warnings,
    String createdBy,
    OffsetDateTime createdAt,
    OffsetDateTime removedAt,
    List<DatasetColumn> columns) {

  public boolean removed() {
    return removedAt != null;
  }
}
