package org.madang.directives;

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
    return DirectiveCodes.of(this);
  }

  /** The one status a directive may move to from this one, or null when done. */
  DirectiveStatus next() {
    return this == DONE ? null : values()[ordinal() + 1];
  }

  static DirectiveStatus fromCode(String code, String field) {
    return DirectiveCodes.parse(values(), code, null, "status", field);
  }
}
