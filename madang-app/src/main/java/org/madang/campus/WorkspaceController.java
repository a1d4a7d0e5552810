package org.madang.campus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.sandbox.SqlSandbox;
import org.madang.engine.sandbox.WorkingTable;
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
 * A project's workspace, for its members while it is active: working tables ({@code GET/POST /tables}, {@code DELETE
 * /tables/{name}}; a table is made from a query, as {@code CREATE TABLE name AS ...} through {@code /api/sql} is) and
 * saved queries ({@code GET/POST /queries}, {@code DELETE /queries/{name}}).
 */
@RestController
@RequestMapping({"/api/campus/projects/{id}", "/campus/api/projects/{id}"})
class WorkspaceController {

  private final Projects projects;
  private final AnalystQueries queries;
  private final CampusRepository repository;
  private final DataEngine engine;
  private final AuditTrail audit;

  WorkspaceController(Projects projects, AnalystQueries queries, CampusRepository repository, DataEngine engine, AuditTrail audit) {
    this.projects = projects;
    this.queries = queries;
    this.repository = repository;
    this.engine = engine;
    this.audit = audit;
  }

  @GetMapping("/tables")
  Map<String, Object> listTables(@PathVariable long id) {
    Project p = requireOpenMember(id);
    return Map.of("tables", engine.sandbox().listTables(p.workspace()).stream().map(WorkspaceController::json).toList());
  }

  @PostMapping("/tables")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> createTable(@PathVariable long id, @RequestBody JsonNode body) {
    String name = ProjectController.text(body, "name");
    String sql = ProjectController.text(body, "sql");
    if (!SqlSandbox.isTableName(name)) {
      throw new MadangException(ErrorCode.INVALID_NAME, "A table name is a letter or '_' then up to 62 lowercase letters, digits or '_'.", Map.of("field", "name"));
    }
    if (sql == null || sql.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The body needs the 'sql' the table is made from.", Map.of("field", "sql"));
    }
    String statement = "CREATE " + (body.path("replace").asBoolean(false) ? "OR REPLACE " : "") + "TABLE " + name + " AS\n" + sql;
    try {
      return SqlController.json(queries.run(Viewer.current(), statement, id));
    } catch (MadangException e) {
      if (!(e.details().get("line") instanceof Integer line) || line < 2) {
        throw e;
      }
      // positions in the caller's SQL, not in the statement built around it
      Map<String, Object> details = new LinkedHashMap<>(e.details());
      details.put("line", line - 1);
      throw new MadangException(e.code(), e.getMessage().replace("line " + line + ",", "line " + (line - 1) + ","), details, e);
    }
  }

  @DeleteMapping("/tables/{name}")
  Map<String, Object> dropTable(@PathVariable long id, @PathVariable String name) {
    Project p = requireOpenMember(id);
    if (!engine.sandbox().dropTable(p.workspace(), name)) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Project " + id + " has no table '" + name + "'.", Map.of("field", "name"));
    }
    audit.record(Viewer.current().username(), "campus.table.delete", "project", String.valueOf(id), name);
    return Map.of("dropped", name);
  }

  @GetMapping("/queries")
  Map<String, Object> listQueries(@PathVariable long id) {
    requireMember(id);
    return Map.of("queries", repository.listSavedQueries(id));
  }

  @PostMapping("/queries")
  Map<String, Object> saveQuery(@PathVariable long id, @RequestBody JsonNode body) {
    Project p = requireMember(id);
    if (p.status().isClosed()) {
      throw new MadangException(ErrorCode.CONFLICT, "Project " + id + " is " + p.status().code() + ".", Map.of());
    }
    String name = ProjectController.text(body, "name");
    String sql = ProjectController.text(body, "sql");
    Projects.require(name != null && !name.isBlank() && name.length() <= 200, "name", "A saved query needs a name of 1 to 200 characters.");
    Projects.require(sql != null && !sql.isBlank() && sql.length() <= 100_000, "sql", "A saved query is 1 to 100000 characters of SQL.");
    repository.saveQuery(id, name.strip(), sql, Viewer.current().username());
    return Map.of("queries", repository.listSavedQueries(id));
  }

  @DeleteMapping("/queries/{name}")
  Map<String, Object> deleteQuery(@PathVariable long id, @PathVariable String name) {
    requireMember(id);
    if (!repository.deleteSavedQuery(id, name)) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Project " + id + " has no saved query '" + name + "'.", Map.of("field", "name"));
    }
    return Map.of("deleted", name);
  }

  private Project requireMember(long id) {
    Viewer viewer = Viewer.current();
    Project p = projects.getVisible(viewer, id);
    if (!p.isMember(viewer.username())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only the project's members use its workspace.", Map.of());
    }
    return p;
  }

  private Project requireOpenMember(long id) {
    Project p = requireMember(id);
    if (!p.isOpenOn(projects.today())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Project " + id + " is " + p.status().code() + "; its workspace is closed.", Map.of("status", p.status().code()));
    }
    return p;
  }

  private static Map<String, Object> json(WorkingTable t) {
    return Map.of("name", t.name(), "row_count", t.rowCount(), "columns", t.columnCount());
  }
}
