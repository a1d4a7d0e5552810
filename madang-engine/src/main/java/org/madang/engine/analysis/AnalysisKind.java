package org.madang.engine.analysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/** The analyses the engine runs over datasets, by the code used in URLs and on the command line. */
public enum AnalysisKind {
  /** Local hot and cold spots (Getis-Ord Gi*, Gi) or local Moran's I with LISA quadrants, with global Moran and Geary. */
  HOTSPOT("hotspot"),
  /** Points counted per H3 cell or district, or origin-destination flows summed into a demand matrix. */
  AGGREGATE("aggregate"),
  /** Kernel density of points on a grid of square cells or on H3 hexagons. */
  KDE("kde"),
  /** Density-based clusters of points (DBSCAN). */
  DBSCAN("dbscan"),
  /** p-median: add p facilities so that the demand's total weighted distance to its nearest facility is least. */
  PMEDIAN("pmedian"),
  /** Maximal covering: add p facilities so that the most demand lies within the coverage distance of one. */
  MCLP("mclp"),
  /** Set covering: the fewest added facilities that bring all demand within the coverage distance. */
  SETCOVER("setcover"),
  /** Bus route design: routes over a network of stops and links for the trips between the stops (least average travel time). */
  TRANSIT("transit");

  private final String code;

  AnalysisKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The kind with this code; an unknown code is a user error naming {@code kind}. */
  public static AnalysisKind fromCode(String code) {
    String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    for (AnalysisKind k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    throw new MadangException(ErrorCode.INVALID_ARGUMENT,
        "There is no analysis '" + code + "'; choose one of " + Arrays.stream(values()).map(AnalysisKind::code).collect(Collectors.joining(", ")) + ".",
        Map.of("field", "kind"));
  }

  /** Whether the analysis places facilities (p-median, maximal covering, set covering). */
  public boolean isLocation() {
    return this == PMEDIAN || this == MCLP || this == SETCOVER;
  }
}
