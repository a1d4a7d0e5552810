package org.madang.campus;

import java.util.List;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access to restricted datasets inside a project: a member asks with a reason; a steward of the dataset's organization
 * (not the one who asked) approves or rejects with a reason, and may revoke an approval later. A grant is the
 * project's, not the person's: it reads only in that project's queries and ends with the project.
 */
@Component
class AccessRequests {

  private final CampusRepository repository;
  private final Projects projects;
  private final CatalogRepository catalog;
  private final AuditTrail audit;
  private final RunningQueries running;

  AccessRequests(CampusRepository repository, Projects projects, CatalogRepository catalog, AuditTrail audit, RunningQueries running) {
    this.repository = repository;
    this.projects = projects;
    this.catalog = catalog;
    this.audit = audit;
    this.running = running;
  }

  @Transactional
  AccessRequest request(Viewer viewer, long projectId, String datasetName, String reason) {
    Project p = projects.getVisible(viewer, projectId);
    if (!p.isMember(viewer.username())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the project's members ask for access to data in it.", Map.of());
    }
    if (p.status() != ProjectStatus.APPROVED && p.status() != ProjectStatus.ACTIVE) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + projectId + " is " + p.status().code() + "; access is asked for in approved and active projects.", Map.of());
    }
    Projects.require(reason != null && !reason.isBlank() && reason.length() <= 2000, "reason", "Say why the project needs the data (up to 2000 characters).");
    Dataset d = catalog.findDataset(datasetName == null ? "" : datasetName)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "No dataset '" + datasetName + "'.", Map.of("field", "dataset")));
    if (d.access() != AccessLevel.RESTRICTED) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "'" + d.name() + "' is " + d.access().code() + ": " + (d.access() == AccessLevel.PUBLIC ? "anyone" : "every signed-in user") + " reads it without a request.",
          Map.of("field", "dataset"));
    }
    if (repository.hasOpenRequest(projectId, d.name())) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + projectId + " already has a pending or approved request for '" + d.name() + "'.", Map.of("field", "dataset"));
    }
    long id = repository.insertAccessRequest(projectId, d.name(), viewer.username(), reason.strip());
    audit.record(viewer.username(), "campus.access.request", "dataset", d.name(), "project " + projectId + ": " + reason.strip());
    return repository.findAccessRequest(id).orElseThrow();
  }

  @Transactional
  AccessRequest decide(Viewer viewer, long id, boolean approve, String reason) {
    AccessRequest r = getDecidable(viewer, id);
    if (r.requestedBy().equals(viewer.username())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "You asked for this access; another steward of the data must decide.", Map.of());
    }
    Projects.require(reason != null && !reason.isBlank() && reason.length() <= 2000, "reason", "Give a reason for the decision (up to 2000 characters).");
    AccessRequest.Status to = approve ? AccessRequest.Status.APPROVED : AccessRequest.Status.REJECTED;
    if (!repository.decide(id, AccessRequest.Status.PENDING, to, viewer.username(), reason.strip())) {
      throw new MadangException(ErrorCode.CONFLICT, "Access request " + id + " is " + r.status().code() + ", not pending.", Map.of("status", r.status().code()));
    }
    audit.record(viewer.username(), approve ? "campus.access.approve" : "campus.access.reject", "dataset", r.dataset(),
        "project " + r.projectId() + ", request " + id + ": " + reason.strip());
    return repository.findAccessRequest(id).orElseThrow();
  }

  /** Withdraws an approved grant; the project's running queries stop. */
  @Transactional
  AccessRequest revoke(Viewer viewer, long id, String reason) {
    AccessRequest r = getDecidable(viewer, id);
    Projects.require(reason != null && !reason.isBlank() && reason.length() <= 2000, "reason", "Give a reason for revoking (up to 2000 characters).");
    if (!repository.decide(id, AccessRequest.Status.APPROVED, AccessRequest.Status.REVOKED, viewer.username(), reason.strip())) {
      throw new MadangException(ErrorCode.CONFLICT, "Access request " + id + " is " + r.status().code() + ", not approved.", Map.of("status", r.status().code()));
    }
    audit.record(viewer.username(), "campus.access.revoke", "dataset", r.dataset(), "project " + r.projectId() + ", request " + id + ": " + reason.strip());
    running.cancelProject(r.projectId(), "access to '" + r.dataset() + "' was revoked.");
    return repository.findAccessRequest(id).orElseThrow();
  }

  /** Requests the viewer may decide: for datasets of organizations they steward (admins: all). */
  List<AccessRequest> listDecidable(Viewer viewer, AccessRequest.Status status) {
    return repository.listAccessRequests(status).stream().filter(r -> stewards(viewer, r.dataset())).toList();
  }

  List<AccessRequest> listForProject(Viewer viewer, long projectId) {
    projects.getVisible(viewer, projectId);
    return repository.listAccessRequests(projectId);
  }

  private AccessRequest getDecidable(Viewer viewer, long id) {
    return repository.findAccessRequest(id)
        .filter(r -> stewards(viewer, r.dataset()))
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "No access request " + id + " for data you steward.", Map.of()));
  }

  private boolean stewards(Viewer viewer, String dataset) {
    return catalog.findDataset(dataset).map(d -> viewer.stewards(d.organization().id())).orElse(false);
  }
}
