package org.madang.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        .query((rs, n) -> new AuditEntry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
        .list();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }

  public record AuditEntry(OffsetDateTime at, String actor, String action, String targetType, String target, String detail) {}
}
