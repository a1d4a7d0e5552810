package org.madang.directives;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * The directives' use cases and rules. Officials and admins issue; the department's members (and admins) move a
 * directive along its lifecycle one step at a time; the issuer, officials, admins and the department's members see
 * it, comment on it, attach files and call about it. Each change is recorded in its history and the audit log, and
 * announced as {@link DirectiveChanged} after commit.
 */
@Component
public class Directives {

  static final String SYSTEM = "madang";
  private static final ZoneId CITY = ZoneId.of("Asia/Seoul");

  private final DirectiveRepository repository;
  private final OrganizationDirectory directory;
  private final DistrictIndex districts;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final MadangProperties.Directives settings;

  Directives(DirectiveRepository repository, OrganizationDirectory directory, DistrictIndex districts, AuditTrail audit, ApplicationEventPublisher events,
      MadangProperties properties) {
    this.repository = repository;
    this.directory = directory;
    this.districts = districts;
    this.audit = audit;
    this.events = events;
    this.settings = properties.directives();
  }

  /** What an official asks for: the body of {@code POST /api/directives}. */
  record Issue(String title, String body, String department, String priority, String dueAt, String targetKind, String targetRef, JsonNode geometry,
      String district, boolean publicMatter) {

    static Issue of(JsonNode json) {
      JsonNode target = json.path("target");
      return new Issue(text(json, "title"), text(json, "body"), text(json, "department"), text(json, "priority"), text(json, "due_at"),
          text(target, "kind"), text(target, "ref"), json.get("geometry"), text(json, "district"), json.path("public").asBoolean(false));
    }
  }

  @Transactional
  public Directive issue(Viewer viewer, Issue issue) {
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to issue directives.");
    }
    if (!viewer.isAdmin() && !viewer.has(Role.OFFICIAL)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only officials and admins issue directives.");
    }
    String title = required(issue.title(), "title", 300);
    String body = optional(issue.body(), "body", 8000);
    if (issue.department() == null || issue.department().isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Name the department in charge.", Map.of("field", "department"));
    }
    Department department = directory.getDepartment(issue.department().strip(), "department");
    Priority priority = Priority.fromCode(issue.priority());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime due = dueAt(issue.dueAt());
    if (due != null && !due.isAfter(now)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The due time must be in the future.", Map.of("field", "due_at"));
    }
    TargetKind kind = TargetKind.fromCode(issue.targetKind());
    String ref = optional(issue.targetRef(), "target.ref", 200);
    if (kind != TargetKind.POINT && kind != TargetKind.AREA && ref == null) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Say which " + kind.code() + " the directive is about.", Map.of("field", "target.ref"));
    }
    DirectivePlace place = DirectivePlace.of(issue.geometry(), kind, ref, optional(issue.district(), "district", 20), districts);
    long id = repository.insert(title, body, department.id(), priority, due, kind, ref, place, issue.publicMatter(), viewer.username(), now);
    repository.addEvent(id, now, viewer.username(), "issued", null, DirectiveStatus.ISSUED, department.code());
    audit.record(viewer.username(), "directive.issue", "directive", String.valueOf(id), department.code() + ": " + title);
    Directive directive = repository.find(id).orElseThrow();
    events.publishEvent(new DirectiveChanged(directive, "issued", viewer.username()));
    return directive;
  }

  /** The directive if the viewer may see it; 404 otherwise, so its existence is not told. */
  public Directive getVisible(Viewer viewer, long id) {
    return repository.find(id).filter(d -> mayView(viewer, d))
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no directive " + id + ".", Map.of("field", "id")));
  }

  /** Directives the viewer may see, newest first; {@code status}: open, done or all; {@code department}: a code or null. */
  List<Directive> listVisible(Viewer viewer, String status, String department) {
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to see directives.");
    }
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    switch (status == null ? "all" : status) {
      case "open" -> where.add("d.status <> 'done'");
      case "done" -> where.add("d.status = 'done'");
      case "overdue" -> where.add("d.overdue = TRUE");
      case "all" -> { }
      default -> throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The status filter must be open, done, overdue or all.", Map.of("field", "status"));
    }
    if (department != null && !department.isBlank()) {
      where.add("o.name = ?");
      params.add(department);
    }
    if (!seesAll(viewer)) {
      List<Long> mine = directory.listDepartmentsOf(viewer.username());
      StringBuilder own = new StringBuilder("(d.issued_by = ?");
      params.add(viewer.username());
      for (long id : mine) {
        own.append(" OR d.organization_id = ?");
        params.add(id);
      }
      where.add(own.append(")").toString());
    }
    return repository.list(where.isEmpty() ? null : String.join(" AND ", where), params.toArray());
  }

  /** The citizens' view: directives marked public, in the configured statuses. */
  List<Directive> listPublic() {
    List<String> statuses = settings.publicStatuses().stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    if (statuses.isEmpty()) {
      return List.of();
    }
    return repository.list("d.public_matter = TRUE AND d.status IN (" + String.join(", ", statuses.stream().map(s -> "?").toList()) + ")",
        statuses.toArray());
  }

  /** The directive with its history, comments, files and calls. */
  Map<String, Object> detail(Viewer viewer, long id) {
    Directive d = getVisible(viewer, id);
    Map<String, Object> o = d.json();
    o.put("history", repository.listEvents(id));
    o.put("comments", repository.listComments(id));
    o.put("attachments", repository.listAttachments(id));
    o.put("calls", repository.listCalls(id));
    o.put("may_act", mayAct(viewer, d));
    directory.findDepartment(d.departmentId()).ifPresent(dep -> o.put("contact", dep.json(false).get("contact")));
    return o;
  }

  /**
   * Moves the directive to {@code to}, which must be the next step of its lifecycle (409 otherwise). Done needs a
   * report. Only the department's members and admins move directives.
   */
  @Transactional
  public Directive changeStatus(Viewer viewer, long id, String to, String report) {
    Directive d = getVisible(viewer, id);
    if (!mayAct(viewer, d)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the members of " + d.department() + " move this directive along.");
    }
    DirectiveStatus target = DirectiveStatus.fromCode(to, "status");
    if (d.status().next() != target) {
      throw new MadangException(ErrorCode.CONFLICT, "A directive that is " + d.status().code() + " cannot become " + target.code()
          + (d.status().next() == null ? "." : "; the next step is " + d.status().next().code() + "."), Map.of("field", "status", "current", d.status().code()));
    }
    String text = null;
    if (target == DirectiveStatus.DONE) {
      text = required(report, "report", 8000);
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (!repository.moveStatus(id, d.status(), target, text, now)) {
      throw new MadangException(ErrorCode.CONFLICT, "The directive changed meanwhile; reload it.", Map.of("field", "status"));
    }
    repository.addEvent(id, now, viewer.username(), "status", d.status(), target, null);
    audit.record(viewer.username(), "directive.status", "directive", String.valueOf(id), d.status().code() + " -> " + target.code());
    Directive changed = repository.find(id).orElseThrow();
    events.publishEvent(new DirectiveChanged(changed, "status", viewer.username()));
    return changed;
  }

  @Transactional
  public Map<String, Object> comment(Viewer viewer, long id, String body) {
    Directive d = getVisible(viewer, id);
    String text = required(body, "body", 4000);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    repository.addComment(id, viewer.username(), text, now);
    repository.addEvent(id, now, viewer.username(), "comment", null, null, null);
    repository.touch(id, now);
    events.publishEvent(new DirectiveChanged(repository.find(id).orElseThrow(), "comment", viewer.username()));
    List<Map<String, Object>> comments = repository.listComments(d.id());
    return comments.get(comments.size() - 1);
  }

  /**
   * Attaches a photo or file (a report's evidence). Its size is limited and its first bytes must match an accepted
   * content type: a file claiming to be a PNG must be one.
   */
  @Transactional
  public Map<String, Object> attach(Viewer viewer, long id, String fileName, String contentType, long size, byte[] content) {
    Directive d = getVisible(viewer, id);
    if (!mayAct(viewer, d) && !viewer.username().equals(d.issuedBy())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the department and the issuer attach files to this directive.");
    }
    if (size > settings.maxAttachmentBytes().toBytes()) {
      throw new MadangException(ErrorCode.FILE_TOO_LARGE, "The file is larger than " + settings.maxAttachmentBytes().toMegabytes() + " MB.",
          Map.of("field", "file"));
    }
    if (size == 0 || content.length == 0) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file is empty.", Map.of("field", "file"));
    }
    String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    if (!settings.attachmentTypes().contains(type)) {
      throw new MadangException(ErrorCode.UNKNOWN_FORMAT, "Files of type '" + type + "' are not accepted; send one of " + settings.attachmentTypes() + ".",
          Map.of("field", "file"));
    }
    if (!FileSignature.matches(type, content)) {
      throw new MadangException(ErrorCode.UNKNOWN_FORMAT, "The file's content is not a " + type + " file.", Map.of("field", "file"));
    }
    String name = fileName == null || fileName.isBlank() ? "file" : fileName.replaceAll("[\\\\/\\r\\n\"]", "_");
    name = name.length() > 300 ? name.substring(name.length() - 300) : name;
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long attachment = repository.addAttachment(id, name, type, content, viewer.username(), now);
    repository.addEvent(id, now, viewer.username(), "attachment", null, null, name);
    repository.touch(id, now);
    audit.record(viewer.username(), "directive.attach", "directive", String.valueOf(id), name + " (" + content.length + " bytes)");
    events.publishEvent(new DirectiveChanged(repository.find(id).orElseThrow(), "attachment", viewer.username()));
    return repository.listAttachments(id).stream().filter(a -> ((Long) a.get("id")) == attachment).findFirst().orElseThrow();
  }

  long maxAttachmentBytes() {
    return settings.maxAttachmentBytes().toBytes();
  }

  DirectiveRepository.Attachment getAttachment(Viewer viewer, long id, long attachment) {
    getVisible(viewer, id);
    return repository.findAttachment(id, attachment)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no such file on directive " + id + ".", Map.of("field", "attachment")));
  }

  /** Marks open directives past their due time as overdue, records it and announces each; returns how many. */
  @Transactional
  public int markOverdue(OffsetDateTime now) {
    List<Long> ids = repository.markOverdue(now);
    for (long id : ids) {
      repository.addEvent(id, now, SYSTEM, "overdue", null, null, null);
      events.publishEvent(new DirectiveChanged(repository.find(id).orElseThrow(), "overdue", SYSTEM));
    }
    return ids.size();
  }

  /** Open directives per department for the Mayor's Office: {code: {open, overdue}}. */
  Map<String, Object> countOpenByDepartment() {
    Map<String, Object> out = new LinkedHashMap<>();
    repository.countOpenByDepartment().forEach((code, n) -> out.put(code, Map.of("open", n[0], "overdue", n[1])));
    return out;
  }

  // ---- calls: the call package records through these

  /** The issuer, officials, admins and the department's members may see a directive and talk about it. */
  public boolean mayTalkAbout(Viewer viewer, long id) {
    return repository.find(id).map(d -> mayView(viewer, d)).orElse(false);
  }

  /** Records the start of a call about a directive (directive id) or with a department (null directive). */
  @Transactional
  public long recordCallStarted(Long directive, long department, String caller) {
    return repository.insertCall(directive, department, caller, OffsetDateTime.now(ZoneOffset.UTC));
  }

  @Transactional
  public void recordCallAnswered(long call, String callee) {
    repository.callAnswered(call, callee);
  }

  @Transactional
  public void recordCallConnected(long call) {
    repository.callConnected(call, OffsetDateTime.now(ZoneOffset.UTC));
  }

  /** Ends the call (once) and, for a call about a directive, records it in the directive's history. */
  @Transactional
  public void recordCallEnded(long call, Long directive, String caller, String callee, String endedBy) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Integer seconds = repository.endCall(call, endedBy, now);
    if (seconds == null || directive == null) {
      return;
    }
    String detail = caller + " → " + (callee == null ? "-" : callee) + ", " + seconds + " s";
    repository.addEvent(directive, now, caller, "call", null, null, detail);
    repository.touch(directive, now);
    events.publishEvent(new DirectiveChanged(repository.find(directive).orElseThrow(), "call", endedBy));
  }

  /** Tells the directive's watchers that a call about it is ringing (no record: the call is recorded when it ends). */
  public void announceCall(long directive, String caller) {
    repository.find(directive).ifPresent(d -> events.publishEvent(new DirectiveChanged(d, "ringing", caller)));
  }

  /** Tells a department's members that a call with the department is ringing. */
  public void announceDepartmentCall(long department, String caller) {
    directory.findDepartment(department).ifPresent(d ->
        events.publishEvent(new DepartmentCallRinging(d.id(), d.code(), d.titleKo(), d.titleEn(), caller)));
  }

  // ---- rules

  static boolean seesAll(Viewer viewer) {
    return viewer.isAdmin() || viewer.has(Role.OFFICIAL);
  }

  boolean mayView(Viewer viewer, Directive d) {
    if (!viewer.isSignedIn()) {
      return false;
    }
    return seesAll(viewer) || viewer.username().equals(d.issuedBy()) || directory.listDepartmentsOf(viewer.username()).contains(d.departmentId());
  }

  boolean mayAct(Viewer viewer, Directive d) {
    return viewer.isSignedIn() && (viewer.isAdmin() || directory.listDepartmentsOf(viewer.username()).contains(d.departmentId()));
  }

  /** Departments a user acts for, for the live stream's filter. */
  Set<Long> departmentsOf(String username) {
    return Set.copyOf(directory.listDepartmentsOf(username));
  }

  private static OffsetDateTime dueAt(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        // a day: the end of that working day in the city
        return LocalDate.parse(text).atTime(LocalTime.of(18, 0)).atZone(CITY).toOffsetDateTime();
      }
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The due time must be a date (2025-05-01) or a time with its offset (2025-05-01T18:00:00+09:00).",
          Map.of("field", "due_at"));
    }
  }

  private static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The " + field.replace('_', ' ') + " is required.", Map.of("field", field));
    }
    return optional(value, field, max);
  }

  private static String optional(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String s = value.strip();
    if (s.length() > max) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The " + field.replace('_', ' ') + " is longer than " + max + " characters.",
          Map.of("field", field));
    }
    return s;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
