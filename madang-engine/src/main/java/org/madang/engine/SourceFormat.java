package org.madang.engine;

import java.util.Locale;
import java.util.Optional;

/** The file formats the engine reads. */
public enum SourceFormat {
  CSV,
  TSV,
  XLSX,
  JSON,
  GEOJSON,
  PARQUET;

  /** The format a file name's extension suggests, if it names one. */
  public static Optional<SourceFormat> fromFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv") || n.endsWith(".txt")) return Optional.of(CSV);
    if (n.endsWith(".tsv") || n.endsWith(".tab")) return Optional.of(TSV);
    if (n.endsWith(".xlsx")) return Optional.of(XLSX);
    if (n.endsWith(".geojson")) return Optional.of(GEOJSON);
    if (n.endsWith(".json")) return Optional.of(JSON);
    if (n.endsWith(".parquet")) return Optional.of(PARQUET);
    return Optional.empty();
  }
}
