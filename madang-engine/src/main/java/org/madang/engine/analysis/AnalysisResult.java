package org.madang.engine.analysis;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.SourceFormat;
import org.madang.engine.StagedVersion;
import org.madang.engine.store.VersionStore;
import org.madang.engine.store.Warehouse;

/**
 * A finished analysis whose rows are not yet a dataset. {@link #stage} turns them into a staged version through the
 * upload path (the rows are written to a file in the warehouse's scratch space and read back as any CSV or GeoJSON
 * upload is, so the result is validated, located, enriched with district and H3 cell, and profiled), with the lineage
 * attached. Immutable; stage it once per target.
 */
public final class AnalysisResult {

  private final AnalysisLineage lineage;
  private final Map<String, Object> summary;
  private final OutputTable table;
  private final Warehouse warehouse;
  private final VersionStore versions;

  AnalysisResult(AnalysisLineage lineage, Outcome outcome, Warehouse warehouse, VersionStore versions) {
    this.lineage = lineage;
    this.summary = Collections.unmodifiableMap(outcome.summary());
    this.table = outcome.table();
    this.warehouse = warehouse;
    this.versions = versions;
  }

  public AnalysisKind kind() {
    return lineage.kind();
  }

  /** What was found, for people and job status: JSON-friendly values (numbers, text, lists, maps). */
  public Map<String, Object> summary() {
    return summary;
  }

  public AnalysisLineage lineage() {
    return lineage;
  }

  /**
   * The rows the result dataset will have, in order, as column → value (numbers, text, booleans, null), each with
   * {@code lon} and {@code lat} (rows located by a point) or {@code geometry} (WKT, longitude/latitude). For callers
   * that print a result rather than publish it, such as the command line.
   */
  public List<Map<String, Object>> rows() {
    return Collections.unmodifiableList(table.asMaps());
  }

  /** Rows the result dataset will have. */
  public long rowCount() {
    return table.size();
  }

  /**
   * Stages the rows as version {@code version} of {@code dataset}; publish or discard the returned version as with
   * an upload. Holds the dataset's upload permit until then.
   */
  public StagedVersion stage(String dataset, int version) {
    Path scratch = warehouse.createScratch();
    try {
      Path file = table.write(scratch, dataset);
      IngestRequest request = IngestRequest.of(dataset, version, file)
          .withFormat(table.hasGeometries() ? SourceFormat.GEOJSON : SourceFormat.CSV)
          .withEncoding("UTF-8")
          .withAllowOutsideArea(true);
      if (!table.hasGeometries()) {
        request = request.withCoordinates(OutputTable.LAT, OutputTable.LON);
      }
      return versions.stageDerived(request, IngestProgress.NONE, lineage.toJson());
    } finally {
      warehouse.deleteScratch(scratch);
    }
  }
}
