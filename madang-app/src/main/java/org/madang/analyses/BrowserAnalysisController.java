package org.madang.analyses;

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
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The analysis jobs API of {@link AnalysisController} under the page's URL, for the analyses page's scripts: a visitor
 * signed in with the login form is known here (the {@code /api} chain is stateless and only knows HTTP Basic and
 * tokens), and changes need the session's CSRF token. Same service, same JSON, same problem+json errors.
 */
@RestController
@RequestMapping("/analyses/jobs")
class BrowserAnalysisController {

  private final AnalysisJobs jobs;

  BrowserAnalysisController(AnalysisJobs jobs) {
    this.jobs = jobs;
  }

  @PostMapping("/{kind}")
  ResponseEntity<Map<String, Object>> submit(@PathVariable String kind, @RequestBody(required = false) JsonNode body) {
    AnalysisJob job = jobs.submit(Viewer.current(), AnalysisKind.fromCode(kind), body);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(AnalysisController.json(job));
  }

  @GetMapping("/{id}")
  Map<String, Object> show(@PathVariable long id) {
    return AnalysisController.json(jobs.get(Viewer.current(), id));
  }

  @GetMapping
  Map<String, Object> list() {
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to see your analyses.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("analyses", jobs.list(viewer, AnalysisPageController.RECENT_JOBS).stream().map(AnalysisController::json).toList());
    return body;
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> cancel(@PathVariable long id) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(AnalysisController.json(jobs.cancel(Viewer.current(), id)));
  }
}
