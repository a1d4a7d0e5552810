package org.madang.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * Metadata given when a dataset is created or edited. Null fields keep their current value on edit.
 *
 * @param organization the organization's name (slug)
 */
public record DatasetSpec(
    String name,
    String titleKo,
    String titleEn,
    String descriptionKo,
    String descriptionEn,
    String organization,
    List<String> tags,
    String license,
    String updateFrequency,
    String source,
    String sourceUrl,
    AccessLevel access,
    LocalDate temporalStart,
    LocalDate temporalEnd,
    String spatialCoverage,
    Boolean synthetic) {

  /** The least a new dataset needs: a name, a title and an organization; public access. */
  public static DatasetSpec minimal(String name, String title, String organization) {
    return new DatasetSpec(name, title, null, null, null, organization, List.of(), null, null, null, null, AccessLevel.PUBLIC, null, null, null, false);
  }
}
