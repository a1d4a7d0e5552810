package org.madang.feeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.madang.MadangProperties;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.observation.AppendResult;
import org.madang.engine.observation.ObservationStore;
import org.madang.engine.observation.StationReading;
import org.madang.engine.observation.StoredReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The intake every connector uses. Per observation it checks the feed's station (registered, a district, or new with
 * a place inside the city, which registers it), the time (not more than {@code max-future} ahead, not older than
 * {@code horizon}) and the values (finite numbers, at least one measure); then stores the good ones in one append,
 * which returns once they are committed, quarantines the bad ones with their reason, counts both in Micrometer
 * ({@code madang.feeds.observations} by feed, outcome and reason) and publishes {@link ObservationsReceived}.
 */
@Service
public class FeedService implements ObservationIntake {

  private static final Logger log = LoggerFactory.getLogger(FeedService.class);
  /** Places this far outside the districts' bounding box (≈ 1 km) still count as in the city. */
  private static final double CITY_MARGIN_DEGREES = 0.01;

  private final FeedRegistry registry;
  private final Quarantine quarantine;
  private final ObservationStore store;
  private final DistrictIndex districts;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;
  private final MadangProperties.Feeds.Intake settings;
  private final Envelope city;
  private final Clock clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  FeedService(
      FeedRegistry registry,
      Quarantine quarantine,
      DataEngine engine,
      DistrictIndex districts,
      ApplicationEventPublisher events,
      MeterRegistry meters,
      MadangProperties properties) {
    this.registry = registry;
    this.quarantine = quarantine;
    this.store = engine.observations();
    this.districts = districts;
    this.events = events;
    this.meters = meters;
    this.settings = properties.feeds().intake();
    this.city = districts.bounds();
    this.city.expandBy(CITY_MARGIN_DEGREES);
    this.clock = Clock.systemUTC();
  }

  /**
   * {@inheritDoc}
   *
   * @throws MadangException NOT_FOUND when the feed is not registered, INVALID_ARGUMENT when the batch is larger than
   *     {@code madang.feeds.intake.max-batch}, INSUFFICIENT_RESOURCES when the store is too far behind (nothing of the
   *     batch was stored; send it again)
   */
  @Override
  public IntakeReceipt accept(String feed, List<Observation> batch, String source) {
    registry.getFeed(feed);
    if (batch.size() > settings.maxBatch()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "A batch may hold at most " + settings.maxBatch() + " observations; this one holds " + batch.size() + ".", Map.of("field", "batch"));
    }
    Instant now = clock.instant();
    Instant latestAllowed = now.plus(settings.maxFuture());
    Instant earliestAllowed = now.minus(settings.horizon());
    List<StationReading> readings = new ArrayList<>(batch.size());
    List<Integer> positions = new ArrayList<>(batch.size());
    List<Rejection> rejections = new ArrayList<>();
    List<Quarantine.Entry> quarantined = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Observation o = batch.get(i);
      Checked checked = check(feed, o, latestAllowed, earliestAllowed);
      if (checked.reading() != null) {
        readings.add(checked.reading());
        positions.add(i);
      } else {
        rejections.add(new Rejection(i, o.station(), checked.reason()));
        quarantined.add(new Quarantine.Entry(0, feed, source, o.station(), o.observedAt().toString(), checked.reason(), null));
        count(feed, "rejected", checked.code(), 1);
      }
    }
    AppendResult result = store.append(feed, readings);
    quarantine.add(feed, source, quarantined);
    count(feed, "accepted", "", result.stored().size());
    count(feed, "duplicate", "", result.duplicates().size());
    if (!result.stored().isEmpty()) {
      // the event numbers readings by their position in the caller's batch, not in what reached the store
      List<StoredReading> stored = new ArrayList<>(result.stored().size());
      for (StoredReading r : result.stored()) {
        stored.add(new StoredReading(positions.get(r.index()), r.station(), r.observedAt(), r.lat(), r.lon(), r.districtCode(), r.h3Cell(),
            r.values(), r.labels()));
      }
      try {
        events.publishEvent(new ObservationsReceived(feed, source, stored));
      } catch (RuntimeException e) {
        // the observations are stored and acknowledged whatever a listener does
        log.warn("A listener of observations of feed {} failed", feed, e);
      }
    }
    return new IntakeReceipt(result.stored().size(), result.duplicates().size(), rejections);
  }

  /**
   * Quarantines and counts records a connector refused before the intake (a payload's malformed records, from
   * {@link ObservationPayload.Parsed#rejections()}), with reason {@code format}.
   */
  public void quarantine(String feed, String source, List<Rejection> rejections) {
    if (rejections.isEmpty() || registry.findFeed(feed).isEmpty()) {
      return;
    }
    List<Quarantine.Entry> entries = new ArrayList<>(rejections.size());
    for (Rejection r : rejections) {
      entries.add(new Quarantine.Entry(0, feed, source, r.station(), null, r.reason(), null));
    }
    quarantine.add(feed, source, entries);
    count(feed, "rejected", "format", rejections.size());
  }

  /**
   * Quarantines and counts a whole payload a connector refused (malformed JSON, too large, too many records), so
   * stewards see it next to refused records.
   */
  public void refusePayload(String feed, String source, MadangException refusal) {
    if (registry.findFeed(feed).isEmpty()) {
      return;
    }
    quarantine.add(feed, source, List.of(new Quarantine.Entry(0, feed, source, null, null, refusal.getMessage(), null)));
    count(feed, "refused-payload", refusal.code().name().toLowerCase(Locale.ROOT), 1);
  }

  private record Checked(StationReading reading, String code, String reason) {
    static Checked refuse(String code, String reason) {
      return new Checked(null, code, reason);
    }
  }

  private Checked check(String feed, Observation o, Instant latestAllowed, Instant earliestAllowed) {
    Instant t = o.observedAt().toInstant();
    if (t.isAfter(latestAllowed)) {
      return Checked.refuse("future", "Observed at " + o.observedAt() + ", more than " + human(settings.maxFuture()) + " in the future.");
    }
    if (t.isBefore(earliestAllowed)) {
      return Checked.refuse("too-old", "Observed at " + o.observedAt() + ", more than " + human(settings.horizon()) + " ago.");
    }
    if (o.values().isEmpty() && o.labels().isEmpty()) {
      return Checked.refuse("no-values", "The observation has no values.");
    }
    for (Map.Entry<String, Double> v : o.values().entrySet()) {
      if (v.getValue() == null || !Double.isFinite(v.getValue())) {
        return Checked.refuse("invalid-value", "The value of " + v.getKey() + " is not a finite number.");
      }
    }
    if ((o.lat() == null) != (o.lon() == null)) {
      return Checked.refuse("outside-city", "The observation has only one of lat and lon.");
    }
    if (o.lat() != null && !city.contains(o.lon(), o.lat())) {
      return Checked.refuse("outside-city", "Its place " + o.lat() + ", " + o.lon() + " is outside the city.");
    }
    Station station = registry.findStation(feed, o.station()).orElse(null);
    if (station == null) {
      if (o.lat() == null) {
        return Checked.refuse("unknown-station",
            "Station " + o.station() + " is not registered for feed " + feed + " and the observation has no lat/lon.");
      }
      String district = districts.findContaining(o.lon(), o.lat()).map(d -> d.code()).orElse(null);
      station = registry.registerStation(new Station(feed, o.station(), o.station(), o.lat(), o.lon(), district));
    }
    double lat = o.lat() != null ? o.lat() : station.lat();
    double lon = o.lon() != null ? o.lon() : station.lon();
    // a district station keeps its district even when its representative point is near a boundary
    String district = o.lat() == null ? station.districtCode() : null;
    return new Checked(new StationReading(station.station(), t, lat, lon, district, o.values(), o.labels()), null, null);
  }

  private void count(String feed, String outcome, String reason, int n) {
    if (n == 0) {
      return;
    }
    counters.computeIfAbsent(feed + '|' + outcome + '|' + reason, k -> Counter.builder("madang.feeds.observations")
            .description("Observations by what the intake did with them")
            .tag("feed", feed).tag("outcome", outcome).tag("reason", reason)
            .register(meters))
        .increment(n);
  }

  private static String human(Duration d) {
    if (d.toDays() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() > 0 && d.toMinutesPart() == 0) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }
}
