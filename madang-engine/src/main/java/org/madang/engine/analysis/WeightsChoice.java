package org.madang.engine.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.madang.analytics.weights.ContiguityWeights;
import org.madang.analytics.weights.DistanceWeights;
import org.madang.analytics.weights.SpatialWeights;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Who counts as a feature's neighbour in a hot spot analysis, written as {@code queen}, {@code rook} (polygons sharing
 * a vertex or an edge), {@code knn:K} (the K nearest) or {@code distance:METRES} (everything within a distance band).
 * Distances are between points in metres, for polygons between their interior points.
 *
 * @param k the number of neighbours (KNN), else 0
 * @param distance_m the band (DISTANCE), else NaN
 */
public record WeightsChoice(Kind kind, int k, double distance_m) {

  public enum Kind {
    QUEEN,
    ROOK,
    KNN,
    DISTANCE
  }

  /** Parses the written form; a bad one is a user error naming {@code field}. */
  public static WeightsChoice parse(String text, String field) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("queen")) {
        return new WeightsChoice(Kind.QUEEN, 0, Double.NaN);
      }
      if (t.equals("rook")) {
        return new WeightsChoice(Kind.ROOK, 0, Double.NaN);
      }
      if (t.startsWith("knn:")) {
        int k = Integer.parseInt(t.substring(4).strip());
        if (k < 1 || k > 1000) {
          throw bad(text, field, "K must be 1 to 1000");
        }
        return new WeightsChoice(Kind.KNN, k, Double.NaN);
      }
      if (t.startsWith("distance:")) {
        double d = Double.parseDouble(t.substring(9).strip());
        if (!(d > 0) || Double.isInfinite(d)) {
          throw bad(text, field, "the distance must be a positive number of metres");
        }
        return new WeightsChoice(Kind.DISTANCE, 0, d);
      }
    } catch (NumberFormatException e) {
      throw bad(text, field, "the number after ':' is not a number");
    }
    throw bad(text, field, "write queen, rook, knn:K or distance:METRES");
  }

  private static MadangException bad(String text, String field, String why) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, "The weights '" + text + "' are not understood: " + why + ".", Map.of("field", field));
  }

  /** Whether these weights need polygons (contiguity) rather than points. */
  public boolean needsPolygons() {
    return kind == Kind.QUEEN || kind == Kind.ROOK;
  }

  /**
   * Builds binary weights. {@code polygons} (projected, may be null for points) are used for contiguity, {@code x},
   * {@code y} (metres) for KNN and distance bands.
   *
   * @param snapTolerance vertices closer than this (in the polygons' units) count as shared
   */
  public SpatialWeights build(List<String> ids, List<? extends Geometry> polygons, double[] x, double[] y, double snapTolerance, String field) {
    return switch (kind) {
      case QUEEN, ROOK -> {
        if (polygons == null) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "Queen and rook contiguity need polygons; these features are points, so choose knn:K or distance:METRES.", Map.of("field", field));
        }
        yield kind == Kind.QUEEN ? ContiguityWeights.queen(ids, polygons, snapTolerance) : ContiguityWeights.rook(ids, polygons, snapTolerance);
      }
      case KNN -> {
        if (k >= ids.size()) {
          throw new MadangException(ErrorCode.INVALID_ARGUMENT,
              "knn:" + k + " asks for more neighbours than the " + (ids.size() - 1) + " other features.", Map.of("field", field));
        }
        yield DistanceWeights.nearestNeighbours(ids, x, y, k);
      }
      case DISTANCE -> DistanceWeights.distanceBand(ids, x, y, distance_m);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case QUEEN -> "queen";
      case ROOK -> "rook";
      case KNN -> "knn:" + k;
      case DISTANCE -> "distance:" + (distance_m == Math.rint(distance_m) ? String.valueOf((long) distance_m) : String.valueOf(distance_m));
    };
  }
}
