package org.madang.directives;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task given by an official to a department, about one element of the dashboard and one place.
 *
 * @param geometry the place as a GeoJSON geometry (Point or Polygon), or null for a city-wide matter
 * @param lat latitude of the place's representative point (the point, or a point inside the polygon), or null
 * @param overdue past its due time and not done (set by {@link DirectiveDeadlines})
 * @param publicMatter the issuer marked it as a matter the citizens' view may show once it is in a public status
 */
public record Directive(long id, String title, String body, long departmentId, String department, String departmentTitle, String departmentTitleEn,
    Priority priority, DirectiveStatus status, boolean overdue, OffsetDateTime dueAt, TargetKind targetKind, String targetRef, String geometry,
    Double lat, Double lon, String districtCode, boolean publicMatter, String report, String issuedBy, OffsetDateTime issuedAt,
    OffsetDateTime updatedAt, OffsetDateTime doneAt) {

  /** What the issuer, officials and the department see. */
  public Map<String, Object> json() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("title", title);
    o.put("body", body);
    o.put("department", department);
    o.put("department_title", departmentTitle);
    o.put("department_title_en", departmentTitleEn);
    o.put("priority", priority.code());
    o.put("status", status.code());
    o.put("overdue", overdue);
    o.put("due_at", dueAt == null ? null : dueAt.toString());
    o.put("target", Map.of("kind", targetKind.code(), "ref", targetRef == null ? "" : targetRef));
    o.put("geometry", geometry == null ? null : JsonMapper.shared().readTree(geometry));
    o.put("lat", lat);
    o.put("lon", lon);
    o.put("district_code", districtCode);
    o.put("public", publicMatter);
    o.put("report", report);
    o.put("issued_by", issuedBy);
    o.put("issued_at", issuedAt.toString());
    o.put("updated_at", updatedAt.toString());
    o.put("done_at", doneAt == null ? null : doneAt.toString());
    return o;
  }

  /**
   * What citizens see: the matter, the department, the place and the dates; never who issued it or acts on it, the
   * body, the report, comments or files, which may name people.
   */
  Map<String, Object> publicJson() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("title", title);
    o.put("department", department);
    o.put("department_title", departmentTitle);
    o.put("department_title_en", departmentTitleEn);
    o.put("status", status.code());
    o.put("lat", lat);
    o.put("lon", lon);
    o.put("district_code", districtCode);
    o.put("issued_on", issuedAt.toLocalDate().toString());
    o.put("done_on", doneAt == null ? null : doneAt.toLocalDate().toString());
    return o;
  }

  public boolean isOpen() {
    return status != DirectiveStatus.DONE;
  }
}
