package org.madang.campus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Output requests and their reviews ({@code V6__campus_outputs.sql}). */
@Repository
class OutputRepository {

  private static final String COLUMNS =
      "id, project_id, title, sql_text, spec, status, requested_by, requested_at, datasets, report, decided_at, published_dataset";

  private final JdbcClient jdbc;

  OutputRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a request; {@code pendingKey} (null unless pending) makes a second identical pending request fail. */
  long insert(long project, String title, String sql, String spec, OutputRequest.Status status, String by, List<String> datasets, String report,
      String pendingKey) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO campus_outputs (project_id, title, sql_text, spec, status, requested_by, requested_at, datasets, report, pending_key) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(project, title, sql, spec, status.code(), by, CampusRepository.now(), String.join(",", datasets), report, pendingKey)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<Long> findPending(String pendingKey) {
    return jdbc.sql("SELECT id FROM campus_outputs WHERE pending_key = ?").param(pendingKey).query(Long.class).optional();
  }

  Optional<OutputRequest> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campus_outputs WHERE id = ?").param(id).query(this::map).optional();
  }

  List<OutputRequest> listForProject(long project) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campus_outputs WHERE project_id = ? ORDER BY id DESC").param(project).query(this::map).list();
  }

  List<OutputRequest> listByStatus(OutputRequest.Status status) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM campus_outputs WHERE status = ? ORDER BY id").param(status.code()).query(this::map).list();
  }

  /** Records one organization's review; false when that organization already reviewed it. */
  boolean insertReview(long output, String organization, String by, boolean approve, String reason) {
    if (jdbc.sql("SELECT COUNT(*) FROM campus_output_reviews WHERE output_id = ? AND organization = ?").params(output, organization).query(Long.class).single() > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO campus_output_reviews (output_id, organization, decided_by, approve, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(output, organization, by, approve, reason, CampusRepository.now())
        .update();
    return true;
  }

  /** Moves a request from one status to another; false when it was no longer in {@code from}. */
  boolean transition(long id, OutputRequest.Status from, OutputRequest.Status to) {
    return jdbc.sql("UPDATE campus_outputs SET status = ?, pending_key = NULL, decided_at = COALESCE(decided_at, ?) WHERE id = ? AND status = ?")
        .params(to.code(), CampusRepository.now(), id, from.code()).update() > 0;
  }

  void setPublishedDataset(long id, String dataset) {
    jdbc.sql("UPDATE campus_outputs SET published_dataset = ? WHERE id = ?").params(dataset, id).update();
  }

  private OutputRequest map(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong(1);
    String datasets = rs.getString(9);
    return new OutputRequest(id, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), OutputRequest.Status.of(rs.getString(6)),
        rs.getString(7), rs.getObject(8, OffsetDateTime.class), datasets.isEmpty() ? List.of() : Arrays.asList(datasets.split(",")), rs.getString(10),
        rs.getObject(11, OffsetDateTime.class), rs.getString(12), reviews(id));
  }

  private List<OutputRequest.Review> reviews(long output) {
    return jdbc.sql("SELECT organization, decided_by, approve, reason, decided_at FROM campus_output_reviews WHERE output_id = ? ORDER BY decided_at")
        .param(output)
        .query((rs, n) -> new OutputRequest.Review(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
        .list();
  }
}
