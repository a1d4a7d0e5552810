package org.madang.engine.observation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.duckdb.DuckDBConnection;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.enrich.PointLocator;
import org.madang.engine.store.Warehouse;

/**
 * The observations of every feed, in the warehouse's table {@code observations.readings}: one row per feed, station,
 * time ({@code observed_at TIMESTAMPTZ}) and measure, with a numeric {@code value} or a {@code label}, the station's
 * {@code lat}/{@code lon}, {@code district_code}, {@code h3_cell} and {@code received_at}. Rows are appended in arrival
 * order, which for live feeds is time order, so DuckDB's per-row-group min/max of {@code observed_at} lets time-range
 * reads skip old data without an index.
 *
 * <p>{@link #append} is idempotent on (feed, station, observed_at, measure) and returns once the rows are committed;
 * DuckDB writes and fsyncs its write-ahead log on commit, so what was returned survives a killed process. All appends
 * go through one writer thread that commits whatever has queued since its last commit in one transaction (group
 * commit). Reads run on their own connections, concurrently with writes, and see committed data. Thread-safe.
 */
public final class ObservationStore implements AutoCloseable {

  /** History buckets one query may return at most per station and measure. */
  public static final int MAX_BUCKETS = 10_000;
  /** Rows a history or aggregate query returns at most. */
  public static final int MAX_ROWS = 100_000;

  private final Warehouse warehouse;
  private final PointLocator locator;
  private volatile ObservationWriter writer;

  public ObservationStore(Warehouse warehouse) {
    this.warehouse = warehouse;
    this.locator = new PointLocator(warehouse.options().districts(), H3Binner.atResolution(warehouse.options().h3Resolution()));
    try (DuckDBConnection c = warehouse.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS observations");
      s.execute("""
          CREATE TABLE IF NOT EXISTS observations.readings (
            feed VARCHAR NOT NULL,
            station VARCHAR NOT NULL,
            observed_at TIMESTAMPTZ NOT NULL,
            measure VARCHAR NOT NULL,
            value DOUBLE,
            label VARCHAR,
            lat DOUBLE,
            lon DOUBLE,
            district_code VARCHAR,
            h3_cell BIGINT,
            received_at TIMESTAMPTZ NOT NULL)""");
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The observation table cannot be created: " + e.getMessage(), Map.of(), e);
    }
  }

  /** The writer starts with the first use, so an engine that never sees a feed reads no observations at open. */
  private ObservationWriter writer() {
    ObservationWriter w = writer;
    if (w == null) {
      synchronized (this) {
        w = writer;
        if (w == null) {
          w = new ObservationWriter(warehouse);
          writer = w;
        }
      }
    }
    return w;
  }

  /**
   * Locates and stores a batch, returning once it is committed. Readings without a district code get the one of
   * their place; readings with a place get its H3 cell. A measure already stored for the same feed, station and time
   * is skipped (the first value stays), and a reading with nothing new is reported as a duplicate.
   *
   * @throws MadangException INSUFFICIENT_RESOURCES when the writer is too far behind, INTERNAL when DuckDB fails (then
   *     nothing of the batch was stored)
   */
  public AppendResult append(String feed, List<StationReading> readings) {
    try {
      return appendAsync(feed, readings).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof MadangException m
          ? new MadangException(m.code(), m.getMessage(), m.details(), m)
          : new MadangException(ErrorCode.INTERNAL, "Observations could not be stored.", Map.of(), e.getCause());
    }
  }

  /** {@link #append} without blocking: the future completes once the batch is committed. */
  public CompletableFuture<AppendResult> appendAsync(String feed, List<StationReading> readings) {
    List<StoredReading> located = new ArrayList<>(readings.size());
    for (int i = 0; i < readings.size(); i++) {
      StationReading r = readings.get(i);
      String district = r.districtCode();
      Long cell = null;
      if (r.lat() != null && r.lon() != null) {
        cell = locator.h3CellOf(r.lat(), r.lon());
        if (district == null) {
          district = locator.districtCodeOf(r.lon(), r.lat());
        }
      }
      located.add(new StoredReading(i, r.station(), r.observedAt(), r.lat(), r.lon(), district, cell, r.values(), r.labels()));
    }
    if (located.isEmpty()) {
      return CompletableFuture.completedFuture(new AppendResult(List.of(), List.of()));
    }
    return writer().append(feed, located);
  }

  /** The latest value of every measure of every station of a feed, by station and measure. Answered from memory. */
  public List<LatestReading> listLatest(String feed) {
    List<LatestReading> all = new ArrayList<>(writer().listLatest(feed));
    all.sort(Comparator.comparing(LatestReading::station).thenComparing(LatestReading::measure));
    return all;
  }

  /**
   * Readings of a feed in time buckets, by station and measure, ordered by station, measure and time. Buckets are
   * aligned on midnight at {@code zone} (so a {@code 1d} bucket is a local day); empty buckets are left out.
   *
   * @param station only this station, or null for all
   * @param measure only this measure, or null for all
   * @param from inclusive
   * @param to exclusive
   * @throws MadangException INVALID_ARGUMENT naming {@code from}, {@code to} or {@code bucket} when the range is empty
   *     or would make more than {@link #MAX_BUCKETS} buckets
   */
  public List<HistoryBucket> history(String feed, String station, String measure, Instant from, Instant to, Duration bucket, ZoneOffset zone) {
    if (!from.isBefore(to)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'from' must be before 'to'.", Map.of("field", "from"));
    }
    if (bucket.isNegative() || bucket.toSeconds() < 1) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The bucket must be at least one second.", Map.of("field", "bucket"));
    }
    long bucketMicros = bucket.toSeconds() * 1_000_000L;
    long span = ObservationWriter.micros(to) - ObservationWriter.micros(from);
    if (span / bucketMicros > MAX_BUCKETS) {
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT,
          "From " + from + " to " + to + " in buckets of " + bucket + " is more than " + MAX_BUCKETS + " buckets; choose a larger bucket or a shorter range.",
          Map.of("field", "bucket"));
    }
    long offset = zone.getTotalSeconds() * 1_000_000L;
    String sql = """
        SELECT station, measure, (epoch_us(observed_at) + ?) // ? * ? - ? AS bucket, count(*), avg(value), min(value), max(value), mode(label)
        FROM observations.readings
        WHERE feed = ? AND observed_at >= ? AND observed_at < ?"""
        + (station != null ? " AND station = ?" : "")
        + (measure != null ? " AND measure = ?" : "")
        + " GROUP BY ALL ORDER BY station, measure, bucket LIMIT " + (MAX_ROWS + 1);
    List<HistoryBucket> buckets = new ArrayList<>();
    try (DuckDBConnection c = warehouse.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      int p = 1;
      s.setLong(p++, offset);
      s.setLong(p++, bucketMicros);
      s.setLong(p++, bucketMicros);
      s.setLong(p++, offset);
      s.setString(p++, feed);
      s.setObject(p++, from.atOffset(ZoneOffset.UTC));
      s.setObject(p++, to.atOffset(ZoneOffset.UTC));
      if (station != null) {
        s.setString(p++, station);
      }
      if (measure != null) {
        s.setString(p++, measure);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          buckets.add(new HistoryBucket(rs.getString(1), rs.getString(2), ObservationWriter.instant(rs.getLong(3)), rs.getLong(4),
              (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The history of feed " + feed + " cannot be read: " + e.getMessage(), Map.of(), e);
    }
    tooMany(buckets.size());
    return buckets;
  }

  /**
   * Each measure per district or H3 cell over the window ending at {@code now}: readings located in no area are left
   * out. Ordered by area and measure.
   */
  public List<AreaAggregate> aggregate(String feed, AreaKind by, Duration window, Instant now) {
    String area = by == AreaKind.DISTRICT ? "district_code" : "h3_cell";
    String sql = "SELECT " + area + ", measure, count(DISTINCT station), count(*), avg(value), min(value), max(value), mode(label)"
        + " FROM observations.readings WHERE feed = ? AND observed_at > ? AND observed_at <= ? AND " + area + " IS NOT NULL"
        + " GROUP BY ALL ORDER BY 1, 2 LIMIT " + (MAX_ROWS + 1);
    List<AreaAggregate> aggregates = new ArrayList<>();
    try (DuckDBConnection c = warehouse.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, feed);
      s.setObject(2, now.minus(window).atOffset(ZoneOffset.UTC));
      s.setObject(3, now.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String key = by == AreaKind.DISTRICT ? rs.getString(1) : H3Binner.toAddress(rs.getLong(1));
          aggregates.add(new AreaAggregate(key, rs.getString(2), rs.getLong(3), rs.getLong(4),
              (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "The aggregates of feed " + feed + " cannot be read: " + e.getMessage(), Map.of(), e);
    }
    tooMany(aggregates.size());
    return aggregates;
  }

  private static void tooMany(int rows) {
    if (rows > MAX_ROWS) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The answer would have more than " + MAX_ROWS + " rows; narrow the query.", Map.of());
    }
  }

  /** How many rows (one per measure) a feed has stored. */
  public long countRows(String feed) {
    try (DuckDBConnection c = warehouse.connect(); PreparedStatement s = c.prepareStatement("SELECT count(*) FROM observations.readings WHERE feed = ?")) {
      s.setString(1, feed);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new MadangException(ErrorCode.INTERNAL, "Observations cannot be counted: " + e.getMessage(), Map.of(), e);
    }
  }

  /** Removes a feed's readings observed before {@code before} (retention), through the writer; returns the rows removed. */
  public long deleteBefore(String feed, Instant before) {
    try {
      return writer().deleteBefore(feed, before).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof MadangException m ? m : new MadangException(ErrorCode.INTERNAL, "Old observations could not be removed.", Map.of(), e);
    }
  }

  /** Commits what is queued and stops the writer. */
  @Override
  public void close() {
    ObservationWriter w = writer;
    if (w != null) {
      w.close();
    }
  }
}
