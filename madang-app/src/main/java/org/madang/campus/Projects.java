package org.madang.campus;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.sandbox.WorkingTable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a project: proposed by any signed-in user (who becomes its lead), approved or rejected by an admin or an
 * official other than its proposer, active from its start date, and ended by its lead (completed) or by its end date
 * (expired). Ending it stops its members' queries, drops its working tables irreversibly and records both.
 */
@Component
class Projects {

  private final CampusRepository repository;
  private final UserDirectory users;
  private final CatalogRepository catalog;
  private final AuditTrail audit;
  private final ApplicationEventPublisher events;
  private final DataEngine engine;
  private final RunningQueries running;
  private final ZoneId zone;

  Projects(CampusRepository repository, UserDirectory users, CatalogRepository catalog, AuditTrail audit, ApplicationEventPublisher events,
      DataEngine engine, RunningQueries running, MadangProperties properties) {
    this.repository = repository;
    this.users = users;
    this.catalog = catalog;
    this.audit = audit;
    this.events = events;
    this.engine = engine;
    this.running = running;
    this.zone = properties.campus().zone();
  }

  LocalDate today() {
    return LocalDate.now(zone);
  }

  static boolean canDecide(Viewer viewer) {
    return viewer.isAdmin() || viewer.has(Role.OFFICIAL);
  }

  /** A project the viewer may see: its members, admins and officials. Others get 404, as if it did not exist. */
  Project getVisible(Viewer viewer, long id) {
    return repository.findProject(id)
        .filter(p -> p.isMember(viewer.username()) || canDecide(viewer))
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "No project " + id + ".", Map.of("field", "project")));
  }

  List<Project> listVisible(Viewer viewer) {
    return canDecide(viewer) ? repository.listProjects() : repository.listProjectsOf(viewer.username());
  }

  @Transactional
  Project propose(Viewer viewer, String title, String purpose, LocalDate start, LocalDate end, List<String> datasets, List<String> members) {
    requireSignedIn(viewer);
    require(title != null && !title.isBlank() && title.length() <= 300, "title", "A project needs a title of 1 to 300 characters.");
    require(purpose != null && !purpose.isBlank() && purpose.length() <= 4000, "purpose", "A project needs its purpose (the urban problem it works on), up to 4000 characters.");
    require(start != null && end != null, "end_date", "A project needs a start_date and an end_date (YYYY-MM-DD).");
    require(!end.isBefore(start), "end_date", "The end date comes before the start date.");
    require(!end.isBefore(today()), "end_date", "The end date has already passed.");
    long id = repository.insertProject(title.strip(), purpose.strip(), start, end, viewer.username());
    repository.addMember(id, viewer.username(), MemberRole.LEAD);
    for (String member : new LinkedHashSet<>(members == null ? List.<String>of() : members)) {
      if (!member.equals(viewer.username())) {
        requireUser(member);
        repository.addMember(id, member, MemberRole.MEMBER);
      }
    }
    for (String dataset : new LinkedHashSet<>(datasets == null ? List.<String>of() : datasets)) {
      require(catalog.findDataset(dataset).isPresent(), "datasets", "No dataset '" + dataset + "'.");
      repository.addRequestedDataset(id, dataset);
    }
    audit.record(viewer.username(), "campus.project.propose", "project", String.valueOf(id), title.strip());
    return repository.findProject(id).orElseThrow();
  }

  @Transactional
  Project decide(Viewer viewer, long id, boolean approve, String reason) {
    if (!canDecide(viewer)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Projects are approved by admins and officials.", Map.of());
    }
    Project p = getVisible(viewer, id);
    require(reason != null && !reason.isBlank(), "reason", "Give a reason for the decision.");
    if (p.proposedBy().equals(viewer.username())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "You proposed this project; another admin or official must decide on it.", Map.of());
    }
    ProjectStatus to = approve ? ProjectStatus.APPROVED : ProjectStatus.REJECTED;
    if (!repository.moveStatus(id, ProjectStatus.PROPOSED, to)) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + id + " is " + p.status().code() + ", not proposed.", Map.of("status", p.status().code()));
    }
    repository.recordDecision(id, viewer.username(), reason.strip());
    audit.record(viewer.username(), approve ? "campus.project.approve" : "campus.project.reject", "project", String.valueOf(id), reason.strip());
    if (approve) {
      engine.sandbox().createWorkspace(p.workspace());
      if (!p.startDate().isAfter(today())) {
        open(repository.findProject(id).orElseThrow(), viewer.username());
      }
    }
    return repository.findProject(id).orElseThrow();
  }

  @Transactional
  Project addMember(Viewer viewer, long id, String username, MemberRole role) {
    Project p = requireLead(viewer, id);
    requireUser(username);
    if (p.isMember(username)) {
      throw new MadangException(ErrorCode.CONFLICT, username + " is already a member of project " + id + ".", Map.of("field", "username"));
    }
    repository.addMember(id, username, role);
    audit.record(viewer.username(), "campus.member.add", "project", String.valueOf(id), username + " as " + role.code());
    return repository.findProject(id).orElseThrow();
  }

  /** Removes a member; their running queries in the project stop at once. The lead cannot be removed. */
  @Transactional
  Project removeMember(Viewer viewer, long id, String username) {
    Project p = requireLead(viewer, id);
    if (p.roleOf(username).orElse(null) == MemberRole.LEAD) {
      throw new MadangException(ErrorCode.CONFLICT, "The lead cannot be removed from the project.", Map.of("field", "username"));
    }
    if (!repository.removeMember(id, username)) {
      throw new MadangException(ErrorCode.NOT_FOUND, username + " is not a member of project " + id + ".", Map.of("field", "username"));
    }
    audit.record(viewer.username(), "campus.member.remove", "project", String.valueOf(id), username);
    running.cancel(id, username, "you were removed from project " + id + ".");
    return repository.findProject(id).orElseThrow();
  }

  @Transactional
  Project extend(Viewer viewer, long id, LocalDate end) {
    if (!canDecide(viewer)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Projects are extended by admins and officials.", Map.of());
    }
    Project p = getVisible(viewer, id);
    if (p.status() != ProjectStatus.APPROVED && p.status() != ProjectStatus.ACTIVE) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + id + " is " + p.status().code() + "; only approved and active projects are extended.", Map.of());
    }
    require(end != null && end.isAfter(p.endDate()), "end_date", "The new end date must come after " + p.endDate() + ".");
    repository.updateEndDate(id, end);
    audit.record(viewer.username(), "campus.project.extend", "project", String.valueOf(id), p.endDate() + " → " + end);
    return repository.findProject(id).orElseThrow();
  }

  @Transactional
  Project complete(Viewer viewer, long id) {
    Project p = getVisible(viewer, id);
    if (p.roleOf(viewer.username()).orElse(null) != MemberRole.LEAD && !viewer.isAdmin()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the project's lead (or an admin) completes it.", Map.of());
    }
    close(p, ProjectStatus.COMPLETED, viewer.username());
    return repository.findProject(id).orElseThrow();
  }

  /** Opens approved projects whose start date came and expires those whose end date passed; returns how many changed. */
  @Transactional
  int openAndExpireDue(LocalDate today) {
    int changed = 0;
    for (Project p : repository.listDue(today)) {
      if (p.endDate().isBefore(today)) {
        close(p, ProjectStatus.EXPIRED, "system");
      } else {
        open(p, "system");
      }
      changed++;
    }
    return changed;
  }

  private void open(Project p, String actor) {
    if (repository.moveStatus(p.id(), ProjectStatus.APPROVED, ProjectStatus.ACTIVE)) {
      Project opened = repository.findProject(p.id()).orElseThrow();
      audit.record(actor, "campus.project.open", "project", String.valueOf(p.id()), null);
      events.publishEvent(new ProjectOpened(p.id(), p.title(), p.startDate(), p.endDate(), opened.openedAt()));
    }
  }

  private void close(Project p, ProjectStatus outcome, String actor) {
    if (p.status().isClosed() || p.status() == ProjectStatus.PROPOSED || !repository.moveStatus(p.id(), p.status(), outcome)) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + p.id() + " is " + p.status().code() + " and cannot end now.", Map.of());
    }
    running.cancelProject(p.id(), "project " + p.id() + " " + (outcome == ProjectStatus.EXPIRED ? "expired" : "was completed") + ".");
    List<WorkingTable> dropped = engine.sandbox().dropWorkspace(p.workspace());
    for (WorkingTable t : dropped) {
      audit.record(actor, "campus.table.delete", "project", String.valueOf(p.id()), t.name() + " (" + t.rowCount() + " rows), deleted as the project " + outcome.code());
    }
    audit.record(actor, outcome == ProjectStatus.EXPIRED ? "campus.project.expire" : "campus.project.complete", "project", String.valueOf(p.id()),
        dropped.size() + " working tables deleted");
    events.publishEvent(new ProjectCompleted(p.id(), p.title(), outcome, CampusRepository.now()));
  }

  private Project requireLead(Viewer viewer, long id) {
    Project p = getVisible(viewer, id);
    if (p.roleOf(viewer.username()).orElse(null) != MemberRole.LEAD && !viewer.isAdmin()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the project's lead (or an admin) manages its members.", Map.of());
    }
    if (p.status().isClosed()) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + id + " is " + p.status().code() + ".", Map.of());
    }
    return p;
  }

  private void requireUser(String username) {
    require(username != null && users.findByUsername(username).isPresent(), "username", "No user '" + username + "'.");
  }

  static void requireSignedIn(Viewer viewer) {
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to use the campus.", Map.of());
    }
  }

  static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
    }
  }
}
