package org.madang.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.TablePage;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only SQL over every dataset for admins ({@code /api/admin/**} requires the admin role), used by {@code madang
 * query --server}. Each query is audited. Analysts' sandboxed SQL is a separate, rights-aware endpoint.
 */
@RestController
class AdminQueryController {

  private final DataEngine engine;
  private final AuditTrail audit;

  AdminQueryController(DataEngine engine, AuditTrail audit) {
    this.engine = engine;
    this.audit = audit;
  }

  @PostMapping(path = "/api/admin/query", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> query(@RequestBody Map<String, Object> body) {
    Object sql = body.get("sql");
    if (!(sql instanceof String s) || s.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The body needs an 'sql' string.", Map.of("field", "sql"));
    }
    String format = String.valueOf(body.getOrDefault("format", "json"));
    int maxRows = body.get("max_rows") instanceof Number n ? n.intValue() : 10000;
    if (maxRows < 1 || maxRows > 1_000_000) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "max_rows must be 1 to 1000000.", Map.of("field", "max_rows"));
    }
    audit.record(Viewer.current().username(), "sql.admin", "sql", null, s);
    TablePage page = engine.query(s, maxRows);
    if (format.equals("csv")) {
      StringBuilder out = new StringBuilder();
      out.append(String.join(",", page.columns().stream().map(c -> csv(c.name())).toList())).append('\n');
      for (Map<String, Object> row : page.rows()) {
        out.append(String.join(",", page.columns().stream().map(c -> csv(row.get(c.name()))).toList())).append('\n');
      }
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(out.toString());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("columns", page.columns().stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
    result.put("rows", page.rows());
    return ResponseEntity.ok(result);
  }

  private static String csv(Object value) {
    if (value == null) {
      return "";
    }
    String s = String.valueOf(value);
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
