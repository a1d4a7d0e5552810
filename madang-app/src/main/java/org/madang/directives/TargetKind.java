package org.madang.directives;

/**
 * The element of the dashboard a directive was issued from. Its reference is opaque here (a district code, an indicator
 * code, an alert id, a camera id, a project id); only districts are located by the directive itself, the others bring
 * their geometry.
 */
public enum TargetKind {
  DISTRICT,
  INDICATOR,
  ALERT,
  CAMERA,
  PROJECT,
  POINT,
  AREA;

  public String code() {
    return DirectiveCodes.of(this);
  }

  static TargetKind fromCode(String code) {
    return DirectiveCodes.parse(values(), code, POINT, "target kind", "target.kind");
  }
}
