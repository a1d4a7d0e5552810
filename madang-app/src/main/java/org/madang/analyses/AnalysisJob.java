package org.madang.analyses;

import java.time.OffsetDateTime;
import org.madang.engine.analysis.AnalysisKind;
import tools.jackson.databind.JsonNode;

/**
 * One analysis job as recorded, with its live progress while it runs.
 *
 * @param status queued, running, succeeded, failed or cancelled
 * @param progress 0 to 1
 * @param phase what a running job is doing (reading, solving, ...), else the status
 * @param parameters the request body as given (parameters and {@code output})
 * @param inputs the dataset versions read: {@code [{dataset, version, table}]}
 * @param outputVersion the version the result became, once it succeeded
 * @param summary what the analysis found, once it succeeded
 * @param error one sentence, when it failed
 * @param engine embedded or spark
 * @param spark what the Spark driver last reported while a Spark job runs, else null
 */
public record AnalysisJob(
    long id,
    AnalysisKind kind,
    String status,
    double progress,
    String phase,
    JsonNode parameters,
    JsonNode inputs,
    String outputDataset,
    Integer outputVersion,
    JsonNode summary,
    String error,
    String submittedBy,
    OffsetDateTime submittedAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String engine,
    SparkSubmission.SparkProgress spark) {

  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  public boolean finished() {
    return status.equals(SUCCEEDED) || status.equals(FAILED) || status.equals(CANCELLED);
  }

  AnalysisJob withProgress(double fraction, String currentPhase, SparkSubmission.SparkProgress sparkProgress) {
    return new AnalysisJob(id, kind, status, fraction, currentPhase, parameters, inputs, outputDataset, outputVersion, summary, error,
        submittedBy, submittedAt, startedAt, finishedAt, engine, sparkProgress);
  }
}
