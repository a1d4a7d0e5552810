package org.madang.campus;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.sandbox.QueryCancellation;
import org.madang.engine.sandbox.SandboxLimits;
import org.madang.engine.sandbox.SandboxRequest;
import org.madang.engine.sandbox.SandboxResult;
import org.springframework.stereotype.Component;

/**
 * Runs an analyst's SQL with the caller's rights, the same for every caller (admins included): public and registered
 * datasets for any signed-in user; restricted ones only inside an active project of which the caller is a member and
 * which a steward granted them; the project's working tables only inside it. Every query that names restricted data
 * is audited (who, project, datasets, rows, the SQL), as is every refusal.
 */
@Component
class AnalystQueries {

  private final DataEngine engine;
  private final CatalogRepository catalog;
  private final CampusRepository repository;
  private final Projects projects;
  private final AuditTrail audit;
  private final SandboxAdmission admission;
  private final RunningQueries running;
  private final SandboxLimits limits;

  AnalystQueries(DataEngine engine, CatalogRepository catalog, CampusRepository repository, Projects projects, AuditTrail audit,
      SandboxAdmission admission, RunningQueries running, MadangProperties properties) {
    this.engine = engine;
    this.catalog = catalog;
    this.repository = repository;
    this.projects = projects;
    this.audit = audit;
    this.admission = admission;
    this.running = running;
    MadangProperties.Campus.Sandbox s = properties.campus().sandbox();
    long maxBytes = s.maxSqlBytes().toBytes();
    this.limits = new SandboxLimits(s.timeout(), s.maxRows(), (int) Math.min(Integer.MAX_VALUE, maxBytes));
  }

  SandboxLimits limits() {
    return limits;
  }

  /** What a statement returned, and which restricted datasets (catalog names) it read. */
  record AnalystResult(SandboxResult result, List<String> restrictedRead) {}

  /** Runs one statement; {@code projectId} may be null (then no restricted data and no working tables). */
  AnalystResult run(Viewer viewer, String sql, Long projectId) {
    Projects.requireSignedIn(viewer);
    Project project = projectId == null ? null : requireOpenMembership(viewer, projectId);
    Map<String, Dataset> bySqlName = datasetsBySqlName();
    Set<String> granted = project == null ? Set.of() : new HashSet<>(repository.listGrantedDatasets(project.id()));
    Set<String> readable = new HashSet<>();
    bySqlName.forEach((sqlName, d) -> {
      if (isReadable(d, granted)) {
        readable.add(sqlName);
      }
    });
    String target = project == null ? null : String.valueOf(project.id());
    SandboxResult result;
    try (AutoCloseable permit = admission.enter(viewer.username())) {
      QueryCancellation cancellation = project == null ? null : running.start(project.id(), viewer.username());
      try {
        result = engine.sandbox().run(new SandboxRequest(sql, readable, project == null ? null : project.workspace(), limits), cancellation);
      } finally {
        if (project != null) {
          running.finish(project.id(), viewer.username(), cancellation);
        }
      }
    } catch (MadangException e) {
      if (e.details().containsKey("refusal") || project != null) {
        audit.record(viewer.username(), e.details().containsKey("refusal") ? "sql.refused" : "sql.failed", "sql", target,
            e.details().getOrDefault("refusal", e.code().name().toLowerCase()) + ": " + sql);
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (project != null) {
      // access may have ended while the query ran (removal, revocation, expiry): its rows are not handed out
      requireOpenMembership(viewer, project.id());
      Set<String> stillGranted = new HashSet<>(repository.listGrantedDatasets(project.id()));
      for (String read : result.datasetsRead()) {
        Dataset d = bySqlName.get(read);
        if (d != null && d.access() == AccessLevel.RESTRICTED && !stillGranted.contains(d.name())) {
          throw new MadangException(ErrorCode.ACCESS_DENIED, "Access to '" + d.name() + "' was revoked while the query ran.", Map.of("field", "sql"));
        }
      }
    }
    List<String> restricted = result.datasetsRead().stream().map(bySqlName::get)
        .filter(d -> d != null && d.access() == AccessLevel.RESTRICTED).map(Dataset::name).sorted().toList();
    for (String name : restricted) {
      audit.record(viewer.username(), "sql.restricted.read", "dataset", name,
          "project " + target + ", " + result.rows().size() + (result.truncated() ? "+ rows (truncated)" : " rows") + ": " + sql);
    }
    if (result.createdTable() != null) {
      audit.record(viewer.username(), "campus.table.create", "project", target, result.createdTable().name() + " (" + result.createdTable().rowCount() + " rows)");
    }
    return new AnalystResult(result, restricted);
  }

  /**
   * What a statement of the viewer may read inside an open project of which they are a member (403 otherwise): the
   * project and the catalog datasets with data that {@link #run} lets it name, restricted ones only with the project's
   * grant. The workspace's schema browser shows exactly these.
   */
  Readable readableIn(Viewer viewer, long projectId) {
    Projects.requireSignedIn(viewer);
    Project project = requireOpenMembership(viewer, projectId);
    Set<String> granted = new HashSet<>(repository.listGrantedDatasets(project.id()));
    List<Dataset> datasets = datasetsBySqlName().values().stream().filter(d -> isReadable(d, granted))
        .sorted(Comparator.comparing(Dataset::sqlName)).toList();
    return new Readable(project, datasets);
  }

  record Readable(Project project, List<Dataset> datasets) {}

  /** Every catalog dataset that has data, by the name of its view in SQL. */
  private Map<String, Dataset> datasetsBySqlName() {
    Map<String, Dataset> bySqlName = new HashMap<>();
    for (Dataset d : catalog.listDatasets()) {
      if (d.currentVersion() != null) {
        bySqlName.put(d.sqlName(), d);
      }
    }
    return bySqlName;
  }

  /** Public and registered data for every signed-in user; restricted data only with a grant to the project. */
  private static boolean isReadable(Dataset d, Set<String> granted) {
    return d.access() != AccessLevel.RESTRICTED || granted.contains(d.name());
  }

  private Project requireOpenMembership(Viewer viewer, long projectId) {
    Project p = repository.findProject(projectId)
        .filter(x -> x.isMember(viewer.username()))
        .orElseThrow(() -> new MadangException(ErrorCode.ACCESS_DENIED, "You are not a member of project " + projectId + ".", Map.of("field", "project")));
    if (!p.isOpenOn(projects.today())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED,
          "Project " + projectId + " is " + (p.status() == ProjectStatus.ACTIVE ? "past its end date" : p.status().code()) + "; its workspace is closed.",
          Map.of("field", "project", "status", p.status().code()));
    }
    return p;
  }

  Duration timeout() {
    return limits.timeout();
  }
}
