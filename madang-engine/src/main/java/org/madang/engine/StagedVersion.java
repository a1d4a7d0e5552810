package org.madang.engine;

import java.util.List;

/**
 * A new version, fully written and validated in a staging table but not yet visible. Exactly one of {@link
 * #publish()} or {@link #discard()} must follow; closing without publishing discards.
 */
public interface StagedVersion extends AutoCloseable {

  String dataset();

  int version();

  /** The table holding this version, e.g. {@code versions."bike_stations__v2"}. */
  String tableName();

  long rowCount();

  List<Column> columns();

  List<ColumnProfile> profile();

  /** How rows are located, or null when the data has no location. */
  SpatialInfo spatial();

  IngestReport report();

  /** Makes this version the current one of its dataset, atomically; the previous version stays readable. */
  void publish();

  /** Drops the staged table; the dataset stays as it was. */
  void discard();

  @Override
  default void close() {
    discard();
  }
}
