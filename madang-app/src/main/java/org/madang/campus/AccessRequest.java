package org.madang.campus;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A project member's request to read a restricted dataset inside the project; a steward of the data decides. */
record AccessRequest(
    long id,
    long projectId,
    String dataset,
    String requestedBy,
    String reason,
    Status status,
    String decidedBy,
    String decision,
    OffsetDateTime requestedAt,
    OffsetDateTime decidedAt) {

  enum Status {
    PENDING,
    APPROVED,
    REJECTED,
    REVOKED;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Status fromCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  Map<String, Object> json() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("project", projectId);
    o.put("dataset", dataset);
    o.put("requested_by", requestedBy);
    o.put("reason", reason);
    o.put("status", status.code());
    o.put("decided_by", decidedBy);
    o.put("decision", decision);
    o.put("requested_at", requestedAt.toString());
    o.put("decided_at", decidedAt == null ? null : decidedAt.toString());
    return o;
  }
}
