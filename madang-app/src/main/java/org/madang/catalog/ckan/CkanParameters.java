package org.madang.catalog.ckan;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parameters of one action call, as CKAN takes them: query parameters on GET (structured values written as JSON
 * text, e.g. {@code filters={"a":1}}), a JSON object on POST. Typed getters accept both spellings and fail with CKAN's
 * validation error naming the parameter.
 */
final class CkanParameters {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final long MAX_BODY_BYTES = 1024 * 1024;

  private final Map<String, Object> values;

  CkanParameters(Map<String, Object> values) {
    this.values = values;
  }

  /** Query parameters, and on POST the JSON body's members over them (form posts arrive as parameters). */
  static CkanParameters of(HttpServletRequest request) {
    Map<String, Object> values = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, given) -> values.put(name, given.length == 1 ? given[0] : List.of(given)));
    String contentType = request.getContentType();
    if ("POST".equals(request.getMethod()) && contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
      values.putAll(readBody(request));
    }
    return new CkanParameters(values);
  }

  private static Map<String, Object> readBody(HttpServletRequest request) {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw CkanActionException.badRequest("Bad request - the request body could not be read.");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw CkanActionException.badRequest("Bad request - the JSON body is larger than 1 MB.");
    }
    if (new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      throw CkanActionException.badRequest("Bad request - JSON Error: the body must be one JSON object.");
    }
  }

  /** The text of a parameter, or null when absent or empty. */
  String string(String name) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw CkanActionException.invalid(name, "Must be a string");
  }

  String requiredString(String name) {
    String s = string(name);
    if (s == null || s.isBlank()) {
      throw CkanActionException.invalid(name, "Missing value");
    }
    return s.strip();
  }

  int integer(String name, int defaultValue, int min, int max) {
    Object v = values.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return defaultValue;
    }
    long n;
    if (v instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
      n = number.longValue();
    } else if (v instanceof String s) {
      try {
        n = Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw CkanActionException.invalid(name, "Invalid integer");
      }
    } else {
      throw CkanActionException.invalid(name, "Invalid integer");
    }
    if (n < min) {
      throw CkanActionException.invalid(name, "Must be a natural number" + (min > 0 ? " from " + min : ""));
    }
    return (int) Math.min(n, max);
  }

  /** CKAN's booleans: true/false in any case, 1/0, yes/no, on/off. */
  boolean bool(String name, boolean defaultValue) {
    Object v = values.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw CkanActionException.invalid(name, "Invalid boolean");
    };
  }

  /** A list given as a JSON array, a JSON array written as text, a comma-separated text, or repeated parameters. */
  List<String> stringList(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      String t = s.strip();
      if (t.isEmpty()) {
        return List.of();
      }
      if (t.startsWith("[")) {
        try {
          v = JSON.readValue(t, new TypeReference<List<Object>>() {});
        } catch (JacksonException e) {
          throw CkanActionException.invalid(name, "Must be a JSON list or a comma-separated text");
        }
      } else {
        return Arrays.stream(t.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
      }
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        if (item == null || item instanceof Map || item instanceof List) {
          throw CkanActionException.invalid(name, "Must be a list of strings");
        }
        String s = String.valueOf(item).strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
      return out;
    }
    throw CkanActionException.invalid(name, "Must be a list of strings");
  }

  /** An object given as JSON, or as JSON text; empty when absent. */
  Map<String, Object> object(String name) {
    Object v = values.get(name);
    if (v == null || (v instanceof String s && s.isBlank())) {
      return Map.of();
    }
    if (v instanceof String s) {
      try {
        v = JSON.readValue(s, new TypeReference<LinkedHashMap<String, Object>>() {});
      } catch (JacksonException e) {
        throw CkanActionException.invalid(name, "Must be a JSON object");
      }
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, value) -> out.put(String.valueOf(k), value));
      return out;
    }
    throw CkanActionException.invalid(name, "Must be a JSON object");
  }

  /** The raw value: a String, Number, Boolean, List or Map; null when absent. */
  Object raw(String name) {
    return values.get(name);
  }
}
