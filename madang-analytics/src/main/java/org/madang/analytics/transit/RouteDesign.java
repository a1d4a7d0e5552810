package org.madang.analytics.transit;

import java.util.List;
import org.madang.analytics.location.StopReason;

/**
 * A designed route set.
 *
 * @param routes the best route set found for the parameters' objective
 * @param evaluation its ATT, d0/d1/d2/dun and operator cost
 * @param lowerBound Mumford's passenger lower bound on the ATT for the stop limit
 * @param front the route sets the search accepted that no other accepted set beats on both ATT and operator cost, by
 *     ATT ascending (at most 500)
 * @param stopReason why the designer stopped
 * @param iterations moves tried
 * @param seconds wall time of the design
 * @param secondsToBest wall time until the best route set was first found
 */
public record RouteDesign(
    RouteSet routes,
    RouteSetEvaluation evaluation,
    double lowerBound,
    List<FrontPoint> front,
    StopReason stopReason,
    int iterations,
    double seconds,
    double secondsToBest) {

  /** One route set of the ATT / operator cost trade-off. */
  public record FrontPoint(RouteSet routes, double averageTravelTime, double operatorCost) {}

  public RouteDesign {
    front = List.copyOf(front);
  }
}
