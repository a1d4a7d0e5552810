package org.madang.feeds;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A threshold crossed at a station: raised when a reading reaches its rule's threshold, acknowledged by an official,
 * resolved when a later reading falls back past the rule's resolve threshold. One open (raised or acknowledged) alert
 * per rule and station.
 */
public record Alert(
    long id,
    long ruleId,
    String feed,
    String station,
    String measure,
    String titleKo,
    String titleEn,
    String severity,
    String status,
    String districtCode,
    OffsetDateTime raisedAt,
    Double raisedValue,
    String raisedLabel,
    OffsetDateTime acknowledgedAt,
    String acknowledgedBy,
    OffsetDateTime resolvedAt,
    Double resolvedValue,
    String resolvedLabel) {

  public static final String RAISED = "raised";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String RESOLVED = "resolved";

  public boolean isOpen() {
    return !RESOLVED.equals(status);
  }

  /** The alert as the API and the live stream show it. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("rule", ruleId);
    m.put("feed", feed);
    m.put("station", station);
    m.put("measure", measure);
    m.put("title", titleKo);
    m.put("title_en", titleEn);
    m.put("severity", severity);
    m.put("status", status);
    m.put("district_code", districtCode);
    m.put("raised_at", text(raisedAt));
    m.put("raised_value", raisedValue);
    m.put("raised_label", raisedLabel);
    m.put("acknowledged_at", text(acknowledgedAt));
    m.put("acknowledged_by", acknowledgedBy);
    m.put("resolved_at", text(resolvedAt));
    m.put("resolved_value", resolvedValue);
    m.put("resolved_label", resolvedLabel);
    return m;
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
