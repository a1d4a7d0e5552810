package org.madang.campus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** Projects, members, access requests and saved queries in the metadata database. */
@Component
class CampusRepository {

  private static final String PROJECT_COLUMNS =
      "id, title, purpose, status, start_date, end_date, proposed_by, decided_by, decision, created_at, opened_at, closed_at";
  private static final String REQUEST_COLUMNS =
      "id, project_id, dataset, requested_by, reason, status, decided_by, decision, requested_at, decided_at";

  private final JdbcClient jdbc;

  CampusRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  long insertProject(String title, String purpose, LocalDate start, LocalDate end, String proposedBy) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO campus_projects (title, purpose, status, start_date, end_date, proposed_by, created_at) VALUES (?, ?, 'proposed', ?, ?, ?, ?)")
        .params(title, purpose, start, end, proposedBy, now())
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void addMember(long project, String username, MemberRole role) {
    jdbc.sql("INSERT INTO campus_members (project_id, username, role, added_at) VALUES (?, ?, ?, ?)").params(project, username, role.code(), now()).update();
  }

  boolean removeMember(long project, String username) {
    return jdbc.sql("DELETE FROM campus_members WHERE project_id = ? AND username = ?").params(project, username).update() > 0;
  }

  void addRequestedDataset(long project, String dataset) {
    jdbc.sql("INSERT INTO campus_requested_datasets (project_id, dataset) VALUES (?, ?)").params(project, dataset).update();
  }

  Optional<Project> findProject(long id) {
    return jdbc.sql("SELECT " + PROJECT_COLUMNS + " FROM campus_projects WHERE id = ?").param(id).query(this::project).optional();
  }

  List<Project> listProjects() {
    return jdbc.sql("SELECT " + PROJECT_COLUMNS + " FROM campus_projects ORDER BY id").query(this::project).list();
  }

  List<Project> listProjectsOf(String username) {
    return jdbc.sql("SELECT " + PROJECT_COLUMNS + " FROM campus_projects WHERE id IN (SELECT project_id FROM campus_members WHERE username = ?) ORDER BY id")
        .param(username).query(this::project).list();
  }

  /** Approved projects whose start date has come, and active ones whose end date has passed. */
  List<Project> listDue(LocalDate today) {
    return jdbc.sql("SELECT " + PROJECT_COLUMNS + " FROM campus_projects WHERE (status = 'approved' AND start_date <= ?) OR (status IN ('approved', 'active') AND end_date < ?) ORDER BY id")
        .params(today, today).query(this::project).list();
  }

  /** Moves a project from one status to another; false when it was no longer in {@code from} (someone else moved it). */
  boolean moveStatus(long id, ProjectStatus from, ProjectStatus to) {
    String stamp = to == ProjectStatus.ACTIVE ? ", opened_at = ?" : to.isClosed() ? ", closed_at = ?" : "";
    var spec = jdbc.sql("UPDATE campus_projects SET status = ?" + stamp + " WHERE id = ? AND status = ?");
    return (stamp.isEmpty() ? spec.params(to.code(), id, from.code()) : spec.params(to.code(), now(), id, from.code())).update() > 0;
  }

  void recordDecision(long id, String by, String decision) {
    jdbc.sql("UPDATE campus_projects SET decided_by = ?, decision = ? WHERE id = ?").params(by, decision, id).update();
  }

  void updateEndDate(long id, LocalDate end) {
    jdbc.sql("UPDATE campus_projects SET end_date = ? WHERE id = ?").params(end, id).update();
  }

  long insertAccessRequest(long project, String dataset, String requestedBy, String reason) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO campus_access_requests (project_id, dataset, requested_by, reason, status, requested_at) VALUES (?, ?, ?, ?, 'pending', ?)")
        .params(project, dataset, requestedBy, reason, now()).update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<AccessRequest> findAccessRequest(long id) {
    return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM campus_access_requests WHERE id = ?").param(id).query(this::request).optional();
  }

  List<AccessRequest> listAccessRequests(long project) {
    return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM campus_access_requests WHERE project_id = ? ORDER BY id").param(project).query(this::request).list();
  }

  List<AccessRequest> listAccessRequests(AccessRequest.Status status) {
    return jdbc.sql("SELECT " + REQUEST_COLUMNS + " FROM campus_access_requests WHERE status = ? ORDER BY id").param(status.code()).query(this::request).list();
  }

  boolean hasOpenRequest(long project, String dataset) {
    return jdbc.sql("SELECT COUNT(*) FROM campus_access_requests WHERE project_id = ? AND dataset = ? AND status IN ('pending', 'approved')")
        .params(project, dataset).query(Long.class).single() > 0;
  }

  /** The datasets a project may read beyond what its members may anyway: its approved access requests. */
  List<String> listGrantedDatasets(long project) {
    return jdbc.sql("SELECT DISTINCT dataset FROM campus_access_requests WHERE project_id = ? AND status = 'approved'").param(project).query(String.class).list();
  }

  /** Decides a pending request; false when it was no longer pending. */
  boolean decide(long id, AccessRequest.Status from, AccessRequest.Status to, String by, String decision) {
    return jdbc.sql("UPDATE campus_access_requests SET status = ?, decided_by = ?, decision = ?, decided_at = ? WHERE id = ? AND status = ?")
        .params(to.code(), by, decision, now(), id, from.code()).update() > 0;
  }

  void saveQuery(long project, String name, String sql, String by) {
    int updated = jdbc.sql("UPDATE campus_saved_queries SET sql_text = ?, saved_by = ?, saved_at = ? WHERE project_id = ? AND name = ?")
        .params(sql, by, now(), project, name).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO campus_saved_queries (project_id, name, sql_text, saved_by, saved_at) VALUES (?, ?, ?, ?, ?)").params(project, name, sql, by, now()).update();
    }
  }

  List<Map<String, Object>> listSavedQueries(long project) {
    return jdbc.sql("SELECT id, name, sql_text, saved_by, saved_at FROM campus_saved_queries WHERE project_id = ? ORDER BY name")
        .param(project)
        .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "name", rs.getString(2), "sql", rs.getString(3), "saved_by", rs.getString(4),
            "saved_at", rs.getObject(5, OffsetDateTime.class).toString()))
        .list();
  }

  boolean deleteSavedQuery(long project, String name) {
    return jdbc.sql("DELETE FROM campus_saved_queries WHERE project_id = ? AND name = ?").params(project, name).update() > 0;
  }

  private Project project(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong(1);
    List<ProjectMember> members = jdbc.sql("SELECT username, role, added_at FROM campus_members WHERE project_id = ? ORDER BY added_at, username")
        .param(id)
        .query((m, i) -> new ProjectMember(m.getString(1), MemberRole.fromCode(m.getString(2)), m.getObject(3, OffsetDateTime.class)))
        .list();
    List<String> datasets = jdbc.sql("SELECT dataset FROM campus_requested_datasets WHERE project_id = ? ORDER BY dataset").param(id).query(String.class).list();
    return new Project(id, rs.getString(2), rs.getString(3), ProjectStatus.fromCode(rs.getString(4)), rs.getObject(5, LocalDate.class),
        rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
        rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), members, datasets);
  }

  private AccessRequest request(ResultSet rs, int n) throws SQLException {
    return new AccessRequest(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), AccessRequest.Status.fromCode(rs.getString(6)),
        rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getObject(10, OffsetDateTime.class));
  }
}
