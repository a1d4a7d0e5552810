package org.madang.feeds;

/**
 * What happened to an alert, published as an application event for the live stream and other modules (the
 * dashboard): {@link AlertRaised}, {@link AlertAcknowledged}, {@link AlertResolved}.
 */
public sealed interface AlertEvent permits AlertEvent.AlertRaised, AlertEvent.AlertAcknowledged, AlertEvent.AlertResolved {

  Alert alert();

  /** The event's name on the live stream. */
  String kind();

  record AlertRaised(Alert alert) implements AlertEvent {
    @Override
    public String kind() {
      return "raised";
    }
  }

  record AlertAcknowledged(Alert alert) implements AlertEvent {
    @Override
    public String kind() {
      return "acknowledged";
    }
  }

  record AlertResolved(Alert alert) implements AlertEvent {
    @Override
    public String kind() {
      return "resolved";
    }
  }
}
