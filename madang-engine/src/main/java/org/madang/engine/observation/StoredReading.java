package org.madang.engine.observation;

import java.time.Instant;
import java.util.Map;

/**
 * A reading as it was stored: located, and holding only the measures that were new (a measure already stored for the
 * same feed, station and time is left out).
 *
 * @param index the reading's position in the appended batch
 * @param h3Cell the H3 cell at the engine's resolution, or null without a place
 */
public record StoredReading(
    int index,
    String station,
    Instant observedAt,
    Double lat,
    Double lon,
    String districtCode,
    Long h3Cell,
    Map<String, Double> values,
    Map<String, String> labels) {}
