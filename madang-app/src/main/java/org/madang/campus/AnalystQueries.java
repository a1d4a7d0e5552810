package org.madang.campus;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.disclosure.Measure;
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
import org.madang.engine.sandbox.Tabulation;
import org.madang.engine.sandbox.TabulationSpec;
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

  /**
   * What a statement returned, and the restricted datasets (catalog names) in its scope: inside a project that holds
   * restricted data, every result counts as touching all of it (working tables may carry it), so it leaves only
   * through a checked output request.
   */
  record AnalystResult(SandboxResult result, List<String> restrictedScope) {}

  /** What a caller may read: inside {@code project} (null outside one), and the datasets by SQL name. */
  record Rights(Project project, Set<String> readable, Map<String, Dataset> bySqlName, List<String> granted) {

    SandboxRequest request(String sql, SandboxLimits limits) {
      return new SandboxRequest(sql, readable, project == null ? null : project.workspace(), limits);
    }
  }

  Rights rights(Viewer viewer, Long projectId) {
    Projects.requireSignedIn(viewer);
    Project project = projectId == null ? null : requireOpenMembership(viewer, projectId);
    Map<String, Dataset> bySqlName = new HashMap<>();
    for (Dataset d : catalog.listDatasets()) {
      if (d.currentVersion() != null) {
        bySqlName.put(d.sqlName(), d);
      }
    }
    List<String> granted = project == null ? List.of() : repository.listGrantedDatasets(project.id()).stream().sorted().toList();
    Set<String> readable = new HashSet<>();
    bySqlName.forEach((sqlName, d) -> {
      if (d.access() != AccessLevel.RESTRICTED || granted.contains(d.name())) {
        readable.add(sqlName);
      }
    });
    return new Rights(project, readable, bySqlName, granted);
  }

  /** Runs one statement; {@code projectId} may be null (then no restricted data and no working tables). */
  AnalystResult run(Viewer viewer, String sql, Long projectId) {
    Rights rights = rights(viewer, projectId);
    SandboxResult result = execute(viewer, rights, sql, cancellation -> engine.sandbox().run(rights.request(sql, limits), cancellation));
    String target = rights.project() == null ? null : String.valueOf(rights.project().id());
    auditReads(viewer, rights, result.datasetsRead(), result.rows().size() + (result.truncated() ? "+ rows (truncated)" : " rows") + ": " + sql);
    if (result.createdTable() != null) {
      audit.record(viewer.username(), "campus.table.create", "project", target, result.createdTable().name() + " (" + result.createdTable().rowCount() + " rows)");
    }
    return new AnalystResult(result, rights.granted());
  }

  /** Builds an output request's table from a row-level query inside a project, under the same rules as {@link #run}. */
  Tabulation tabulate(Viewer viewer, Rights rights, String sql, List<String> dimensions, List<Measure> measures) {
    Tabulation t = execute(viewer, rights, sql,
        cancellation -> engine.sandbox().tabulate(rights.request(sql, limits), new TabulationSpec(dimensions, measures), cancellation));
    auditReads(viewer, rights, t.datasetsRead(), "tabulated for an output request, " + t.table().cells().size() + " cells: " + sql);
    return t;
  }

  private <T> T execute(Viewer viewer, Rights rights, String sql, Function<QueryCancellation, T> statement) {
    Project project = rights.project();
    T result;
    try (AutoCloseable permit = admission.enter(viewer.username())) {
      QueryCancellation cancellation = project == null ? null : running.start(project.id(), viewer.username());
      try {
        result = statement.apply(cancellation);
      } finally {
        if (project != null) {
          running.finish(project.id(), viewer.username(), cancellation);
        }
      }
    } catch (MadangException e) {
      if (e.details().containsKey("refusal") || project != null) {
        audit.record(viewer.username(), e.details().containsKey("refusal") ? "sql.refused" : "sql.failed", "sql", project == null ? null : String.valueOf(project.id()),
            e.details().getOrDefault("refusal", e.code().name().toLowerCase()) + ": " + sql);
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  private void auditReads(Viewer viewer, Rights rights, Set<String> datasetsRead, String detail) {
    String target = rights.project() == null ? null : String.valueOf(rights.project().id());
    List<String> restricted = datasetsRead.stream().map(rights.bySqlName()::get)
        .filter(d -> d != null && d.access() == AccessLevel.RESTRICTED).map(Dataset::name).sorted().toList();
    requireStillAllowed(viewer, rights, datasetsRead);
    for (String name : restricted) {
      audit.record(viewer.username(), "sql.restricted.read", "dataset", name, "project " + target + ", " + detail);
    }
    if (restricted.isEmpty() && !rights.granted().isEmpty()) {
      // working tables of a project that holds restricted data may carry it
      audit.record(viewer.username(), "sql.project.read", "project", target, detail);
    }
  }

  /** Access may have ended while a query ran (removal, revocation, expiry): then its rows are not handed out. */
  void requireStillAllowed(Viewer viewer, Rights rights, Set<String> datasetsRead) {
    if (rights.project() == null) {
      return;
    }
    requireOpenMembership(viewer, rights.project().id());
    Set<String> stillGranted = new HashSet<>(repository.listGrantedDatasets(rights.project().id()));
    for (String read : datasetsRead) {
      Dataset d = rights.bySqlName().get(read);
      if (d != null && d.access() == AccessLevel.RESTRICTED && !stillGranted.contains(d.name())) {
        throw new MadangException(ErrorCode.ACCESS_DENIED, "Access to '" + d.name() + "' was revoked while the query ran.", Map.of("field", "sql"));
      }
    }
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
