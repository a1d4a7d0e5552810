package org.madang.analyses;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Analysis outputs made fit for JSON, which cannot carry NaN or infinities. */
public final class JsonNumbers {

  private JsonNumbers() {}

  /** The value with every non-finite double, also inside maps and collections, replaced by null. */
  public static Object finite(Object value) {
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), finite(v)));
      return out;
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(JsonNumbers::finite).toList();
    }
    return value;
  }
}
