package org.madang.campus;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies for {@code POST /api/sql}. */
final class JsonBodies {

  private JsonBodies() {}

  static String sql(String sql, Long project) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sql", sql);
    if (project != null) {
      body.put("project", project);
    }
    return JsonMapper.shared().writeValueAsString(body);
  }
}
