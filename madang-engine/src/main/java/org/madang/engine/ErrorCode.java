package org.madang.engine;

/**
 * Every error Madang reports, after Trino's {@code StandardErrorCode}: the {@link Type} says whose fault it is, which
 * the web layer turns into an HTTP status (USER → 4xx, the rest → 5xx) and the CLI into an exit code.
 */
public enum ErrorCode {
  // the input was wrong: fixable by the caller
  INVALID_ARGUMENT(Type.USER, 400),
  MALFORMED_FILE(Type.USER, 400),
  UNKNOWN_FORMAT(Type.USER, 415),
  UNDECODABLE_TEXT(Type.USER, 400),
  EMPTY_FILE(Type.USER, 400),
  TOO_MANY_COLUMNS(Type.USER, 400),
  FILE_TOO_LARGE(Type.USER, 413),
  SUSPICIOUS_ARCHIVE(Type.USER, 400),
  COORDINATES_OUT_OF_AREA(Type.USER, 422),
  INVALID_NAME(Type.USER, 400),
  NAME_TAKEN(Type.USER, 409),
  NOT_FOUND(Type.USER, 404),
  ACCESS_DENIED(Type.USER, 403),
  SQL_ERROR(Type.USER, 400),
  CONFLICT(Type.USER, 409),
  // a sandboxed query went past a limit (the query's weight, so the caller's to change)
  EXCEEDED_TIME_LIMIT(Type.USER, 422),
  EXCEEDED_MEMORY_LIMIT(Type.USER, 422),
  TOO_MANY_QUERIES(Type.USER, 429),
  // our fault
  INTERNAL(Type.INTERNAL, 500),
  // the machine ran out of something
  INSUFFICIENT_RESOURCES(Type.INSUFFICIENT_RESOURCES, 503),
  DATA_DIR_LOCKED(Type.INSUFFICIENT_RESOURCES, 409),
  // something outside us failed
  EXTERNAL(Type.EXTERNAL, 502);

  public enum Type {
    USER,
    INTERNAL,
    INSUFFICIENT_RESOURCES,
    EXTERNAL
  }

  private final Type type;
  private final int httpStatus;

  ErrorCode(Type type, int httpStatus) {
    this.type = type;
    this.httpStatus = httpStatus;
  }

  public Type type() {
    return type;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
