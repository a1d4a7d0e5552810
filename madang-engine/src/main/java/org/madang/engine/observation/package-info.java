/**
 * Observations of feeds (sensors, pollers, pushes) in the warehouse: one long table {@code observations.readings},
 * appended by a single writer thread that commits many callers' batches at once, idempotent on feed, station, time
 * and measure; latest values, time-bucketed history and rolling aggregates by district and H3 cell.
 */
package org.madang.engine.observation;
