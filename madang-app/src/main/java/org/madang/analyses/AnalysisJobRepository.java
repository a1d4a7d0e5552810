package org.madang.analyses;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.madang.engine.analysis.AnalysisKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code analysis_jobs} table. Status changes are conditional updates, so a job moves forward exactly once. */
@Repository
class AnalysisJobRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String COLUMNS = "id, kind, status, progress, parameters, inputs, output_dataset, output_version, summary, error, "
      + "submitted_by, submitted_at, started_at, finished_at, engine";

  private final JdbcClient jdbc;

  AnalysisJobRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(AnalysisKind kind, String engine, JsonNode parameters, JsonNode inputs, String outputDataset, String submittedBy) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO analysis_jobs (kind, engine, status, parameters, inputs, output_dataset, progress, submitted_by, submitted_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)")
        .params(kind.code(), engine, AnalysisJob.QUEUED, clip(JSON.writeValueAsString(parameters), 16000), JSON.writeValueAsString(inputs), outputDataset,
            submittedBy, now())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  void setOutputDataset(long id, String dataset) {
    jdbc.sql("UPDATE analysis_jobs SET output_dataset = ? WHERE id = ?").params(dataset, id).update();
  }

  Optional<AnalysisJob> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM analysis_jobs WHERE id = ?").param(id).query(AnalysisJobRepository::job).optional();
  }

  List<AnalysisJob> listBy(String submittedBy, int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM analysis_jobs WHERE submitted_by = ? ORDER BY id DESC LIMIT ?").params(submittedBy, limit)
        .query(AnalysisJobRepository::job).list();
  }

  List<AnalysisJob> listLatest(int limit) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM analysis_jobs ORDER BY id DESC LIMIT ?").param(limit).query(AnalysisJobRepository::job).list();
  }

  /** queued → running; false when the job was cancelled first. */
  boolean start(long id) {
    return jdbc.sql("UPDATE analysis_jobs SET status = ?, started_at = ? WHERE id = ? AND status = ?")
        .params(AnalysisJob.RUNNING, now(), id, AnalysisJob.QUEUED).update() == 1;
  }

  /** queued → cancelled; false when it already started or finished. */
  boolean cancelQueued(long id) {
    return jdbc.sql("UPDATE analysis_jobs SET status = ?, finished_at = ? WHERE id = ? AND status = ?")
        .params(AnalysisJob.CANCELLED, now(), id, AnalysisJob.QUEUED).update() == 1;
  }

  void succeed(long id, int outputVersion, JsonNode summary) {
    jdbc.sql("UPDATE analysis_jobs SET status = ?, progress = 1, output_version = ?, summary = ?, finished_at = ? WHERE id = ? AND status = ?")
        .params(AnalysisJob.SUCCEEDED, outputVersion, fitted(summary), now(), id, AnalysisJob.RUNNING).update();
  }

  void finish(long id, String status, double progress, String error) {
    jdbc.sql("UPDATE analysis_jobs SET status = ?, progress = ?, error = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)")
        .params(status, progress, clip(error, 2000), now(), id, AnalysisJob.QUEUED, AnalysisJob.RUNNING).update();
  }

  /** Jobs a previous run of the platform left queued or running: they will never finish, so they failed. */
  int failUnfinished(String reason) {
    return jdbc.sql("UPDATE analysis_jobs SET status = ?, error = ?, finished_at = ? WHERE status IN (?, ?)")
        .params(AnalysisJob.FAILED, reason, now(), AnalysisJob.QUEUED, AnalysisJob.RUNNING).update();
  }

  private static AnalysisJob job(ResultSet rs, int row) throws SQLException {
    String status = rs.getString("status");
    return new AnalysisJob(
        rs.getLong("id"), AnalysisKind.fromCode(rs.getString("kind")), status, rs.getDouble("progress"), status,
        JSON.readTree(rs.getString("parameters")), JSON.readTree(rs.getString("inputs")), rs.getString("output_dataset"),
        (Integer) rs.getObject("output_version", Integer.class), rs.getString("summary") == null ? null : JSON.readTree(rs.getString("summary")),
        rs.getString("error"), rs.getString("submitted_by"), rs.getObject("submitted_at", OffsetDateTime.class),
        rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class), rs.getString("engine"), null);
  }

  /** The summary as JSON text, or a note that it was too long to keep (the result dataset holds everything). */
  private static String fitted(JsonNode summary) {
    String text = JSON.writeValueAsString(summary);
    return text.length() <= 16000 ? text : "{\"truncated\": true}";
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
