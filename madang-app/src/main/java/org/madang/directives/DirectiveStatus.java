package org.madang.directives;

import java.util.Locale;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Where a directive is in its lifecycle: issued → acknowledged → in progress → done, one step at a time. Overdue is not
 * a step but a mark ({@link Directive#overdue()}) on a directive past its due time and not done.
 */
public enum DirectiveStatus {
  ISSUED,
  ACKNOWLEDGED,
  IN_PROGRESS,
  DONE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The one status a directive may move to from this one, or null when done. */
  DirectiveStatus next() {
    return this == DONE ? null : values()[ordinal() + 1];
  }

  static DirectiveStatus fromCode(String code, String field) {
    if (code != null) {
      for (DirectiveStatus s : values()) {
        if (s.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The status must be one of issued, acknowledged, in_progress, done.", Map.of("field", field));
  }
}
