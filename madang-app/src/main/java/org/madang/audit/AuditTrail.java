package org.madang.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends to and reads the audit log. Entries are never updated or deleted by the platform. */
@Component
public class AuditTrail {

  private final JdbcClient jdbc;

  AuditTrail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records one action. Runs in the caller's transaction when there is one, so a rolled-back change leaves no entry.
   *
   * @param actor the username, or {@code anonymous}
   * @param action what was done, e.g. {@code dataset.rows.read}
   * @param targetType e.g. {@code dataset}
   * @param target e.g. the dataset name
   * @param detail free text, e.g. the query or the reason; may be null
   */
  public void record(String actor, String action, String targetType, String target, String detail) {
    jdbc.sql("INSERT INTO audit_log (at, actor, action, target_type, target, detail) VALUES (?, ?, ?, ?, ?, ?)")
        .params(OffsetDateTime.now(ZoneOffset.UTC), actor, action, targetType, target, truncate(detail))
        .update();
  }

  /** The latest entries about one target, newest first. */
  public List<AuditEntry> listFor(String targetType, String target, int limit) {
    return jdbc.sql("SELECT at, actor, action, target_type, target, detail FROM audit_log WHERE target_type = ? AND target = ? ORDER BY id DESC LIMIT ?")
        .params(targetType, target, limit)
        .query((rs, n) -> new AuditEntry(0, rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
        .list();
  }

  /**
   * Entries matching every given filter (null: any), newest first, older than {@code beforeId} when given.
   *
   * @param actionPrefix e.g. {@code sql.} for every SQL entry
   */
  public List<AuditEntry> search(String actor, String actionPrefix, String targetType, String target, OffsetDateTime since, OffsetDateTime until,
      Long beforeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target_type, target, detail FROM audit_log WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    filter(sql, params, " AND actor = ?", actor);
    filter(sql, params, " AND action LIKE ?", actionPrefix == null ? null : actionPrefix.replace("%", "").replace("_", "\\_") + "%");
    filter(sql, params, " AND target_type = ?", targetType);
    filter(sql, params, " AND target = ?", target);
    filter(sql, params, " AND at >= ?", since);
    filter(sql, params, " AND at < ?", until);
    filter(sql, params, " AND id < ?", beforeId);
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)))
        .list();
  }

  private static void filter(StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(clause);
      params.add(value);
    }
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }

  public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String targetType, String target, String detail) {}
}
