package org.madang.campus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.disclosure.DisclosureControl;
import org.madang.analytics.disclosure.DisclosureReport;
import org.madang.analytics.disclosure.DisclosureRules;
import org.madang.analytics.disclosure.Measure;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetColumn;
import org.madang.catalog.DatasetVersion;
import org.madang.engine.ColumnRole;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.sandbox.Tabulation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Output requests: the only way results of a project that holds restricted data leave it. The analyst names a
 * row-level query and the table to make of it (dimensions, measures); the platform builds the table itself inside the
 * sandbox, so it knows how many records stand behind every cell, checks it ({@link DisclosureControl}: threshold,
 * dominance, secondary suppression, identifiers) and keeps the report. Then a steward of every organization whose
 * restricted data the project holds reviews it — never the one who asked, nor a member of the project. Approved
 * outputs can be downloaded and published to the catalog. Every step is audited.
 */
@Component
class OutputRequests {

  static final int MAX_MEASURES = 8;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final OutputRepository outputs;
  private final CampusRepository repository;
  private final AnalystQueries queries;
  private final Projects projects;
  private final CatalogRepository catalog;
  private final AuditTrail audit;
  private final DisclosureRules rules;

  OutputRequests(OutputRepository outputs, CampusRepository repository, AnalystQueries queries, Projects projects, CatalogRepository catalog,
      AuditTrail audit, MadangProperties properties) {
    this.outputs = outputs;
    this.repository = repository;
    this.queries = queries;
    this.projects = projects;
    this.catalog = catalog;
    this.audit = audit;
    MadangProperties.Campus.Disclosure d = properties.campus().disclosure();
    this.rules = new DisclosureRules(d.threshold(), d.dominanceLargestShare(), d.dominanceTwoLargestShare(), d.identifierShare());
  }

  OutputRequest request(Viewer viewer, long projectId, String title, String sql, List<String> dimensions, List<Measure> measures) {
    Projects.require(title != null && !title.isBlank() && title.length() <= 300, "title", "An output needs a title of 1 to 300 characters.");
    Projects.require(sql != null && !sql.isBlank(), "sql", "An output needs the row-level query its table is made from.");
    Projects.require(dimensions.size() <= 4, "dimensions", "An output table has at most 4 dimensions.");
    Projects.require(!measures.isEmpty() && measures.size() <= MAX_MEASURES, "measures", "An output table has 1 to " + MAX_MEASURES + " measures.");
    AnalystQueries.Rights rights = queries.rights(viewer, projectId);
    String spec = spec(dimensions, measures);
    String pendingKey = projectId + ":" + sha256(sql.strip() + "\n" + spec);
    outputs.findPending(pendingKey).ifPresent(id -> {
      throw duplicate(id);
    });

    Tabulation tabulation = queries.tabulate(viewer, rights, sql, dimensions, measures);
    DisclosureReport report = DisclosureControl.check(tabulation.table(), rules, identifierColumns(rights));
    List<String> scope = rights.granted();
    OutputRequest.Status status = !report.passed() ? OutputRequest.Status.BLOCKED
        : scope.isEmpty() ? OutputRequest.Status.APPROVED // nothing restricted in reach: only the check stands between it and a download
        : OutputRequest.Status.PENDING;
    long id;
    try {
      id = outputs.insert(projectId, title.strip(), sql, spec, status, viewer.username(), scope, reportJson(report),
          status == OutputRequest.Status.PENDING ? pendingKey : null);
    } catch (DuplicateKeyException e) {
      throw duplicate(outputs.findPending(pendingKey).orElse(0L)); // the same request, sent twice at once
    }
    Map<String, Object> summary = report.summary();
    audit.record(viewer.username(), "campus.output.request", "output", String.valueOf(id),
        "project " + projectId + ", " + status.code() + ", datasets " + scope + ", " + summary.get("cells") + " cells, suppressed " + summary.get("suppressed"));
    return outputs.find(id).orElseThrow();
  }

  List<OutputRequest> listForProject(Viewer viewer, long projectId) {
    requireMember(viewer, projects.getVisible(viewer, projectId));
    return outputs.listForProject(projectId);
  }

  /** The pending requests this viewer may review: admins all; stewards those holding their organization's data. */
  List<OutputRequest> reviewQueue(Viewer viewer) {
    Projects.requireSignedIn(viewer);
    List<OutputRequest> queue = new ArrayList<>();
    for (OutputRequest o : outputs.listByStatus(OutputRequest.Status.PENDING)) {
      if (!reviewableOrganizations(viewer, o).isEmpty() && !o.requestedBy().equals(viewer.username())) {
        queue.add(o);
      }
    }
    return queue;
  }

  /** One request, for the project's members, its reviewers and admins; others get 404. */
  OutputRequest get(Viewer viewer, long id) {
    Projects.requireSignedIn(viewer);
    OutputRequest o = outputs.find(id).orElseThrow(() -> notFound(id));
    if (!isMember(viewer, o) && !isReviewer(viewer, o) && !viewer.isAdmin()) {
      throw notFound(id);
    }
    return o;
  }

  boolean isReviewer(Viewer viewer, OutputRequest o) {
    return organizationsOf(o).stream().anyMatch(org -> stewards(viewer, org));
  }

  @Transactional
  OutputRequest decide(Viewer viewer, long id, Boolean approve, String reason) {
    OutputRequest o = get(viewer, id);
    Projects.require(approve != null, "approve", "Say whether you approve: \"approve\": true or false.");
    Projects.require(reason != null && !reason.isBlank() && reason.length() <= 2000, "reason", "Give a reason for the decision (up to 2000 characters).");
    if (o.requestedBy().equals(viewer.username()) || isMember(viewer, o)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Members of the project do not review its outputs; another steward does.", Map.of());
    }
    if (o.status() != OutputRequest.Status.PENDING) {
      throw new MadangException(ErrorCode.CONFLICT, "Output " + id + " is " + o.status().code() + "; only pending outputs are reviewed.", Map.of("status", o.status().code()));
    }
    Set<String> mine = reviewableOrganizations(viewer, o);
    if (mine.isEmpty()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only stewards of the organizations whose data the project holds review this output.", Map.of());
    }
    for (String org : mine) {
      outputs.insertReview(id, org, viewer.username(), approve, reason.strip());
    }
    OutputRequest after = outputs.find(id).orElseThrow();
    Set<String> approvedBy = new HashSet<>();
    after.reviews().stream().filter(OutputRequest.Review::approve).forEach(r -> approvedBy.add(r.organization()));
    if (!approve) {
      outputs.transition(id, OutputRequest.Status.PENDING, OutputRequest.Status.REJECTED);
    } else if (approvedBy.containsAll(organizationsOf(o))) {
      outputs.transition(id, OutputRequest.Status.PENDING, OutputRequest.Status.APPROVED);
    }
    audit.record(viewer.username(), approve ? "campus.output.approve" : "campus.output.reject", "output", String.valueOf(id),
        "for " + mine + ": " + reason.strip());
    return outputs.find(id).orElseThrow();
  }

  /** The rows that may leave, for a download by a member, a reviewer or an admin; audited. */
  OutputRequest released(Viewer viewer, long id, String purpose) {
    OutputRequest o = get(viewer, id);
    if (!o.status().isReleased()) {
      throw new MadangException(ErrorCode.CONFLICT, "Output " + id + " is " + o.status().code() + "; only approved outputs leave the project.", Map.of("status", o.status().code()));
    }
    audit.record(viewer.username(), "campus.output." + purpose, "output", String.valueOf(id), "project " + o.projectId() + ", datasets " + o.datasets());
    return o;
  }

  Project project(OutputRequest o) {
    return repository.findProject(o.projectId()).orElseThrow();
  }

  /**
   * Publishes an approved output once: the request is claimed (approved → published) before {@code publication} runs
   * and given back when it fails, so two members publishing at once make one dataset.
   */
  void publishOnce(Viewer viewer, OutputRequest o, Function<OutputRequest, String> publication) {
    if (!outputs.transition(o.id(), OutputRequest.Status.APPROVED, OutputRequest.Status.PUBLISHED)) {
      throw new MadangException(ErrorCode.CONFLICT, "Output " + o.id() + " is no longer approved: it was published or withdrawn.", Map.of());
    }
    try {
      String dataset = publication.apply(o);
      outputs.setPublishedDataset(o.id(), dataset);
      audit.record(viewer.username(), "campus.output.publish", "output", String.valueOf(o.id()), "as dataset " + dataset + ", project " + o.projectId());
    } catch (RuntimeException e) {
      outputs.transition(o.id(), OutputRequest.Status.PUBLISHED, OutputRequest.Status.APPROVED);
      throw e;
    }
  }

  boolean isMember(Viewer viewer, OutputRequest o) {
    return repository.findProject(o.projectId()).map(p -> p.isMember(viewer.username())).orElse(false);
  }

  void requireMember(Viewer viewer, Project p) {
    if (!p.isMember(viewer.username())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the project's members ask for and see its outputs.", Map.of());
    }
  }

  /** The organizations whose restricted data the request's project held: one review each. */
  Set<String> organizationsOf(OutputRequest o) {
    Set<String> orgs = new LinkedHashSet<>();
    for (String name : o.datasets()) {
      catalog.findDataset(name).ifPresent(d -> orgs.add(d.organization().name()));
    }
    return orgs;
  }

  private Set<String> reviewableOrganizations(Viewer viewer, OutputRequest o) {
    Set<String> reviewed = new HashSet<>();
    o.reviews().forEach(r -> reviewed.add(r.organization()));
    Set<String> mine = new LinkedHashSet<>();
    for (String org : organizationsOf(o)) {
      if ((stewards(viewer, org) || viewer.isAdmin()) && !reviewed.contains(org)) {
        mine.add(org);
      }
    }
    return mine;
  }

  private boolean stewards(Viewer viewer, String organization) {
    return catalog.findOrganization(organization).map(x -> viewer.stewards(x.id())).orElse(false);
  }

  /**
   * Columns of the restricted data in reach that identify records: row numbers, coordinates, geometries, and columns
   * with (nearly) one value per row, such as a facility's name or phone number.
   */
  private Set<String> identifierColumns(AnalystQueries.Rights rights) {
    Set<String> names = new HashSet<>();
    for (String name : rights.granted()) {
      Dataset d = catalog.findDataset(name).orElse(null);
      if (d == null || d.currentVersion() == null) {
        continue;
      }
      DatasetVersion v = catalog.findVersion(d.id(), d.currentVersion()).orElse(null);
      if (v == null) {
        continue;
      }
      for (DatasetColumn c : v.columns()) {
        boolean located = c.role() == ColumnRole.ROW_ID || c.role() == ColumnRole.LATITUDE || c.role() == ColumnRole.LONGITUDE || c.role() == ColumnRole.GEOMETRY;
        boolean unique = c.distinctEstimate() != null && v.rowCount() >= 20 && c.distinctEstimate() >= 0.9 * v.rowCount();
        if (located || unique) {
          names.add(c.name());
        }
      }
    }
    return names;
  }

  private static String reportJson(DisclosureReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("summary", report.summary());
    json.put("publishable", report.publishableCells());
    json.put("steward", report.stewardCells());
    return JSON.writeValueAsString(json);
  }

  private static String spec(List<String> dimensions, List<Measure> measures) {
    List<Map<String, Object>> m = new ArrayList<>();
    for (Measure x : measures) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("statistic", x.statistic().name().toLowerCase());
      if (x.column() != null) {
        one.put("column", x.column());
      }
      m.add(one);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("dimensions", dimensions);
    spec.put("measures", m);
    return JSON.writeValueAsString(spec);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MadangException duplicate(long id) {
    return new MadangException(ErrorCode.CONFLICT, "The same output is already waiting for review as request " + id + ".", Map.of("field", "sql", "output", id));
  }

  private static MadangException notFound(long id) {
    return new MadangException(ErrorCode.NOT_FOUND, "No output " + id + ".", Map.of("field", "output"));
  }
}
