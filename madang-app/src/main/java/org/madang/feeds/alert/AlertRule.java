package org.madang.feeds.alert;

import java.util.Set;

/**
 * When to raise and resolve an alert on one measure of one feed. A numeric rule raises at {@code value >= raiseAt} and
 * resolves at {@code value < resolveBelow} (hysteresis: values in between change nothing, so a reading hovering at the
 * threshold does not raise and resolve in turn). A label rule raises on one of {@code raiseLabels} and resolves on one
 * of {@code resolveLabels}.
 */
record AlertRule(
    long id,
    String feed,
    String measure,
    String titleKo,
    String titleEn,
    String severity,
    Double raiseAt,
    Double resolveBelow,
    Set<String> raiseLabels,
    Set<String> resolveLabels,
    String source) {

  boolean raises(Double value, String label) {
    if (raiseAt != null) {
      return value != null && value >= raiseAt;
    }
    return label != null && raiseLabels.contains(label);
  }

  boolean resolves(Double value, String label) {
    if (raiseAt != null) {
      return value != null && value < resolveBelow;
    }
    return label != null && resolveLabels.contains(label);
  }
}
