/**
 * Real-time feeds: the registry of feeds and stations, the intake every connector delivers through ({@link
 * org.madang.feeds.FeedService}, checks, quarantine, metrics), the shared wire format ({@link
 * org.madang.feeds.ObservationPayload}), queries and HTTP push under {@code /api/feeds}, live Server-Sent Events
 * streams with resume, and the events {@link org.madang.feeds.ObservationsReceived} and {@link
 * org.madang.feeds.AlertEvent} for other modules.
 */
package org.madang.feeds;
