package org.madang.catalog;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A dataset's metadata as the catalog keeps it.
 *
 * @param name the slug used in URLs and APIs, e.g. {@code bike-stations}
 * @param sqlName the name of its view in SQL, e.g. {@code bike_stations}
 * @param currentVersion the version readers get, or null before the first upload
 * @param synthetic true when the data is generated, not measured (said on every page that shows it)
 */
public record Dataset(
    long id,
    String name,
    String sqlName,
    String titleKo,
    String titleEn,
    String descriptionKo,
    String descriptionEn,
    Organization organization,
    List<String> tags,
    String license,
    String updateFrequency,
    String source,
    String sourceUrl,
    AccessLevel access,
    LocalDate temporalStart,
    LocalDate temporalEnd,
    String spatialCoverage,
    boolean synthetic,
    Integer currentVersion,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public String title(boolean english) {
    return english && titleEn != null && !titleEn.isBlank() ? titleEn : titleKo;
  }

  public String description(boolean english) {
    return english && descriptionEn != null && !descriptionEn.isBlank() ? descriptionEn : descriptionKo;
  }
}
