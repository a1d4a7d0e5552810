package org.madang.feeds.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.madang.feeds.Alert;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code alert_rules} and {@code alerts} tables. Status changes are conditional updates, so each happens once. */
@Repository
class AlertRepository {

  private static final String ALERT_COLUMNS = "a.id, a.rule_id, a.feed, a.station, a.measure, r.title_ko, r.title_en, r.severity, a.status, "
      + "a.district_code, a.raised_at, a.raised_value, a.raised_label, a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_value, "
      + "a.resolved_label";
  private static final String FROM = " FROM alerts a JOIN alert_rules r ON r.id = a.rule_id";

  private final JdbcClient jdbc;

  AlertRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<AlertRule> listRules() {
    return jdbc.sql("SELECT id, feed, measure, title_ko, title_en, severity, raise_at, resolve_below, raise_labels, resolve_labels, source "
            + "FROM alert_rules ORDER BY id")
        .query((rs, n) -> new AlertRule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            (Double) number(rs, 7), (Double) number(rs, 8), labels(rs.getString(9)), labels(rs.getString(10)), rs.getString(11)))
        .list();
  }

  long insertRule(AlertRule rule) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO alert_rules (feed, measure, title_ko, title_en, severity, raise_at, resolve_below, raise_labels, resolve_labels, source) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(rule.feed(), rule.measure(), rule.titleKo(), rule.titleEn(), rule.severity(), rule.raiseAt(), rule.resolveBelow(),
            rule.raiseLabels().isEmpty() ? null : String.join(",", rule.raiseLabels()),
            rule.resolveLabels().isEmpty() ? null : String.join(",", rule.resolveLabels()), rule.source())
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  long insertRaised(AlertRule rule, String station, String districtCode, OffsetDateTime at, Double value, String label) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO alerts (rule_id, feed, station, measure, status, raised_at, raised_value, raised_label, district_code) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(rule.id(), rule.feed(), station, rule.measure(), Alert.RAISED, at, value, label, districtCode)
        .update(key, "id");
    return key.getKeyAs(Number.class).longValue();
  }

  boolean resolve(long id, OffsetDateTime at, Double value, String label) {
    return jdbc.sql("UPDATE alerts SET status = ?, resolved_at = ?, resolved_value = ?, resolved_label = ? WHERE id = ? AND status IN (?, ?)")
        .params(Alert.RESOLVED, at, value, label, id, Alert.RAISED, Alert.ACKNOWLEDGED).update() == 1;
  }

  boolean acknowledge(long id, String by, OffsetDateTime at) {
    return jdbc.sql("UPDATE alerts SET status = ?, acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND status = ?")
        .params(Alert.ACKNOWLEDGED, at, by, id, Alert.RAISED).update() == 1;
  }

  Optional<Alert> find(long id) {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + FROM + " WHERE a.id = ?").param(id).query(AlertRepository::alert).optional();
  }

  List<Alert> listOpen() {
    return jdbc.sql("SELECT " + ALERT_COLUMNS + FROM + " WHERE a.status IN (?, ?) ORDER BY a.id").params(Alert.RAISED, Alert.ACKNOWLEDGED)
        .query(AlertRepository::alert).list();
  }

  /** The newest alerts, newest first, optionally of one feed and in some statuses. */
  List<Alert> listLatest(String feed, Set<String> statuses, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + ALERT_COLUMNS + FROM + " WHERE 1 = 1");
    List<Object> params = new java.util.ArrayList<>();
    if (feed != null) {
      sql.append(" AND a.feed = ?");
      params.add(feed);
    }
    if (!statuses.isEmpty()) {
      sql.append(" AND a.status IN (").append("?,".repeat(statuses.size() - 1)).append("?)");
      params.addAll(statuses);
    }
    sql.append(" ORDER BY a.id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(AlertRepository::alert).list();
  }

  private static Alert alert(ResultSet rs, int n) throws SQLException {
    return new Alert(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class), (Double) number(rs, 12), rs.getString(13),
        rs.getObject(14, OffsetDateTime.class), rs.getString(15), rs.getObject(16, OffsetDateTime.class), (Double) number(rs, 17), rs.getString(18));
  }

  private static Object number(ResultSet rs, int column) throws SQLException {
    double d = rs.getDouble(column);
    return rs.wasNull() ? null : d;
  }

  private static Set<String> labels(String joined) {
    if (joined == null || joined.isBlank()) {
      return Set.of();
    }
    Set<String> labels = new LinkedHashSet<>();
    Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(labels::add);
    return Set.copyOf(labels);
  }
}
