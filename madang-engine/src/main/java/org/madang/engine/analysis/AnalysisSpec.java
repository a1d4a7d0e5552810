package org.madang.engine.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.madang.analytics.hotspot.Kernel;
import org.madang.analytics.hotspot.LocalStatistic;
import tools.jackson.databind.JsonNode;

/** What an analysis reads and computes, parsed from its parameter JSON by {@link ParameterReader}. */
sealed interface AnalysisSpec {

  /** The datasets the analysis reads, each with the parameter that names it. */
  List<Source> sources();

  /**
   * Rows of one dataset.
   *
   * @param field the parameter naming the dataset, for messages ({@code input}, {@code value.dataset}, ...)
   * @param filter column → value the rows must equal
   * @param label a column naming each row in the output, or null
   */
  record Source(String dataset, String field, Map<String, JsonNode> filter, String label) {}

  /**
   * A number per feature: a column of the feature's own row ({@code source} null) or of the one row of another dataset
   * that matches it on the {@code on} columns (feature column → other dataset's column).
   *
   * @param field the parameter, e.g. {@code value} or {@code per}
   */
  record ValueColumn(Source source, String column, Map<String, String> on, double scale, String field) {

    boolean joined() {
      return source != null;
    }
  }

  record Hotspot(
      Source input, ValueColumn value, ValueColumn per, WeightsChoice weights, LocalStatistic statistic, int permutations,
      long seed, double falseDiscoveryRate, Integer h3Resolution, int rings) implements AnalysisSpec {

    /** Whether the features are H3 cells of the input's points (their count, or their values' sum, per cell). */
    boolean onH3Cells() {
      return h3Resolution != null;
    }

    @Override
    public List<Source> sources() {
      List<Source> s = new ArrayList<>(List.of(input));
      if (value != null && value.joined()) {
        s.add(value.source());
      }
      if (per != null && per.joined()) {
        s.add(per.source());
      }
      return s;
    }
  }

  /**
   * Kernel density on square cells of {@code cell_m} metres, or on the H3 cells of {@code h3Resolution} when that is
   * not null.
   */
  record Density(Source input, ValueColumn weight, Kernel kernel, double bandwidth_m, double cell_m, Integer h3Resolution) implements AnalysisSpec {

    @Override
    public List<Source> sources() {
      List<Source> s = new ArrayList<>(List.of(input));
      if (weight != null && weight.joined()) {
        s.add(weight.source());
      }
      return s;
    }
  }

  /**
   * Points counted (and their weights summed) per H3 cell or district, or flows summed into a matrix between the cells,
   * districts or codes of their two ends.
   *
   * @param by {@code h3}, {@code district}, or {@code codes} (flows given by their ends' codes)
   */
  record Aggregate(Source input, ValueColumn weight, Flows flows, String by, int h3Resolution) implements AnalysisSpec {

    @Override
    public List<Source> sources() {
      return List.of(input != null ? input : flows.source());
    }
  }

  /**
   * Rows of trips between two places.
   *
   * @param coordinates whether {@code ends} are from_lon, from_lat, to_lon, to_lat columns (else from and to codes)
   * @param trips the column of trips per row, or null for one trip per row
   */
  record Flows(Source source, boolean coordinates, List<String> ends, String trips) {

    public Flows {
      ends = List.copyOf(ends);
    }
  }

  record Dbscan(Source input, double eps_m, int minPoints) implements AnalysisSpec {

    @Override
    public List<Source> sources() {
      return List.of(input);
    }
  }

  /**
   * p-median, maximal covering or set covering over demand points and candidate sites.
   *
   * @param candidates where facilities may be added (the demand points when not given)
   * @param existing facilities already open, or null
   * @param p facilities to add (0 for set covering, which finds the number)
   * @param coverage_m the coverage distance (maximal and set covering), else NaN
   * @param iterations solver restarts, 0 for as many as the time limit allows (p-median)
   * @param demandH3Resolution when not null, the demand points are merged into the H3 cells of this resolution (weights
   *     summed, each cell's demand at its centre) before the solve; null solves over every point
   */
  record Facility(
      AnalysisKind kind, Source demand, ValueColumn weight, Source candidates, Source existing, int p,
      double coverage_m, long seed, double timeLimit_s, int iterations, Integer demandH3Resolution) implements AnalysisSpec {

    /** Whether the demand is merged into H3 cells before the solve. */
    boolean demandOnCells() {
      return demandH3Resolution != null;
    }

    @Override
    public List<Source> sources() {
      List<Source> s = new ArrayList<>(List.of(demand));
      if (weight != null && weight.joined()) {
        s.add(weight.source());
      }
      s.add(candidates);
      if (existing != null) {
        s.add(existing);
      }
      return s;
    }
  }

  /**
   * Bus routes designed over a network read from three tables: stops (points with an id), links between stops with
   * their travel time, and trips between stops. One design per entry of {@code routes}.
   *
   * @param scenario the named scenario the tables come from, or null when the parameters name them
   * @param linkKm the links' road length in kilometres, or null (the length is then measured between the stops)
   * @param maxStops the most stops per route, or 0 for the default (chosen from the network's size)
   * @param timeLimit_s the time limit of each design
   */
  record Transit(
      String scenario, Source nodes, String nodeId, Source links, String linkFrom, String linkTo, String linkMinutes, String linkKm,
      Source demand, String demandFrom, String demandTo, String demandTrips, List<Integer> routes, int minStops, int maxStops,
      double transferPenalty, double operatorWeight, long seed, double timeLimit_s) implements AnalysisSpec {

    public Transit {
      routes = List.copyOf(routes);
    }

    @Override
    public List<Source> sources() {
      return List.of(nodes, links, demand);
    }
  }
}
