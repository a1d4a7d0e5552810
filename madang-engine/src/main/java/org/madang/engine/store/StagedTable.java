package org.madang.engine.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.madang.engine.Column;
import org.madang.engine.ColumnProfile;
import org.madang.engine.IngestReport;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;

/** A version written and checked but not yet current; holds its dataset's permit until published or discarded. */
final class StagedTable implements StagedVersion {

  private final VersionStore store;
  private final String dataset;
  private final int version;
  private final long rows;
  private final List<Column> columns;
  private final List<ColumnProfile> profile;
  private final SpatialInfo spatial;
  private final IngestReport report;
  private final AtomicBoolean done = new AtomicBoolean();

  StagedTable(
      VersionStore store,
      String dataset,
      int version,
      long rows,
      List<Column> columns,
      List<ColumnProfile> profile,
      SpatialInfo spatial,
      IngestReport report) {
    this.store = store;
    this.dataset = dataset;
    this.version = version;
    this.rows = rows;
    this.columns = List.copyOf(columns);
    this.profile = List.copyOf(profile);
    this.spatial = spatial;
    this.report = report;
  }

  @Override
  public String dataset() {
    return dataset;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public String tableName() {
    return DatasetNames.versionTable(dataset, version);
  }

  @Override
  public long rowCount() {
    return rows;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public List<ColumnProfile> profile() {
    return profile;
  }

  @Override
  public SpatialInfo spatial() {
    return spatial;
  }

  @Override
  public IngestReport report() {
    return report;
  }

  @Override
  public void publish() {
    if (!done.compareAndSet(false, true)) {
      throw new IllegalStateException("version " + version + " of " + dataset + " was already published or discarded");
    }
    store.publish(this);
  }

  @Override
  public void discard() {
    if (done.compareAndSet(false, true)) {
      store.discard(this);
    }
  }
}
