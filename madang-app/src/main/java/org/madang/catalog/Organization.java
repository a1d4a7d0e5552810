package org.madang.catalog;

/** A department of the city or a partner that publishes datasets. {@code kind}: department, agency or partner. */
public record Organization(long id, String name, String titleKo, String titleEn, String descriptionKo, String descriptionEn, String kind) {

  /** The shared organization that holds analysis results of people who publish for no department (see {@link DatasetAccess}). */
  public static final String ANALYSES = "analyses";
  /** Where the Big Data Campus publishes outputs its stewards approved. */
  public static final String CAMPUS = "campus";

  public String title(boolean english) {
    return english && titleEn != null && !titleEn.isBlank() ? titleEn : titleKo;
  }
}
