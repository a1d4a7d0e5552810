package org.madang.feeds;

import java.time.Duration;
import java.time.Instant;
import org.madang.engine.DataEngine;
import org.madang.engine.observation.ObservationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes each feed's observations older than its {@code retention_days}, hourly (and 10 minutes after start). The
 * delete goes through the store's writer, between two groups of appends, so it never races an append.
 */
@Component
class FeedRetention {

  private static final Logger log = LoggerFactory.getLogger(FeedRetention.class);

  private final FeedRegistry registry;
  private final ObservationStore store;

  FeedRetention(FeedRegistry registry, DataEngine engine) {
    this.registry = registry;
    this.store = engine.observations();
  }

  @Scheduled(initialDelay = 10, fixedDelay = 60, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
  void removeExpired() {
    removeBefore(Instant.now());
  }

  /** Removes, for every feed, what is older than its retention at {@code now}; returns the rows removed. */
  long removeBefore(Instant now) {
    long removed = 0;
    for (Feed feed : registry.listFeeds()) {
      try {
        removed += store.deleteBefore(feed.name(), now.minus(Duration.ofDays(feed.retentionDays())));
      } catch (RuntimeException e) {
        log.warn("Old observations of feed {} could not be removed", feed.name(), e);
      }
    }
    return removed;
  }
}
