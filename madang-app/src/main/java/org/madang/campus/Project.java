package org.madang.campus;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.engine.sandbox.SqlSandbox;

/**
 * An analysis task on the campus.
 *
 * @param purpose the urban problem it works on
 * @param requestedDatasets the datasets named when it was proposed (restricted ones still need an access request)
 */
record Project(
    long id,
    String title,
    String purpose,
    ProjectStatus status,
    LocalDate startDate,
    LocalDate endDate,
    String proposedBy,
    String decidedBy,
    String decision,
    OffsetDateTime createdAt,
    OffsetDateTime openedAt,
    OffsetDateTime closedAt,
    List<ProjectMember> members,
    List<String> requestedDatasets) {

  Optional<MemberRole> roleOf(String username) {
    return members.stream().filter(m -> m.username().equals(username)).map(ProjectMember::role).findFirst();
  }

  boolean isMember(String username) {
    return roleOf(username).isPresent();
  }

  /** Open for work on {@code today}: active and not past its end date (the expiry job may not have run yet). */
  boolean isOpenOn(LocalDate today) {
    return status == ProjectStatus.ACTIVE && !today.isAfter(endDate) && !today.isBefore(startDate);
  }

  String workspace() {
    return SqlSandbox.workspaceSchema(id);
  }

  Map<String, Object> json() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", id);
    o.put("title", title);
    o.put("purpose", purpose);
    o.put("status", status.code());
    o.put("start_date", startDate.toString());
    o.put("end_date", endDate.toString());
    o.put("proposed_by", proposedBy);
    o.put("decided_by", decidedBy);
    o.put("decision", decision);
    o.put("created_at", createdAt.toString());
    o.put("opened_at", openedAt == null ? null : openedAt.toString());
    o.put("closed_at", closedAt == null ? null : closedAt.toString());
    o.put("members", members.stream().map(m -> Map.of("username", m.username(), "role", m.role().code(), "added_at", m.addedAt().toString())).toList());
    o.put("requested_datasets", requestedDatasets);
    o.put("workspace", workspace());
    return o;
  }
}
