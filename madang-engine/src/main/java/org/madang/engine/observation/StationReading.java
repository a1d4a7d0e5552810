package org.madang.engine.observation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one station measured at one time, as the store takes it.
 *
 * @param lat latitude in WGS84 degrees, or null when the station's place is unknown
 * @param lon longitude, null exactly when {@code lat} is
 * @param districtCode the district when the caller knows it (a station that is a district); null to locate it from
 *     {@code lat}/{@code lon}
 * @param values numeric measures by name
 * @param labels categorical measures by name (a congestion level such as 붐빔)
 */
public record StationReading(
    String station,
    Instant observedAt,
    Double lat,
    Double lon,
    String districtCode,
    Map<String, Double> values,
    Map<String, String> labels) {

  public StationReading {
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(observedAt, "observedAt");
    values = values == null ? Map.of() : Map.copyOf(values);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public static StationReading of(String station, Instant observedAt, Map<String, Double> values) {
    return new StationReading(station, observedAt, null, null, null, values, Map.of());
  }

  /** How many rows (one per measure) this reading makes. */
  public int measureCount() {
    return values.size() + labels.size();
  }
}
