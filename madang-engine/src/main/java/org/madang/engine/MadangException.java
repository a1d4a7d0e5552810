package org.madang.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type Madang throws for errors a caller should see. The message is one plain sentence fit for a
 * citizen; {@link #details()} names where the problem is ({@code line}, {@code column}, {@code field}, ...), and the
 * web layer copies them into the problem+json body.
 */
public class MadangException extends RuntimeException {

  private final ErrorCode code;
  private final Map<String, Object> details;

  public MadangException(ErrorCode code, String message) {
    this(code, message, Map.of(), null);
  }

  public MadangException(ErrorCode code, String message, Map<String, ?> details) {
    this(code, message, details, null);
  }

  public MadangException(ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public ErrorCode code() {
    return code;
  }

  /** Where the problem is: keys such as {@code line}, {@code column}, {@code field}, {@code row}; never null. */
  public Map<String, Object> details() {
    return details;
  }
}
