package org.madang.catalog.ckan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * An action that failed the way CKAN reports it: an HTTP status, CKAN's error {@code __type}, a message, and for
 * validation errors the offending fields with their complaints (CKAN puts them beside {@code __type}).
 */
final class CkanActionException extends RuntimeException {

  static final String NOT_FOUND = "Not Found Error";
  static final String VALIDATION = "Validation Error";
  static final String AUTHORIZATION = "Authorization Error";
  static final String BAD_REQUEST = "Bad Request";
  static final String INTERNAL = "Internal Server Error";

  private final int status;
  private final String type;
  private final Map<String, List<String>> fields;

  private CkanActionException(int status, String type, String message, Map<String, List<String>> fields, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.type = type;
    this.fields = fields;
  }

  static CkanActionException notFound(String message) {
    return new CkanActionException(404, NOT_FOUND, message, Map.of(), null);
  }

  /** A parameter CKAN would reject: 409 with the field named. */
  static CkanActionException invalid(String field, String complaint) {
    return new CkanActionException(409, VALIDATION, field + ": " + complaint, Map.of(field, List.of(complaint)), null);
  }

  static CkanActionException badRequest(String message) {
    return new CkanActionException(400, BAD_REQUEST, message, Map.of(), null);
  }

  /** CKAN's reading of Madang's own errors: missing is 404, forbidden 403, any other fault of the caller 409. */
  static CkanActionException of(MadangException e) {
    if (e.code() == ErrorCode.NOT_FOUND) {
      return new CkanActionException(404, NOT_FOUND, "Not found: " + e.getMessage(), Map.of(), e);
    }
    if (e.code() == ErrorCode.ACCESS_DENIED) {
      return new CkanActionException(403, AUTHORIZATION, "Access denied: " + e.getMessage(), Map.of(), e);
    }
    if (e.code().type() == ErrorCode.Type.USER) {
      Object field = e.details().get("field");
      Map<String, List<String>> fields = field == null ? Map.of() : Map.of(String.valueOf(field), List.of(e.getMessage()));
      return new CkanActionException(409, VALIDATION, e.getMessage(), fields, e);
    }
    return new CkanActionException(e.code().httpStatus(), INTERNAL, e.getMessage(), Map.of(), e);
  }

  static CkanActionException internal(Throwable cause) {
    return new CkanActionException(500, INTERNAL, "The server could not answer this action.", Map.of(), cause);
  }

  int status() {
    return status;
  }

  /** The {@code error} member of CKAN's envelope. */
  Map<String, Object> error() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("__type", type);
    error.put("message", getMessage());
    error.putAll(fields);
    return error;
  }
}
