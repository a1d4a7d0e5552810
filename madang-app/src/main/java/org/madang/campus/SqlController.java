package org.madang.campus;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.sandbox.SandboxResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/sql} with {@code {"sql": "...", "project": 7}} ({@code project} optional): runs one statement in
 * the sandbox as the caller and answers {@code columns}, {@code rows}, {@code truncated}; errors are problem+json with
 * {@code line}, {@code column} and, for refusals, {@code refusal}. The body is read here, bytes first, so that text
 * that is not UTF-8 and SQL over the size limit are refused with their own sentence before any parsing.
 */
@RestController
class SqlController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int JSON_ALLOWANCE = 64 * 1024;

  private final AnalystQueries queries;

  SqlController(AnalystQueries queries) {
    this.queries = queries;
  }

  @PostMapping(path = {"/api/sql", "/campus/api/sql"})
  Map<String, Object> run(HttpServletRequest request) throws IOException {
    int maxSql = queries.limits().maxSqlChars();
    String body = readUtf8(request, maxSql + JSON_ALLOWANCE);
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The body must be JSON: {\"sql\": \"...\", \"project\": id}.", Map.of());
    }
    JsonNode sqlNode = json.path("sql");
    if (!sqlNode.isString() || sqlNode.asString().isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The body needs an 'sql' string.", Map.of("field", "sql"));
    }
    String sql = sqlNode.asString();
    if (sql.getBytes(StandardCharsets.UTF_8).length > maxSql) {
      throw tooLarge(maxSql);
    }
    Long project = null;
    JsonNode p = json.path("project");
    if (p.isIntegralNumber()) {
      project = p.asLong();
    } else if (p.isString() && p.asString().matches("\\d{1,18}")) {
      project = Long.parseLong(p.asString());
    } else if (!p.isMissingNode() && !p.isNull()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'project' is a project's id.", Map.of("field", "project"));
    }
    return json(queries.run(Viewer.current(), sql, project));
  }

  static Map<String, Object> json(AnalystQueries.AnalystResult outcome) {
    SandboxResult r = outcome.result();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("columns", r.columns().stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
    o.put("rows", r.rows());
    o.put("row_count", r.rows().size());
    o.put("truncated", r.truncated());
    o.put("elapsed_ms", r.elapsedMillis());
    o.put("datasets_read", r.datasetsRead().stream().sorted().toList());
    // rows seen inside a project that holds restricted data leave it only through a checked output request
    o.put("restricted", !outcome.restrictedScope().isEmpty());
    o.put("restricted_datasets", outcome.restrictedScope());
    if (r.createdTable() != null) {
      o.put("table", Map.of("name", r.createdTable().name(), "row_count", r.createdTable().rowCount(), "columns", r.createdTable().columnCount()));
    }
    return o;
  }

  private static String readUtf8(HttpServletRequest request, int limit) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(limit + 1);
    }
    if (bytes.length > limit) {
      throw tooLarge(limit - JSON_ALLOWANCE);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MadangException(ErrorCode.UNDECODABLE_TEXT, "The request is not UTF-8 text; send the SQL as UTF-8.", Map.of("field", "sql"));
    }
  }

  private static MadangException tooLarge(int maxSql) {
    return new MadangException(
        ErrorCode.INVALID_ARGUMENT, "The SQL is larger than the " + (maxSql / 1024) + " KB the sandbox accepts.", Map.of("field", "sql", "refusal", "too_large"));
  }
}
