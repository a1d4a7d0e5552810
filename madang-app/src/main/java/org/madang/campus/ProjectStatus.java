package org.madang.campus;

import java.util.Locale;

/** Where a project is: proposed → approved → active → completed or expired; or rejected when proposed. */
public enum ProjectStatus {
  PROPOSED,
  APPROVED,
  ACTIVE,
  COMPLETED,
  EXPIRED,
  REJECTED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ProjectStatus fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  boolean isClosed() {
    return this == COMPLETED || this == EXPIRED || this == REJECTED;
  }
}
