package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An analysis to run: its kind and parameter JSON, checked for shape and ranges when parsed. Which columns exist is
 * checked against the datasets by {@link AnalysisRunner#check}. Immutable.
 *
 * <p>The parameters by kind (datasets are named by their catalog name; columns by name or by the header the source
 * gave them):
 *
 * <ul>
 *   <li>{@code hotspot}: {@code input} (polygons, points or district rows), {@code value} (a column, or {@code
 *       {column, dataset, on, filter}} from another dataset joined on district_code or the {@code on} columns), {@code
 *       per} and {@code scale} (value / per × scale, a rate), {@code weights} (queen, rook, knn:K, distance:METRES;
 *       queen for polygons, knn:8 for points), {@code statistic} (gistar, gi, local-moran), {@code permutations},
 *       {@code seed}, {@code fdr}; over H3 cells of a point dataset: {@code h3_resolution} (5-12) and {@code rings} (1-5,
 *       default 1), each cell's value being its number of points or the sum of their {@code value} (optional; no {@code
 *       per}, {@code scale} or {@code weights}), cells with points linked to those within {@code rings} steps;
 *   <li>{@code aggregate}: points counted per place: {@code input} (points), {@code weight} (a numeric column summed as
 *       {@code weight_sum}; missing weights add 0), {@code by} ({@code h3}, default, or {@code district}), {@code
 *       h3_resolution} (5-12, default 8); or flows summed into a demand matrix: {@code flows} ({@code {dataset,
 *       from_lon, from_lat, to_lon, to_lat, trips, filter}}, the ends placed in the H3 cell or district given by {@code
 *       by} and {@code h3_resolution}, or {@code {dataset, from, to, trips, filter}} with the ends' H3 addresses or
 *       district codes themselves); {@code trips} is a column of trips per row (one per row when absent). Rows whose
 *       ends cannot be placed (no coordinates, outside the city for districts) or whose trips are empty are left out
 *       and counted. Runs embedded or on Spark ({@link AnalysisRunner#prepareSpark});
 *   <li>{@code kde}: {@code input} (points), {@code weight}, {@code kernel} (quartic, gaussian), {@code bandwidth_m}
 *       (by rule when absent), {@code cell_m} (200) or {@code h3_resolution} (5-12: hexagons instead of squares);
 *   <li>{@code dbscan}: {@code input} (points), {@code eps_m}, {@code min_points} (5);
 *   <li>{@code pmedian}, {@code mclp}, {@code setcover}: {@code demand} (points), {@code weight}, {@code candidates}
 *       (the demand points when absent), {@code existing} (facilities already open), {@code p} (to add; not for
 *       setcover), {@code coverage_m} (mclp, setcover), {@code seed}, {@code time_limit_s} (10), {@code iterations};
 *   <li>{@code transit}: {@code scenario} ({@code seoul-night-bus}) or the three tables {@code nodes} ({@code {dataset,
 *       id, label, filter}}, points), {@code links} ({@code {dataset, from, to, minutes, km, filter}}, two-way) and
 *       {@code demand} ({@code {dataset, from, to, trips, filter}}); {@code routes} (a number, or a list of up to 4 to
 *       compare, e.g. {@code [6, 9]}: one design each, told apart by the result's {@code routes} column), {@code
 *       min_stops} (2), {@code max_stops} (8, or half again the fewest that let the routes reach every stop), {@code
 *       transfer_penalty} (5 minutes), {@code operator_weight} (0), {@code seed}, {@code time_limit_s} (10 per design,
 *       at most 600).
 * </ul>
 *
 * A dataset is {@code "name"} or {@code {"dataset": "name", "filter": {"column": value}, "label": "column"}}.
 */
public final class AnalysisRequest {

  private final AnalysisKind kind;
  private final JsonNode parameters;
  private final AnalysisSpec spec;

  private AnalysisRequest(AnalysisKind kind, JsonNode parameters, AnalysisSpec spec) {
    this.kind = kind;
    this.parameters = parameters;
    this.spec = spec;
  }

  /** Parses and checks the parameters; a {@link org.madang.engine.MadangException} names the parameter at fault. */
  public static AnalysisRequest parse(AnalysisKind kind, JsonNode parameters) {
    AnalysisSpec spec = ParameterReader.read(kind, parameters);
    return new AnalysisRequest(kind, parameters.deepCopy(), spec);
  }

  public AnalysisKind kind() {
    return kind;
  }

  /** The parameters as given (a copy). */
  public JsonNode parameters() {
    return parameters.deepCopy();
  }

  /** Every dataset the analysis reads, once each, in the order the parameters name them. */
  public List<DatasetReference> datasets() {
    Map<String, DatasetReference> seen = new LinkedHashMap<>();
    for (AnalysisSpec.Source s : spec.sources()) {
      seen.putIfAbsent(s.dataset(), new DatasetReference(s.dataset(), s.field()));
    }
    return new ArrayList<>(seen.values());
  }

  AnalysisSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return kind.code() + " " + parameters;
  }
}
