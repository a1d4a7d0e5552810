package org.madang.engine;

/** Formats a version can be downloaded in. */
public enum ExportFormat {
  CSV("text/csv", "csv"),
  GEOJSON("application/geo+json", "geojson"),
  PARQUET("application/vnd.apache.parquet", "parquet");

  private final String mediaType;
  private final String extension;

  ExportFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }
}
