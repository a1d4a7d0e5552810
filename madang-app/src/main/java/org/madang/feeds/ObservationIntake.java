package org.madang.feeds;

import java.util.List;

/**
 * Where every connector delivers observations. {@link #accept} returns only once the accepted observations are durable
 * in the store, so a connector may acknowledge its source (an MQTT PUBACK, an HTTP 202) after it returns and never
 * before. Bad records do not throw: they come back in the receipt, quarantined with their reason, and the rest of the
 * batch is kept. Thread-safe.
 */
public interface ObservationIntake {

  /**
   * Validates, de-duplicates (on feed + station + time) and stores a batch.
   *
   * @param feed the feed name, e.g. {@code air}
   * @param batch up to the configured batch limit of observations, in any order
   * @param source where the batch came from, for quarantine records and metrics (e.g. {@code mqtt}, {@code http},
   *     {@code poller:RealtimeCityAir}, {@code simulator})
   */
  IntakeReceipt accept(String feed, List<Observation> batch, String source);

  /** What happened to a batch: how many were stored, how many were already there, and each refused record. */
  record IntakeReceipt(int accepted, int duplicates, List<Rejection> rejected) {
    public IntakeReceipt {
      rejected = List.copyOf(rejected);
    }
  }

  /** A refused record: its index in the batch, the station when known, and one plain sentence of why. */
  record Rejection(int index, String station, String reason) {}
}
