package org.madang.campus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Projects under {@code /api/campus/projects}: propose ({@code POST}), list and show, decide ({@code POST
 * /{id}/decision}: admins and officials), members ({@code POST /{id}/members}, {@code DELETE /{id}/members/{user}}:
 * the lead), extend ({@code POST /{id}/extension}: admins and officials) and complete ({@code POST /{id}/completion}:
 * the lead).
 */
@RestController
@RequestMapping({"/api/campus/projects", "/campus/api/projects"})
class ProjectController {

  private final Projects projects;

  ProjectController(Projects projects) {
    this.projects = projects;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> propose(@RequestBody JsonNode body) {
    return projects.propose(Viewer.current(), text(body, "title"), text(body, "purpose"), date(body, "start_date"), date(body, "end_date"),
        strings(body, "datasets"), strings(body, "members")).json();
  }

  @GetMapping
  Map<String, Object> list() {
    Projects.requireSignedIn(Viewer.current());
    return Map.of("projects", projects.listVisible(Viewer.current()).stream().map(Project::json).toList());
  }

  @GetMapping("/{id}")
  Map<String, Object> show(@PathVariable long id) {
    return projects.getVisible(Viewer.current(), id).json();
  }

  @PostMapping("/{id}/decision")
  Map<String, Object> decide(@PathVariable long id, @RequestBody JsonNode body) {
    return projects.decide(Viewer.current(), id, bool(body, "approve"), text(body, "reason")).json();
  }

  @PostMapping("/{id}/members")
  Map<String, Object> addMember(@PathVariable long id, @RequestBody JsonNode body) {
    String role = body.path("role").isString() ? body.path("role").asString() : "member";
    return projects.addMember(Viewer.current(), id, text(body, "username"), MemberRole.fromCode(role)).json();
  }

  @DeleteMapping("/{id}/members/{username}")
  Map<String, Object> removeMember(@PathVariable long id, @PathVariable String username) {
    return projects.removeMember(Viewer.current(), id, username).json();
  }

  @PostMapping("/{id}/extension")
  Map<String, Object> extend(@PathVariable long id, @RequestBody JsonNode body) {
    return projects.extend(Viewer.current(), id, date(body, "end_date")).json();
  }

  @PostMapping("/{id}/completion")
  Map<String, Object> complete(@PathVariable long id) {
    return projects.complete(Viewer.current(), id).json();
  }

  static String text(JsonNode body, String field) {
    JsonNode n = body == null ? null : body.path(field);
    return n != null && n.isString() ? n.asString() : null;
  }

  static boolean bool(JsonNode body, String field) {
    JsonNode n = body == null ? null : body.path(field);
    if (n == null || !n.isBoolean()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' must be true or false.", Map.of("field", field));
    }
    return n.asBoolean();
  }

  static LocalDate date(JsonNode body, String field) {
    String s = text(body, field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' is a date like 2025-03-31.", Map.of("field", field));
    }
  }

  static List<String> strings(JsonNode body, String field) {
    List<String> out = new ArrayList<>();
    JsonNode n = body == null ? null : body.path(field);
    if (n != null && n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isString()) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' is a list of names.", Map.of("field", field));
        }
        out.add(e.asString());
      }
    }
    return out;
  }
}
