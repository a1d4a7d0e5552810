package org.madang.campus;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.analytics.disclosure.Measure;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetSpec;
import org.madang.catalog.IngestOutcome;
import org.madang.catalog.Organization;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Output requests ({@link OutputRequests}): ask ({@code POST /projects/{id}/outputs}), list a project's, the
 * reviewer's queue ({@code GET /outputs?status=pending}), one ({@code GET /outputs/{oid}}), review ({@code POST
 * /outputs/{oid}/decision}), download ({@code GET /outputs/{oid}/download?format=csv|xlsx}) and publish to the catalog
 * ({@code POST /outputs/{oid}/publication}). Members see suppressed cells empty; reviewers and admins see every value
 * with the records behind it.
 */
@RestController
@RequestMapping({"/api/campus", "/campus/api"})
class OutputController {

  private final OutputRequests outputs;
  private final DatasetService datasets;
  private final CatalogRepository catalog;

  OutputController(OutputRequests outputs, DatasetService datasets, CatalogRepository catalog) {
    this.outputs = outputs;
    this.datasets = datasets;
    this.catalog = catalog;
  }

  @PostMapping("/projects/{id}/outputs")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> request(@PathVariable long id, @RequestBody JsonNode body) {
    List<String> dimensions = new ArrayList<>();
    JsonNode dims = body.path("dimensions");
    if (!dims.isMissingNode() && !dims.isNull() && !dims.isArray()) {
      throw invalid("dimensions", "'dimensions' is a list of the query's column names.");
    }
    for (int i = 0; i < dims.size(); i++) {
      if (!dims.get(i).isString() || dims.get(i).asString().isBlank()) {
        throw invalid("dimensions[" + i + "]", "Each dimension is a column name of the query.");
      }
      dimensions.add(dims.get(i).asString());
    }
    JsonNode ms = body.path("measures");
    if (!ms.isArray() || ms.isEmpty()) {
      throw invalid("measures", "'measures' lists what each cell shows, e.g. [{\"statistic\": \"count\"}, {\"statistic\": \"sum\", \"column\": \"capacity\"}].");
    }
    List<Measure> measures = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      String statistic = ms.get(i).path("statistic").asString("");
      String column = ms.get(i).path("column").isString() ? ms.get(i).path("column").asString() : null;
      measures.add(switch (statistic) {
        case "count" -> Measure.count();
        case "sum", "mean" -> {
          if (column == null || column.isBlank()) {
            throw invalid("measures[" + i + "].column", "A " + statistic + " needs the numeric column it is computed from.");
          }
          yield statistic.equals("sum") ? Measure.sum(column) : Measure.mean(column);
        }
        default -> throw invalid("measures[" + i + "].statistic", "A statistic is count, sum or mean.");
      });
    }
    OutputRequest o = outputs.request(Viewer.current(), id, ProjectController.text(body, "title"), ProjectController.text(body, "sql"), dimensions, measures);
    return json(o, Viewer.current());
  }

  @GetMapping("/projects/{id}/outputs")
  Map<String, Object> list(@PathVariable long id) {
    Viewer viewer = Viewer.current();
    return Map.of("outputs", outputs.listForProject(viewer, id).stream().map(o -> json(o, viewer)).toList());
  }

  @GetMapping("/outputs")
  Map<String, Object> queue(@RequestParam(defaultValue = "pending") String status) {
    if (!status.equals("pending")) {
      throw invalid("status", "The review queue lists pending outputs: status=pending.");
    }
    Viewer viewer = Viewer.current();
    return Map.of("outputs", outputs.reviewQueue(viewer).stream().map(o -> json(o, viewer)).toList());
  }

  @GetMapping("/outputs/{oid}")
  Map<String, Object> show(@PathVariable long oid) {
    Viewer viewer = Viewer.current();
    return json(outputs.get(viewer, oid), viewer);
  }

  @PostMapping("/outputs/{oid}/decision")
  Map<String, Object> decide(@PathVariable long oid, @RequestBody JsonNode body) {
    Viewer viewer = Viewer.current();
    JsonNode approve = body.path("approve");
    return json(outputs.decide(viewer, oid, approve.isBoolean() ? approve.asBoolean() : null, ProjectController.text(body, "reason")), viewer);
  }

  @GetMapping("/outputs/{oid}/download")
  void download(@PathVariable long oid, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
    if (!format.equals("csv") && !format.equals("xlsx")) {
      throw invalid("format", "The format is csv or xlsx.");
    }
    OutputRequest o = outputs.released(Viewer.current(), oid, "download");
    OutputTable table = OutputTable.of(OutputTable.report(o), false);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"output-" + oid + "." + format + "\"");
    response.setContentType(format.equals("csv") ? "text/csv; charset=UTF-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    try (OutputStream out = response.getOutputStream()) {
      if (format.equals("csv")) {
        table.csv(out);
      } else {
        table.xlsx(out);
      }
    }
  }

  @PostMapping("/outputs/{oid}/publication")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> publish(@PathVariable long oid, @RequestBody JsonNode body) throws IOException {
    Viewer viewer = Viewer.current();
    OutputRequest o = outputs.get(viewer, oid);
    if (!outputs.isMember(viewer, o)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "The project's members publish its outputs.", Map.of());
    }
    if (o.status() != OutputRequest.Status.APPROVED) {
      throw new MadangException(ErrorCode.CONFLICT, "Output " + oid + " is " + o.status().code() + "; approved outputs are published, once.", Map.of("status", o.status().code()));
    }
    String name = ProjectController.text(body, "name");
    DatasetService.checkName(name == null ? "" : name);
    String title = ProjectController.text(body, "title");
    Projects.require(title != null && !title.isBlank() && title.length() <= 300, "title", "The dataset needs a title of 1 to 300 characters.");
    String accessCode = body.path("access").asString("public");
    AccessLevel access = switch (accessCode) {
      case "public" -> AccessLevel.PUBLIC;
      case "registered" -> AccessLevel.REGISTERED;
      default -> throw invalid("access", "A published output is public or registered; its cells already passed the disclosure check.");
    };
    Project project = outputs.project(o);
    JsonNode report = OutputTable.report(o);
    String sources = String.join(", ", o.datasets().stream().map(this::sourceWithVersion).toList());
    String reviewers = String.join(", ", o.reviews().stream().map(r -> r.decidedBy() + " (" + r.organization() + ")").toList());
    String lineageKo = "빅데이터 캠퍼스 과제 #" + project.id() + " 「" + project.title() + "」의 반출 요청 #" + oid + "을 데이터 관리자 " + reviewers
        + "가 검토해 승인한 집계표입니다. 원천 데이터: " + (sources.isEmpty() ? "공개 데이터" : sources) + ". 표: " + o.spec() + ". 행 단위 질의:\n" + o.sql()
        + "\n셀은 자동 검사(최소 " + report.path("summary").path("rules").path("threshold").asInt() + "건 기준, 우세 규칙, 2차 억제)를 거쳤고, 억제된 셀은 비어 있습니다.";
    String lineageEn = "An aggregate table from output request #" + oid + " of Big Data Campus project #" + project.id() + " (\"" + project.title()
        + "\"), reviewed and approved by the data stewards " + reviewers + ". Sources: " + (sources.isEmpty() ? "public data" : sources) + ". Table: "
        + o.spec() + ". Row-level query:\n" + o.sql() + "\nCells passed the automatic check (threshold, dominance, secondary suppression); suppressed cells are empty.";
    DatasetSpec spec = new DatasetSpec(name, title.strip(), ProjectController.text(body, "title_en"), lineageKo, lineageEn, Organization.CAMPUS,
        List.of("빅데이터 캠퍼스", "campus output"), "공공누리 제1유형 (원천 데이터의 조건을 따릅니다)", null,
        "Big Data Campus project #" + project.id() + ", output #" + oid, "/api/campus/outputs/" + oid, access, null, null, null, false);
    Path file = Files.createTempFile("madang-output-" + oid + "-", ".csv");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        OutputTable.of(report, false).csv(out);
      }
      IngestOutcome[] outcome = new IngestOutcome[1];
      outputs.publishOnce(viewer, o, x -> {
        outcome[0] = datasets.publishApprovedOutput(viewer, name, spec, file, "from campus output #" + oid + " of project #" + project.id());
        return outcome[0].dataset().name();
      });
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dataset", outcome[0].dataset().name());
      out.put("version", outcome[0].version().version());
      out.put("rows", outcome[0].version().rowCount());
      return out;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private String sourceWithVersion(String name) {
    return catalog.findDataset(name).map(Dataset::currentVersion).map(v -> name + " v" + v).orElse(name);
  }

  /** The request as JSON; the check's rows as the viewer may see them. */
  private Map<String, Object> json(OutputRequest o, Viewer viewer) {
    boolean steward = !outputs.isMember(viewer, o) && (viewer.isAdmin() || outputs.isReviewer(viewer, o));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("project", o.projectId());
    m.put("title", o.title());
    m.put("status", o.status().code());
    m.put("requested_by", o.requestedBy());
    m.put("requested_at", o.requestedAt().toString());
    m.put("sql", o.sql());
    JsonNode spec = JsonMapper.shared().readTree(o.spec());
    m.put("dimensions", spec.path("dimensions"));
    m.put("measures", spec.path("measures"));
    m.put("datasets", o.datasets());
    m.put("organizations", outputs.organizationsOf(o));
    m.put("reviews", o.reviews().stream().map(OutputRequest.Review::json).toList());
    m.put("decided_at", o.decidedAt() == null ? null : o.decidedAt().toString());
    m.put("decision", o.reviews().isEmpty() ? null : o.reviews().get(o.reviews().size() - 1).reason());
    m.put("decided_by", o.reviews().isEmpty() ? null : o.reviews().get(o.reviews().size() - 1).decidedBy());
    m.put("published_dataset", o.publishedDataset());
    JsonNode report = OutputTable.report(o);
    JsonNode summary = report.path("summary");
    OutputTable table = OutputTable.of(report, steward);
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("passed", summary.path("passed").asBoolean());
    check.put("rules", summary.path("rules"));
    check.put("findings", steward ? summary.path("findings") : memberFindings(summary));
    check.put("suppressed", summary.path("suppressed"));
    check.put("derivation_audited", summary.path("derivation_audited").asBoolean());
    check.put("view", steward ? "steward" : "publishable");
    check.put("columns", table.columns());
    check.put("rows", table.rows());
    m.put("check", check);
    return m;
  }

  /**
   * The findings as the project's members may read them: blocking ones as they are (they name columns, not cells), the
   * others as counts only, since the check's sentences name each suppressed cell with the records behind it.
   */
  private static List<Map<String, Object>> memberFindings(JsonNode summary) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Integer> suppressed = new LinkedHashMap<>();
    summary.path("suppressed").properties().forEach(e -> suppressed.put(e.getKey(), e.getValue().asInt()));
    int threshold = summary.path("rules").path("threshold").asInt();
    for (JsonNode f : summary.path("findings")) {
      String rule = f.path("rule").asString();
      if (f.path("blocking").asBoolean()) {
        out.add(Map.of("rule", rule, "blocking", true, "message", f.path("message").asString()));
        continue;
      }
      int n = suppressed.getOrDefault(rule, 0);
      String en = switch (rule) {
        case "threshold" -> n + " cells computed from fewer than " + threshold + " records are suppressed.";
        case "dominance" -> n + " cells where one or two records make up most of a sum are suppressed.";
        case "secondary" -> n + " more cells are suppressed so that the hidden ones cannot be worked out from the totals.";
        case "derivation_not_audited" -> "The table is too large for the exact check that no hidden cell follows from the totals; the steward decides.";
        default -> null;
      };
      String ko = switch (rule) {
        case "threshold" -> threshold + "건 미만으로 계산된 셀 " + n + "개를 가렸습니다.";
        case "dominance" -> "한두 건이 합계의 대부분을 차지하는 셀 " + n + "개를 가렸습니다.";
        case "secondary" -> "가린 셀을 합계에서 거꾸로 계산할 수 없도록 셀 " + n + "개를 더 가렸습니다.";
        case "derivation_not_audited" -> "표가 커서 가린 셀이 합계에서 도출되지 않는지 정밀 검사를 하지 못했습니다. 데이터 관리자가 판단합니다.";
        default -> null;
      };
      if (en != null && out.stream().noneMatch(m -> rule.equals(m.get("rule")))) {
        out.add(Map.of("rule", rule, "blocking", false, "message", en, "message_ko", ko));
      }
    }
    return out;
  }

  private static MadangException invalid(String field, String message) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
  }
}
