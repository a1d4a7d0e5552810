package org.madang.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Refused records with their reason ({@code feed_quarantine}), for stewards to see what a feed's publishers get
 * wrong. Bounded: once a feed has written {@link #PRUNE_EVERY} more, all but its newest {@code limit} are removed.
 */
@Repository
class Quarantine {

  private static final int PRUNE_EVERY = 500;

  /** One quarantined record; {@code observedAt} is the time the publisher gave, as text, when there was one. */
  record Entry(long id, String feed, String source, String station, String observedAt, String reason, OffsetDateTime receivedAt) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final int limit;
  private final Map<String, AtomicInteger> sincePrune = new ConcurrentHashMap<>();

  Quarantine(JdbcClient jdbc, JdbcTemplate template, org.madang.MadangProperties properties) {
    this.jdbc = jdbc;
    this.template = template;
    this.limit = properties.feeds().intake().quarantineLimit();
  }

  void add(String feed, String source, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      rows.add(new Object[] {feed, clip(source, 100), clip(e.station(), 100), clip(e.observedAt(), 64), clip(e.reason(), 1000), now});
    }
    template.batchUpdate("INSERT INTO feed_quarantine (feed, source, station, observed_at, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)", rows);
    if (sincePrune.computeIfAbsent(feed, f -> new AtomicInteger()).addAndGet(entries.size()) >= PRUNE_EVERY) {
      sincePrune.get(feed).set(0);
      prune(feed);
    }
  }

  void prune(String feed) {
    List<Long> cut = jdbc.sql("SELECT id FROM feed_quarantine WHERE feed = ? ORDER BY id DESC LIMIT 1 OFFSET ?").params(feed, limit)
        .query(Long.class).list();
    if (!cut.isEmpty()) {
      jdbc.sql("DELETE FROM feed_quarantine WHERE feed = ? AND id <= ?").params(feed, cut.get(0)).update();
    }
  }

  /** The newest entries of a feed, newest first. */
  List<Entry> listLatest(String feed, int max) {
    return jdbc.sql("SELECT id, feed, source, station, observed_at, reason, received_at FROM feed_quarantine WHERE feed = ? ORDER BY id DESC LIMIT ?")
        .params(feed, max)
        .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getObject(7, OffsetDateTime.class)))
        .list();
  }

  long count(String feed) {
    return jdbc.sql("SELECT count(*) FROM feed_quarantine WHERE feed = ?").param(feed).query(Long.class).single();
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
