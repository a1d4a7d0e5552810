package org.madang.campus;

import java.util.Locale;

/** A member's part in a project: the lead manages members and completes it; members analyse. */
enum MemberRole {
  LEAD,
  MEMBER;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MemberRole fromCode(String code) {
    try {
      return valueOf(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a member's role is lead or member, not '" + code + "'");
    }
  }
}
