package org.madang.directives;

import java.util.Locale;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/** How urgent a directive is. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Priority fromCode(String code) {
    if (code == null || code.isBlank()) {
      return NORMAL;
    }
    for (Priority p : values()) {
      if (p.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The priority must be one of low, normal, high, urgent.", Map.of("field", "priority"));
  }
}
