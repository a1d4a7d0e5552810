package org.madang.audit;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit} for stewards and admins (the security configuration admits only them): who did what to which target and when, newest first, filtered by
 * {@code actor}, {@code action} (a prefix such as {@code sql.}), {@code target_type}, {@code target}, {@code since} and
 * {@code until} (ISO-8601 with offset), paged with {@code before} (the last id of the previous page). Read-only: the
 * log has no update or delete anywhere in the platform.
 */
@RestController
class AuditController {

  private static final int MAX_LIMIT = 500;

  private final AuditTrail trail;

  AuditController(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping("/api/audit")
  Map<String, Object> search(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(name = "target_type", required = false) String targetType,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) Long before,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'limit' is 1 to " + MAX_LIMIT + ".", Map.of("field", "limit"));
    }
    List<AuditTrail.AuditEntry> entries =
        trail.search(blankToNull(actor), blankToNull(action), blankToNull(targetType), blankToNull(target), time(since, "since"), time(until, "until"), before, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", entries.stream().map(AuditController::json).toList());
    body.put("next_before", entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
    return body;
  }

  private static OffsetDateTime time(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' is a time with its offset, e.g. 2026-11-25T09:00:00+09:00.", Map.of("field", field));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static Map<String, Object> json(AuditTrail.AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("at", e.at());
    m.put("actor", e.actor());
    m.put("action", e.action());
    m.put("target_type", e.targetType());
    m.put("target", e.target());
    m.put("detail", e.detail());
    return m;
  }
}
