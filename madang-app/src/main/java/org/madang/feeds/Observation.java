package org.madang.feeds;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of one station at one time, as every connector (MQTT, HTTP push, pollers, the demo simulator) hands it
 * to the {@link ObservationIntake}. {@code lat}/{@code lon} are null when the station is a known district or a
 * registered sensor. Numeric measures go in {@code values}; categorical ones (a congestion level such as "붐빔") go in
 * {@code labels}, keyed by measure name.
 */
public record Observation(
    String station,
    OffsetDateTime observedAt,
    Double lat,
    Double lon,
    Map<String, Double> values,
    Map<String, String> labels) {

  public Observation {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(observedAt, "observedAt");
    values = values == null ? Map.of() : Map.copyOf(values);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public static Observation of(String station, OffsetDateTime observedAt, Map<String, Double> values) {
    return new Observation(station, observedAt, null, null, values, Map.of());
  }
}
