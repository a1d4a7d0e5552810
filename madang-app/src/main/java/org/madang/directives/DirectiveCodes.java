package org.madang.directives;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/** The codes of the directives' enums in JSON, forms and the database: a constant's name in lower case. */
final class DirectiveCodes {

  private DirectiveCodes() {}

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant with this code (any case, surrounding spaces ignored), or {@code blank} for a missing code when there
   * is a default; otherwise a problem naming the field and every code.
   *
   * @param what the value's name in the message, e.g. "priority"
   */
  static <E extends Enum<E>> E parse(E[] values, String code, E blank, String what, String field) {
    if (blank != null && (code == null || code.isBlank())) {
      return blank;
    }
    if (code != null) {
      String wanted = code.strip().toLowerCase(Locale.ROOT);
      for (E value : values) {
        if (of(value).equals(wanted)) {
          return value;
        }
      }
    }
    String codes = Arrays.stream(values).map(DirectiveCodes::of).collect(Collectors.joining(", "));
    throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The " + what + " must be one of " + codes + ".", Map.of("field", field));
  }
}
