package org.madang.engine.analysis;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Named route design scenarios: the datasets and columns of their stops, links and trips, so that {@code {"scenario":
 * "seoul-night-bus"}} stands for the three tables. The datasets are read like any other, at the versions the caller
 * may read, and named in the lineage.
 */
enum TransitScenario {
  /**
   * Seoul's late-night (00–05 h) bus network as the Seoul demo ships it: 121 cells of administrative dongs (H3
   * resolution 7), Delaunay links at a night-bus speed, and synthetic trips from a gravity model over real residents,
   * bus stops, bike stations and route 100's night boardings.
   */
  SEOUL_NIGHT_BUS("seoul-night-bus", "seoul-night-bus-cells", "cell", "name", "seoul-night-bus-links", "from_cell", "to_cell", "minutes", "km",
      "seoul-night-bus-demand", "origin_cell", "destination_cell", "trips");

  final String code;
  final String nodes;
  final String nodeId;
  final String nodeLabel;
  final String links;
  final String linkFrom;
  final String linkTo;
  final String linkMinutes;
  final String linkKm;
  final String demand;
  final String demandFrom;
  final String demandTo;
  final String demandTrips;

  TransitScenario(
      String code, String nodes, String nodeId, String nodeLabel, String links, String linkFrom, String linkTo, String linkMinutes, String linkKm,
      String demand, String demandFrom, String demandTo, String demandTrips) {
    this.code = code;
    this.nodes = nodes;
    this.nodeId = nodeId;
    this.nodeLabel = nodeLabel;
    this.links = links;
    this.linkFrom = linkFrom;
    this.linkTo = linkTo;
    this.linkMinutes = linkMinutes;
    this.linkKm = linkKm;
    this.demand = demand;
    this.demandFrom = demandFrom;
    this.demandTo = demandTo;
    this.demandTrips = demandTrips;
  }

  /** The scenario with this code; an unknown one is a user error naming {@code scenario}. */
  static TransitScenario fromCode(String code) {
    for (TransitScenario s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw ParameterReader.invalid("There is no transit scenario '" + ParameterReader.shorten(code) + "'; the scenarios are "
        + Arrays.stream(values()).map(s -> s.code).collect(Collectors.joining(", ")) + ", or name the nodes, links and demand datasets.", "scenario");
  }

  AnalysisSpec.Source source(String dataset, String label) {
    return new AnalysisSpec.Source(dataset, "scenario", Map.of(), label);
  }
}
