package org.madang.directives;

import java.util.Locale;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

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
    return name().toLowerCase(Locale.ROOT);
  }

  static TargetKind fromCode(String code) {
    if (code == null || code.isBlank()) {
      return POINT;
    }
    for (TargetKind k : values()) {
      if (k.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The target kind must be one of district, indicator, alert, camera, project, point, area.",
        Map.of("field", "target.kind"));
  }
}
