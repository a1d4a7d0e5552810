package org.madang.accounts;

import java.util.Locale;

/** What a user may do on the platform. A user holds one or more roles. */
public enum Role {
  /** Reads public and registered data; joins projects. */
  CITIZEN,
  /** Analyses data in projects. */
  ANALYST,
  /** Looks after an organization's datasets: uploads versions, approves access and exports. */
  STEWARD,
  /** A city official: the Mayor's Office dashboard and directives. */
  OFFICIAL,
  /** Runs the platform. */
  ADMIN,
  /** A machine account that pushes observations to feeds (a sensor gateway, a partner's system). */
  PUBLISHER;

  public String authority() {
    return "ROLE_" + name();
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role fromCode(String code) {
    try {
      return valueOf(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown role '" + code + "'; roles are citizen, analyst, steward, official, admin, publisher");
    }
  }
}
