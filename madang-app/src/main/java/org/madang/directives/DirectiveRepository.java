package org.madang.directives;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The directives' tables ({@code V10__directives.sql}) over JdbcClient; no rules here, {@link Directives} has them. */
@Component
class DirectiveRepository {

  private static final String SELECT = "SELECT d.id, d.title, d.body, d.organization_id, o.name, o.title_ko, o.title_en, d.priority, d.status, d.overdue, "
      + "d.due_at, d.target_kind, d.target_ref, d.geometry, d.lat, d.lon, d.district_code, d.public_matter, d.report, d.issued_by, d.issued_at, "
      + "d.updated_at, d.done_at FROM directives d JOIN organizations o ON o.id = d.organization_id";

  private final JdbcClient jdbc;

  DirectiveRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String title, String body, long department, Priority priority, OffsetDateTime dueAt, TargetKind kind, String ref, DirectivePlace place,
      boolean publicMatter, String issuedBy, OffsetDateTime now) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO directives (title, body, organization_id, priority, status, overdue, due_at, target_kind, target_ref, geometry, lat, lon, "
            + "district_code, public_matter, issued_by, issued_at, updated_at) VALUES (?, ?, ?, ?, 'issued', FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(title, body, department, priority.code(), dueAt, kind.code(), ref, place.geometry(), place.lat(), place.lon(), place.districtCode(),
            publicMatter, issuedBy, now, now)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  Optional<Directive> find(long id) {
    return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(DirectiveRepository::directive).optional();
  }

  /** Directives matching the SQL condition over {@code d.*}, newest first. */
  List<Directive> list(String where, Object... params) {
    return jdbc.sql(SELECT + (where == null ? "" : " WHERE " + where) + " ORDER BY d.id DESC LIMIT 1000").params(params).query(DirectiveRepository::directive)
        .list();
  }

  /** Moves a directive from one status to the next; false when it was no longer in {@code from} (someone was faster). */
  boolean moveStatus(long id, DirectiveStatus from, DirectiveStatus to, String report, OffsetDateTime now) {
    if (to == DirectiveStatus.DONE) {
      return jdbc.sql("UPDATE directives SET status = ?, report = ?, overdue = FALSE, done_at = ?, updated_at = ? WHERE id = ? AND status = ?")
          .params(to.code(), report, now, now, id, from.code()).update() == 1;
    }
    return jdbc.sql("UPDATE directives SET status = ?, updated_at = ? WHERE id = ? AND status = ?").params(to.code(), now, id, from.code()).update() == 1;
  }

  /** Marks open directives due before {@code now} as overdue; returns their ids. */
  List<Long> markOverdue(OffsetDateTime now) {
    List<Long> ids = jdbc.sql("SELECT id FROM directives WHERE status <> 'done' AND overdue = FALSE AND due_at IS NOT NULL AND due_at < ?").param(now)
        .query(Long.class).list();
    for (long id : ids) {
      jdbc.sql("UPDATE directives SET overdue = TRUE, updated_at = ? WHERE id = ?").params(now, id).update();
    }
    return ids;
  }

  void touch(long id, OffsetDateTime now) {
    jdbc.sql("UPDATE directives SET updated_at = ? WHERE id = ?").params(now, id).update();
  }

  void addEvent(long directive, OffsetDateTime at, String actor, String kind, DirectiveStatus from, DirectiveStatus to, String detail) {
    jdbc.sql("INSERT INTO directive_events (directive_id, at, actor, kind, from_status, to_status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(directive, at, actor, kind, from == null ? null : from.code(), to == null ? null : to.code(), detail).update();
  }

  List<Map<String, Object>> listEvents(long directive) {
    return jdbc.sql("SELECT at, actor, kind, from_status, to_status, detail FROM directive_events WHERE directive_id = ? ORDER BY id").param(directive)
        .query((rs, n) -> {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("at", rs.getObject(1, OffsetDateTime.class).toString());
          o.put("actor", rs.getString(2));
          o.put("kind", rs.getString(3));
          o.put("from", rs.getString(4));
          o.put("to", rs.getString(5));
          o.put("detail", rs.getString(6));
          return o;
        }).list();
  }

  void addComment(long directive, String author, String body, OffsetDateTime at) {
    jdbc.sql("INSERT INTO directive_comments (directive_id, author, body, at) VALUES (?, ?, ?, ?)").params(directive, author, body, at).update();
  }

  List<Map<String, Object>> listComments(long directive) {
    return jdbc.sql("SELECT id, author, body, at FROM directive_comments WHERE directive_id = ? ORDER BY id").param(directive).query((rs, n) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", rs.getLong(1));
      o.put("author", rs.getString(2));
      o.put("body", rs.getString(3));
      o.put("at", rs.getObject(4, OffsetDateTime.class).toString());
      return o;
    }).list();
  }

  long addAttachment(long directive, String fileName, String contentType, byte[] content, String by, OffsetDateTime at) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO directive_attachments (directive_id, file_name, content_type, size_bytes, content, uploaded_by, uploaded_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(directive, fileName, contentType, content.length, content, by, at).update(keys, "id");
    return keys.getKey().longValue();
  }

  List<Map<String, Object>> listAttachments(long directive) {
    return jdbc.sql("SELECT id, file_name, content_type, size_bytes, uploaded_by, uploaded_at FROM directive_attachments WHERE directive_id = ? ORDER BY id")
        .param(directive).query((rs, n) -> {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("id", rs.getLong(1));
          o.put("file_name", rs.getString(2));
          o.put("content_type", rs.getString(3));
          o.put("size_bytes", rs.getLong(4));
          o.put("uploaded_by", rs.getString(5));
          o.put("uploaded_at", rs.getObject(6, OffsetDateTime.class).toString());
          return o;
        }).list();
  }

  Optional<Attachment> findAttachment(long directive, long id) {
    return jdbc.sql("SELECT file_name, content_type, content FROM directive_attachments WHERE directive_id = ? AND id = ?").params(directive, id)
        .query((rs, n) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
  }

  record Attachment(String fileName, String contentType, byte[] content) {}

  long insertCall(Long directive, long department, String caller, OffsetDateTime at) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO directive_calls (directive_id, organization_id, caller, started_at) VALUES (?, ?, ?, ?)").params(directive, department, caller, at)
        .update(keys, "id");
    return keys.getKey().longValue();
  }

  void callAnswered(long call, String callee) {
    jdbc.sql("UPDATE directive_calls SET callee = ? WHERE id = ? AND callee IS NULL").params(callee, call).update();
  }

  void callConnected(long call, OffsetDateTime at) {
    jdbc.sql("UPDATE directive_calls SET connected_at = ? WHERE id = ? AND connected_at IS NULL").params(at, call).update();
  }

  /** Ends a call once; returns its duration in seconds from connection (0 if it never connected), or null if it had ended. */
  Integer endCall(long call, String by, OffsetDateTime at) {
    OffsetDateTime connected = jdbc.sql("SELECT connected_at FROM directive_calls WHERE id = ? AND ended_at IS NULL").param(call)
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).optional().map(o -> o.orElse(at)).orElse(null);
    if (connected == null) {
      return null;
    }
    int seconds = (int) Math.max(0, java.time.Duration.between(connected, at).toSeconds());
    int updated = jdbc.sql("UPDATE directive_calls SET ended_at = ?, duration_s = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL")
        .params(at, seconds, by, call).update();
    return updated == 1 ? seconds : null;
  }

  List<Map<String, Object>> listCalls(long directive) {
    return jdbc.sql("SELECT id, caller, callee, started_at, connected_at, ended_at, duration_s FROM directive_calls WHERE directive_id = ? ORDER BY id")
        .param(directive).query((rs, n) -> {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("id", rs.getLong(1));
          o.put("caller", rs.getString(2));
          o.put("callee", rs.getString(3));
          o.put("started_at", rs.getObject(4, OffsetDateTime.class).toString());
          OffsetDateTime connected = rs.getObject(5, OffsetDateTime.class);
          OffsetDateTime ended = rs.getObject(6, OffsetDateTime.class);
          o.put("connected_at", connected == null ? null : connected.toString());
          o.put("ended_at", ended == null ? null : ended.toString());
          o.put("duration_s", rs.getObject(7));
          return o;
        }).list();
  }

  /** Open directives per department: code → {open, overdue}. */
  Map<String, long[]> countOpenByDepartment() {
    Map<String, long[]> out = new LinkedHashMap<>();
    jdbc.sql("SELECT o.name, COUNT(*), SUM(CASE WHEN d.overdue THEN 1 ELSE 0 END) FROM directives d JOIN organizations o ON o.id = d.organization_id "
            + "WHERE d.status <> 'done' GROUP BY o.name ORDER BY o.name")
        .query(rs -> {
          out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
    return out;
  }

  private static Directive directive(ResultSet rs, int n) throws SQLException {
    return new Directive(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7),
        Priority.valueOf(rs.getString(8).toUpperCase(java.util.Locale.ROOT)), DirectiveStatus.valueOf(rs.getString(9).toUpperCase(java.util.Locale.ROOT)),
        rs.getBoolean(10), rs.getObject(11, OffsetDateTime.class), TargetKind.valueOf(rs.getString(12).toUpperCase(java.util.Locale.ROOT)), rs.getString(13),
        rs.getString(14), (Double) rs.getObject(15, Double.class), (Double) rs.getObject(16, Double.class), rs.getString(17), rs.getBoolean(18),
        rs.getString(19), rs.getString(20), rs.getObject(21, OffsetDateTime.class), rs.getObject(22, OffsetDateTime.class),
        rs.getObject(23, OffsetDateTime.class));
  }
}
