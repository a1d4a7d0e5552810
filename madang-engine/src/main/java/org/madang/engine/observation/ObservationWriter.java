package org.madang.engine.observation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.store.Warehouse;

/**
 * The one thread that writes observations. Callers queue their batches; the thread takes everything queued (up to
 * {@link #MAX_GROUP_ROWS} rows), de-duplicates it, appends it with one DuckDB appender and commits once, then completes
 * every caller's future. While one commit runs the next group gathers, so many small batches share a commit (and its
 * WAL fsync) without any waiting on a timer.
 *
 * <p>De-duplication without an index: the thread knows the newest time stored per feed and station, so a reading newer
 * than that is new (the common case of a live feed). Only older readings (late or re-delivered) are looked up in the
 * table, by station and time range, which DuckDB's zone maps keep to the recent row groups. The newest times are read
 * from the table when the store opens, so they always describe committed data.
 */
final class ObservationWriter implements AutoCloseable {

  /** Rows one commit takes at most. */
  static final int MAX_GROUP_ROWS = 100_000;
  /** Rows queued and not yet committed at most; callers beyond this wait, then are refused. */
  static final int MAX_PENDING_ROWS = 1_000_000;
  private static final long QUEUE_WAIT_MS = 30_000;
  private static final int STATIONS_PER_LOOKUP = 500;

  private final Warehouse warehouse;
  private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(MAX_PENDING_ROWS);
  /** Newest stored time (epoch µs) per feed and station; touched by the writer thread only. */
  private final Map<String, Map<String, Long>> newest = new HashMap<>();
  /** Latest value per feed, station and measure; written by the writer thread after commit, read by anyone. */
  private final Map<String, Map<StationMeasure, LatestReading>> latest = new ConcurrentHashMap<>();
  private final DuckDBConnection connection;
  private final Thread thread;
  private volatile boolean closed;

  record StationMeasure(String station, String measure) {}

  private record StationTime(String station, long micros) {}

  private sealed interface Task permits Append, Delete, Stop {}

  private record Append(String feed, List<StoredReading> readings, int rows, CompletableFuture<AppendResult> done) implements Task {}

  private record Delete(String feed, Instant before, CompletableFuture<Long> done) implements Task {}

  private record Stop() implements Task {}

  ObservationWriter(Warehouse warehouse) {
    this.warehouse = warehouse;
    this.connection = warehouse.connect();
    try {
      loadLatest();
    } catch (SQLException e) {
      closeQuietly();
      throw new MadangException(ErrorCode.INTERNAL, "The observation store cannot be opened: " + e.getMessage(), Map.of(), e);
    }
    thread = new Thread(this::run, "observation-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues located readings; the future completes once they are committed. */
  CompletableFuture<AppendResult> append(String feed, List<StoredReading> readings) {
    int rows = 0;
    for (StoredReading r : readings) {
      rows += r.values().size() + r.labels().size();
    }
    int permits = Math.min(rows, MAX_PENDING_ROWS);
    try {
      if (closed || !room.tryAcquire(permits, QUEUE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new MadangException(
            ErrorCode.INSUFFICIENT_RESOURCES,
            closed ? "The observation store is closed." : "The observation store is behind; send the observations again shortly.",
            Map.of());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "Interrupted while waiting for the observation store.", Map.of(), e);
    }
    CompletableFuture<AppendResult> done = new CompletableFuture<>();
    queue.add(new Append(feed, readings, permits, done));
    return done;
  }

  CompletableFuture<Long> deleteBefore(String feed, Instant before) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "The observation store is closed.", Map.of()));
    } else {
      queue.add(new Delete(feed, before, done));
    }
    return done;
  }

  List<LatestReading> listLatest(String feed) {
    Map<StationMeasure, LatestReading> byStation = latest.get(feed);
    return byStation == null ? List.of() : List.copyOf(byStation.values());
  }

  private void run() {
    List<Append> group = new ArrayList<>();
    while (true) {
      Task first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (first instanceof Stop) {
        failRemaining();
        return;
      }
      if (first instanceof Delete delete) {
        delete(delete);
        continue;
      }
      group.clear();
      Append a = (Append) first;
      group.add(a);
      int rows = a.rows();
      while (rows < MAX_GROUP_ROWS && queue.peek() instanceof Append next) {
        queue.poll();
        group.add(next);
        rows += next.rows();
      }
      try {
        write(group);
      } finally {
        for (Append done : group) {
          room.release(done.rows());
        }
      }
    }
  }

  private void write(List<Append> group) {
    List<AppendResult> results;
    try {
      results = writeAndCommit(group);
    } catch (SQLException | RuntimeException e) {
      rollback();
      MadangException failure =
          e instanceof MadangException m ? m : new MadangException(ErrorCode.INTERNAL, "Observations could not be stored: " + e.getMessage(), Map.of(), e);
      for (Append a : group) {
        a.done().completeExceptionally(failure);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      remember(group.get(i).feed(), results.get(i));
      group.get(i).done().complete(results.get(i));
    }
  }

  private List<AppendResult> writeAndCommit(List<Append> group) throws SQLException {
    // explicit, not JDBC auto-commit off: DuckDB's appender commits the chunks it flushes unless a transaction is open
    execute("BEGIN TRANSACTION");
    Map<String, Map<StationTime, Set<String>>> existing = lookUpOlder(group);
    Map<String, Map<StationTime, Set<String>>> written = new HashMap<>();
    List<AppendResult> results = new ArrayList<>(group.size());
    OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    try (DuckDBAppender appender = connection.createAppender("observations", "readings")) {
      for (Append a : group) {
        Map<StationTime, Set<String>> stored = existing.getOrDefault(a.feed(), Map.of());
        Map<StationTime, Set<String>> inGroup = written.computeIfAbsent(a.feed(), f -> new HashMap<>());
        List<StoredReading> kept = new ArrayList<>(a.readings().size());
        List<Integer> duplicates = new ArrayList<>();
        for (StoredReading r : a.readings()) {
          StationTime key = new StationTime(r.station(), micros(r.observedAt()));
          Set<String> before = stored.get(key);
          Set<String> measures = inGroup.computeIfAbsent(key, k -> new HashSet<>());
          Map<String, Double> values = new LinkedHashMap<>();
          Map<String, String> labels = new LinkedHashMap<>();
          r.values().forEach((m, v) -> {
            if ((before == null || !before.contains(m)) && measures.add(m)) {
              values.put(m, v);
            }
          });
          r.labels().forEach((m, l) -> {
            if ((before == null || !before.contains(m)) && measures.add(m)) {
              labels.put(m, l);
            }
          });
          if (values.isEmpty() && labels.isEmpty()) {
            duplicates.add(r.index());
            continue;
          }
          StoredReading s = new StoredReading(r.index(), r.station(), r.observedAt(), r.lat(), r.lon(), r.districtCode(), r.h3Cell(), values, labels);
          kept.add(s);
          for (Map.Entry<String, Double> v : values.entrySet()) {
            row(appender, a.feed(), s, key.micros(), v.getKey(), v.getValue(), null, receivedAt);
          }
          for (Map.Entry<String, String> l : labels.entrySet()) {
            row(appender, a.feed(), s, key.micros(), l.getKey(), null, l.getValue(), receivedAt);
          }
        }
        results.add(new AppendResult(kept, duplicates));
      }
      appender.flush();
    }
    execute("COMMIT");
    return results;
  }

  private static void row(
      DuckDBAppender appender, String feed, StoredReading r, long micros, String measure, Double value, String label, OffsetDateTime receivedAt)
      throws SQLException {
    appender.beginRow()
        .append(feed)
        .append(r.station())
        .append(r.observedAt().atOffset(ZoneOffset.UTC))
        .append(measure)
        .append(value)
        .append(label)
        .append(r.lat())
        .append(r.lon())
        .append(r.districtCode())
        .append(r.h3Cell())
        .append(receivedAt)
        .endRow();
  }

  /**
   * The measures already stored for readings not newer than their station's newest stored time, by feed and station
   * time. Readings newer than that cannot have been stored and are not looked up.
   */
  private Map<String, Map<StationTime, Set<String>>> lookUpOlder(List<Append> group) throws SQLException {
    Map<String, Map<String, long[]>> ranges = new HashMap<>();
    Map<String, Set<StationTime>> wanted = new HashMap<>();
    for (Append a : group) {
      Map<String, Long> feedNewest = newest.getOrDefault(a.feed(), Map.of());
      for (StoredReading r : a.readings()) {
        Long last = feedNewest.get(r.station());
        long t = micros(r.observedAt());
        if (last != null && t <= last) {
          long[] range = ranges.computeIfAbsent(a.feed(), f -> new HashMap<>()).computeIfAbsent(r.station(), s -> new long[] {t, t});
          range[0] = Math.min(range[0], t);
          range[1] = Math.max(range[1], t);
          wanted.computeIfAbsent(a.feed(), f -> new HashSet<>()).add(new StationTime(r.station(), t));
        }
      }
    }
    Map<String, Map<StationTime, Set<String>>> found = new HashMap<>();
    for (Map.Entry<String, Map<String, long[]>> feed : ranges.entrySet()) {
      List<String> stations = new ArrayList<>(feed.getValue().keySet());
      for (int from = 0; from < stations.size(); from += STATIONS_PER_LOOKUP) {
        List<String> chunk = stations.subList(from, Math.min(stations.size(), from + STATIONS_PER_LOOKUP));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (String s : chunk) {
          min = Math.min(min, feed.getValue().get(s)[0]);
          max = Math.max(max, feed.getValue().get(s)[1]);
        }
        String sql = "SELECT station, epoch_us(observed_at), measure FROM observations.readings WHERE feed = ? AND observed_at >= ? AND observed_at <= ?"
            + " AND station IN (" + "?,".repeat(chunk.size() - 1) + "?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
          s.setString(1, feed.getKey());
          s.setObject(2, instant(min).atOffset(ZoneOffset.UTC));
          s.setObject(3, instant(max).atOffset(ZoneOffset.UTC));
          for (int i = 0; i < chunk.size(); i++) {
            s.setString(4 + i, chunk.get(i));
          }
          Set<StationTime> want = wanted.get(feed.getKey());
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              StationTime key = new StationTime(rs.getString(1), rs.getLong(2));
              if (want.contains(key)) {
                found.computeIfAbsent(feed.getKey(), f -> new HashMap<>()).computeIfAbsent(key, k -> new HashSet<>()).add(rs.getString(3));
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** After a commit: the newest time per station and the latest value per measure. */
  private void remember(String feed, AppendResult result) {
    Map<String, Long> feedNewest = newest.computeIfAbsent(feed, f -> new HashMap<>());
    Map<StationMeasure, LatestReading> feedLatest = latest.computeIfAbsent(feed, f -> new ConcurrentHashMap<>());
    for (StoredReading r : result.stored()) {
      feedNewest.merge(r.station(), micros(r.observedAt()), Math::max);
      r.values().forEach((m, v) -> keepNewer(feedLatest, new LatestReading(r.station(), m, r.observedAt(), v, null, r.lat(), r.lon(), r.districtCode(), r.h3Cell())));
      r.labels().forEach((m, l) -> keepNewer(feedLatest, new LatestReading(r.station(), m, r.observedAt(), null, l, r.lat(), r.lon(), r.districtCode(), r.h3Cell())));
    }
  }

  private static void keepNewer(Map<StationMeasure, LatestReading> latest, LatestReading reading) {
    latest.merge(new StationMeasure(reading.station(), reading.measure()), reading,
        (old, now) -> now.observedAt().isBefore(old.observedAt()) ? old : now);
  }

  private void delete(Delete task) {
    try (PreparedStatement s = connection.prepareStatement("DELETE FROM observations.readings WHERE feed = ? AND observed_at < ?")) {
      s.setString(1, task.feed());
      s.setObject(2, task.before().atOffset(ZoneOffset.UTC));
      long deleted = s.executeUpdate();
      Map<StationMeasure, LatestReading> feedLatest = latest.get(task.feed());
      if (feedLatest != null) {
        feedLatest.values().removeIf(r -> r.observedAt().isBefore(task.before()));
      }
      task.done().complete(deleted);
    } catch (SQLException | RuntimeException e) {
      task.done().completeExceptionally(new MadangException(ErrorCode.INTERNAL, "Old observations could not be removed: " + e.getMessage(), Map.of(), e));
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private void rollback() {
    try {
      execute("ROLLBACK");
    } catch (SQLException ignored) {
      // no transaction was open, or the connection is broken; the caller reports the failure
    }
  }

  private void loadLatest() throws SQLException {
    String sql = """
        SELECT feed, station, measure, epoch_us(max(observed_at)),
               arg_max_null(value, observed_at), arg_max_null(label, observed_at), arg_max_null(lat, observed_at),
               arg_max_null(lon, observed_at), arg_max_null(district_code, observed_at), arg_max_null(h3_cell, observed_at)
        FROM observations.readings GROUP BY ALL""";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String feed = rs.getString(1);
        String station = rs.getString(2);
        long micros = rs.getLong(4);
        newest.computeIfAbsent(feed, f -> new HashMap<>()).merge(station, micros, Math::max);
        latest.computeIfAbsent(feed, f -> new ConcurrentHashMap<>()).put(
            new StationMeasure(station, rs.getString(3)),
            new LatestReading(station, rs.getString(3), instant(micros), (Double) rs.getObject(5), rs.getString(6),
                (Double) rs.getObject(7), (Double) rs.getObject(8), rs.getString(9), (Long) rs.getObject(10)));
      }
    }
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private void failRemaining() {
    Task t;
    while ((t = queue.poll()) != null) {
      MadangException closing = new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "The observation store is closed.", Map.of());
      if (t instanceof Append a) {
        a.done().completeExceptionally(closing);
      } else if (t instanceof Delete d) {
        d.done().completeExceptionally(closing);
      }
    }
  }

  /** Commits what is queued, then stops the thread and closes its connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(new Stop());
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }
}
