package org.madang.feeds;

import java.util.List;

/**
 * A stream of observations of one kind (air quality, congestion, road speed) and what its measures mean.
 *
 * @param name the feed's name in URLs and MQTT topics, e.g. {@code air}
 * @param organization the name of the organization that owns it, or null
 * @param retentionDays observations older than this many days are removed
 */
public record Feed(String name, String titleKo, String titleEn, String organization, int retentionDays, List<Measure> measures) {

  public Feed {
    measures = measures == null ? List.of() : List.copyOf(measures);
  }

  /** One measure of a feed: its name in observations, its unit ({@code µg/m³}, {@code km/h}; null for labels) and titles. */
  public record Measure(String measure, String unit, String titleKo, String titleEn) {}
}
