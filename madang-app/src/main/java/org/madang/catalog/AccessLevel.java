package org.madang.catalog;

import java.util.Locale;

/** Who may use a dataset. */
public enum AccessLevel {
  /** Anyone, signed in or not. */
  PUBLIC,
  /** Anyone with an account. */
  REGISTERED,
  /** Only its organization's stewards and admins (and, later, approved projects); invisible to everyone else. */
  RESTRICTED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AccessLevel fromCode(String code) {
    for (AccessLevel level : values()) {
      if (level.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
        return level;
      }
    }
    throw new IllegalArgumentException("access must be public, registered or restricted, not '" + code + "'");
  }
}
