package org.madang.feeds.source;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;

/** {@code citydata}, one request per configured hot spot (AREA_NM); see {@link CitydataResponse} for what is kept. */
final class CitydataPoller extends SeoulOpenApiPoller {

  private final List<String> areas;

  CitydataPoller(SeoulOpenApi api, ObservationIntake intake, Clock clock, List<String> areas) {
    super(CitydataResponse.SERVICE, api, intake, clock);
    this.areas = List.copyOf(areas);
  }

  @Override
  List<Request> requests() {
    return areas.stream().map(a -> new Request("json", 1, 5, List.of(a))).toList();
  }

  @Override
  Map<String, List<Observation>> read(String body, Request request) throws SeoulOpenApi.Failure {
    return CitydataResponse.read(body);
  }
}
