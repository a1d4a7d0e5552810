package org.madang.feeds;

import java.util.List;
import org.madang.engine.observation.StoredReading;

/**
 * Published after observations were committed to the store, once per intake call that stored anything: the live
 * streams, the alert rules and, later, the dashboard listen to it. Listeners run on the intake's thread and must hand
 * heavy work to their own threads.
 *
 * @param readings the stored observations, located (district code, H3 cell), holding only measures that were new
 */
public record ObservationsReceived(String feed, String source, List<StoredReading> readings) {

  public ObservationsReceived {
    readings = List.copyOf(readings);
  }
}
