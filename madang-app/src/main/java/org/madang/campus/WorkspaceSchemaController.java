package org.madang.campus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetColumn;
import org.madang.engine.Column;
import org.madang.engine.DataEngine;
import org.madang.engine.sandbox.WorkingTable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/campus/projects/{id}/schema} (and {@code /campus/api/...} for the browser): what SQL in the project's
 * workspace may read, for its members while it is active (403 otherwise, as {@code /api/sql} answers). The catalog
 * datasets are {@link AnalystQueries#rights}' readable set, the very rights the sandbox is given, so the browser never
 * lists a table a query would be refused: public and registered data, and restricted data only when a steward granted
 * it to this project. Each has its SQL name, titles, access level and columns (name, type, Korean label, role); the
 * project's working tables follow with their columns.
 */
@RestController
class WorkspaceSchemaController {

  private final AnalystQueries queries;
  private final CatalogRepository catalog;
  private final DataEngine engine;

  WorkspaceSchemaController(AnalystQueries queries, CatalogRepository catalog, DataEngine engine) {
    this.queries = queries;
    this.catalog = catalog;
    this.engine = engine;
  }

  @GetMapping({"/api/campus/projects/{id}/schema", "/campus/api/projects/{id}/schema"})
  Map<String, Object> schema(@PathVariable long id) {
    // the sandbox's own rights for this caller in this project (403 unless an open project's member)
    AnalystQueries.Rights rights = queries.rights(Viewer.current(), id);
    List<Dataset> readable = rights.readable().stream().map(rights.bySqlName()::get).sorted(Comparator.comparing(Dataset::sqlName)).toList();
    List<Map<String, Object>> datasets = new ArrayList<>();
    for (Dataset d : readable) {
      List<Map<String, Object>> columns = new ArrayList<>();
      catalog.findVersion(d.id(), d.currentVersion()).ifPresent(v -> {
        for (DatasetColumn c : v.columns()) {
          Map<String, Object> column = new LinkedHashMap<>();
          column.put("name", c.name());
          column.put("type", c.type());
          column.put("label", c.label() == null || c.label().isBlank() ? c.name() : c.label());
          column.put("role", c.role().name().toLowerCase(Locale.ROOT));
          columns.add(column);
        }
      });
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", d.name());
      o.put("sql_name", d.sqlName());
      o.put("title", d.titleKo());
      o.put("title_en", d.titleEn());
      o.put("access", d.access().code());
      o.put("organization", d.organization().name());
      o.put("columns", columns);
      datasets.add(o);
    }
    Project project = rights.project();
    Map<String, List<Column>> tableColumns = engine.sandbox().listTableColumns(project.workspace());
    List<Map<String, Object>> tables = new ArrayList<>();
    for (WorkingTable t : engine.sandbox().listTables(project.workspace())) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", t.name());
      o.put("row_count", t.rowCount());
      o.put("columns", tableColumns.getOrDefault(t.name(), List.of()).stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
      tables.add(o);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("project", project.id());
    out.put("workspace", project.workspace());
    out.put("datasets", datasets);
    out.put("tables", tables);
    return out;
  }
}
