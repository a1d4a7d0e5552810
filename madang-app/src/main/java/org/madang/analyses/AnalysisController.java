package org.madang.analyses;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.analysis.AnalysisKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/analyses/{kind}} queues an analysis and answers 202 with the job; {@code GET /api/analyses/{id}}
 * reports its status, progress and, once done, the result dataset and a summary; {@code DELETE} cancels it. Errors
 * are problem+json naming the parameter at fault.
 */
@RestController
@RequestMapping("/api/analyses")
class AnalysisController {

  private final AnalysisJobs jobs;

  AnalysisController(AnalysisJobs jobs) {
    this.jobs = jobs;
  }

  @PostMapping("/{kind}")
  ResponseEntity<Map<String, Object>> submit(@PathVariable String kind, @RequestBody(required = false) JsonNode body) {
    AnalysisJob job = jobs.submit(Viewer.current(), AnalysisKind.fromCode(kind), body);
    return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/analyses/" + job.id())).body(json(job));
  }

  @GetMapping("/{id}")
  Map<String, Object> show(@PathVariable long id) {
    return json(jobs.get(Viewer.current(), id));
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "limit must be 1 to 500.", Map.of("field", "limit"));
    }
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to see your analyses.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("analyses", jobs.list(viewer, limit).stream().map(AnalysisController::json).toList());
    return body;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> cancel(@PathVariable long id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(json(jobs.cancel(Viewer.current(), id)));
  }

  static Map<String, Object> json(AnalysisJob job) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", job.id());
    o.put("kind", job.kind().code());
    o.put("status", job.status());
    o.put("progress", job.progress());
    o.put("phase", job.phase());
    o.put("engine", job.engine());
    if (job.spark() != null) {
      SparkSubmission.SparkProgress p = job.spark();
      Map<String, Object> spark = new LinkedHashMap<>();
      spark.put("app_id", p.appId());
      spark.put("master", p.master());
      spark.put("stage", p.stage() < 0 ? null : p.stage());
      spark.put("stage_name", p.stageName());
      spark.put("tasks_done", p.tasksDone());
      spark.put("tasks_total", p.tasksTotal());
      spark.put("stages_done", p.stagesDone());
      o.put("spark", spark);
    }
    o.put("submitted_by", job.submittedBy());
    o.put("submitted_at", job.submittedAt() == null ? null : job.submittedAt().toString());
    o.put("started_at", job.startedAt() == null ? null : job.startedAt().toString());
    o.put("finished_at", job.finishedAt() == null ? null : job.finishedAt().toString());
    o.put("parameters", job.parameters());
    o.put("inputs", job.inputs());
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("dataset", job.outputDataset());
    output.put("version", job.outputVersion());
    output.put("href", "/api/datasets/" + job.outputDataset());
    output.put("page", "/datasets/" + job.outputDataset());
    o.put("output", output);
    o.put("summary", job.summary());
    o.put("error", job.error());
    o.put("href", "/api/analyses/" + job.id());
    return o;
  }
}
