package org.madang.directives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * Directives over REST, mounted twice: {@code /api/directives} for scripts (HTTP Basic or a token, stateless) and
 * {@code /directives/api} for the browser session (CSRF header on changes). Issue ({@code POST}), list ({@code GET
 * ?status=open|done|overdue|all&department=}), show with history, comments, files and calls ({@code GET /{id}}),
 * move ({@code POST /{id}/status}), comment ({@code POST /{id}/comments}), attach ({@code POST /{id}/attachments},
 * multipart {@code file}), the live stream ({@code GET /stream}), open counts per department ({@code GET /summary}),
 * and the citizens' subset ({@code GET /public}, anyone).
 */
@RestController
@RequestMapping({"/api/directives", "/directives/api"})
class DirectiveController {

  private final Directives directives;
  private final DirectiveStream stream;

  DirectiveController(Directives directives, DirectiveStream stream) {
    this.directives = directives;
    this.stream = stream;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> issue(@RequestBody JsonNode body) {
    if (!body.isObject()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The request body must be a JSON object.", Map.of());
    }
    return directives.issue(Viewer.current(), Directives.Issue.of(body)).json();
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(required = false) String status, @RequestParam(required = false) String department) {
    return Map.of("directives", directives.listVisible(Viewer.current(), status, department).stream().map(Directive::json).toList());
  }

  @GetMapping("/summary")
  Map<String, Object> summary() {
    Viewer viewer = Viewer.current();
    if (!Directives.seesAll(viewer)) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "The city-wide summary of directives is for officials and admins.");
    }
    return Map.of("departments", directives.countOpenByDepartment(),
        "open", directives.listVisible(viewer, "open", null).stream().map(Directive::json).toList());
  }

  @GetMapping("/public")
  Map<String, Object> citizens() {
    return Map.of("directives", directives.listPublic().stream().map(Directive::publicJson).toList());
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter follow() {
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to follow directives.");
    }
    return stream.subscribe(viewer);
  }

  @GetMapping("/{id}")
  Map<String, Object> show(@PathVariable long id) {
    return directives.detail(Viewer.current(), id);
  }

  @PostMapping("/{id}/status")
  Map<String, Object> move(@PathVariable long id, @RequestBody JsonNode body) {
    return directives.changeStatus(Viewer.current(), id, text(body, "status"), text(body, "report")).json();
  }

  @PostMapping("/{id}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> comment(@PathVariable long id, @RequestBody JsonNode body) {
    return directives.comment(Viewer.current(), id, text(body, "body"));
  }

  @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> attach(@PathVariable long id, @RequestPart("file") MultipartFile file) throws IOException {
    Viewer viewer = Viewer.current();
    // the size is checked before the content is read into memory
    byte[] content = file.getSize() > 0 && file.getSize() <= directives.maxAttachmentBytes() ? file.getBytes() : new byte[0];
    return directives.attach(viewer, id, file.getOriginalFilename(), file.getContentType(), file.getSize(), content);
  }

  @GetMapping("/{id}/attachments/{attachment}")
  ResponseEntity<byte[]> download(@PathVariable long id, @PathVariable long attachment) {
    DirectiveRepository.Attachment a = directives.getAttachment(Viewer.current(), id, attachment);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(a.contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(a.fileName(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .body(a.content());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
