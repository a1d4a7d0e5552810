package org.madang.engine.observation;

import java.time.Instant;

/** The most recent value of one measure of one station. Exactly one of {@code value} and {@code label} is set. */
public record LatestReading(
    String station,
    String measure,
    Instant observedAt,
    Double value,
    String label,
    Double lat,
    Double lon,
    String districtCode,
    Long h3Cell) {}
