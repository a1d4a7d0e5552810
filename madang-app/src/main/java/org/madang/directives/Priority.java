package org.madang.directives;

/** How urgent a directive is. */
public enum Priority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  public String code() {
    return DirectiveCodes.of(this);
  }

  static Priority fromCode(String code) {
    return DirectiveCodes.parse(values(), code, NORMAL, "priority", "priority");
  }
}
