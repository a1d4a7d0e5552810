package org.madang.feeds;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.observation.AreaAggregate;
import org.madang.engine.observation.AreaKind;
import org.madang.engine.observation.HistoryBucket;
import org.madang.engine.observation.LatestReading;
import org.madang.engine.observation.ObservationStore;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.madang.feeds.ObservationIntake.Rejection;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /api/feeds}: the registry, latest values, history, rolling aggregates, HTTP push and the live stream of each
 * feed. Reading is public (the state of the city); pushing needs the role publisher, steward or admin; the quarantine
 * is for stewards and admins; registering a feed for admins ({@code SecurityConfiguration}).
 */
@RestController
@RequestMapping("/api")
class FeedController {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhd])");
  private static final Duration MAX_WINDOW = Duration.ofDays(7);

  private final FeedRegistry registry;
  private final FeedService intake;
  private final Quarantine quarantine;
  private final ObservationStore store;
  private final DistrictIndex districts;
  private final LiveStreams streams;
  private final ObservationPayload payload;
  private final ZoneOffset cityZone;
  private final Clock clock = Clock.systemUTC();

  FeedController(
      FeedRegistry registry,
      FeedService intake,
      Quarantine quarantine,
      DataEngine engine,
      DistrictIndex districts,
      LiveStreams streams,
      MadangProperties properties) {
    this.registry = registry;
    this.intake = intake;
    this.quarantine = quarantine;
    this.store = engine.observations();
    this.districts = districts;
    this.streams = streams;
    MadangProperties.Feeds.Intake settings = properties.feeds().intake();
    this.payload = new ObservationPayload(settings.maxPayloadBytes().toBytes(), Math.min(settings.maxBatch(), ObservationPayload.MAX_RECORDS));
    // Seoul keeps one offset all year; in a city with daylight saving, days are bucketed on the offset at start-up
    this.cityZone = settings.zone().getRules().getOffset(Instant.now());
  }

  @GetMapping("/feeds")
  Map<String, Object> list() {
    return Map.of("feeds", registry.listFeeds().stream().map(FeedController::feedJson).toList());
  }

  @GetMapping("/feeds/{feed}")
  Map<String, Object> get(@PathVariable String feed) {
    Map<String, Object> body = feedJson(registry.getFeed(feed));
    body.put("stations", registry.listStations(feed).stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("station", s.station());
      m.put("name", s.name());
      m.put("lat", s.lat());
      m.put("lon", s.lon());
      m.put("district_code", s.districtCode());
      return m;
    }).toList());
    return body;
  }

  @PutMapping("/feeds/{feed}")
  Map<String, Object> save(@PathVariable String feed, @RequestBody Map<String, Object> body) {
    if (!feed.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new MadangException(ErrorCode.INVALID_NAME, "A feed name is 1 to 63 lower-case letters, digits and dashes.", Map.of("field", "feed"));
    }
    Object title = body.get("title");
    if (!(title instanceof String t) || t.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The feed needs a title.", Map.of("field", "title"));
    }
    int retention = body.get("retention_days") instanceof Number n ? n.intValue() : 30;
    if (retention < 1) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "retention_days must be at least 1.", Map.of("field", "retention_days"));
    }
    List<Feed.Measure> measures = new ArrayList<>();
    if (body.get("measures") instanceof Map<?, ?> m) {
      m.forEach((name, spec) -> {
        Map<?, ?> s = spec instanceof Map<?, ?> map ? map : Map.of();
        measures.add(new Feed.Measure(String.valueOf(name), text(s.get("unit")), text(s.get("title")), text(s.get("title_en"))));
      });
    }
    Feed saved = new Feed(feed, (String) title, text(body.get("title_en")), text(body.get("organization")), retention, measures);
    registry.saveFeed(saved);
    return feedJson(saved);
  }

  private static String text(Object o) {
    return o instanceof String s && !s.isBlank() ? s : null;
  }

  @GetMapping("/feeds/{feed}/latest")
  Map<String, Object> latest(@PathVariable String feed) {
    registry.getFeed(feed);
    Map<String, Map<String, Object>> byStation = new TreeMap<>();
    for (LatestReading r : store.listLatest(feed)) {
      Map<String, Object> s = byStation.computeIfAbsent(r.station(), id -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("station", id);
        m.put("observed_at", r.observedAt().toString());
        m.put("lat", r.lat());
        m.put("lon", r.lon());
        m.put("district_code", r.districtCode());
        m.put("h3_cell", r.h3Cell() == null ? null : H3Binner.toAddress(r.h3Cell()));
        m.put("values", new TreeMap<String, Object>());
        m.put("labels", new TreeMap<String, Object>());
        return m;
      });
      if (Instant.parse((String) s.get("observed_at")).isBefore(r.observedAt())) {
        s.put("observed_at", r.observedAt().toString());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> target = (Map<String, Object>) s.get(r.value() != null ? "values" : "labels");
      target.put(r.measure(), r.value() != null ? r.value() : r.label());
    }
    return Map.of("feed", feed, "stations", List.copyOf(byStation.values()));
  }

  @GetMapping("/feeds/{feed}/history")
  Map<String, Object> history(
      @PathVariable String feed,
      @RequestParam(required = false) String station,
      @RequestParam(required = false) String measure,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "1h") String bucket) {
    registry.getFeed(feed);
    Instant end = to == null ? clock.instant() : time(to, "to");
    Instant start = from == null ? end.minus(Duration.ofDays(1)) : time(from, "from");
    Duration size = duration(bucket, "bucket");
    String stationId = station == null ? null : registry.findStation(feed, station).map(Station::station).orElse(station);
    List<Map<String, Object>> buckets = new ArrayList<>();
    for (HistoryBucket b : store.history(feed, stationId, measure, start, end, size, cityZone)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("station", b.station());
      m.put("measure", b.measure());
      m.put("start", b.start().atOffset(cityZone).toString());
      m.put("count", b.count());
      m.put("mean", b.mean());
      m.put("min", b.min());
      m.put("max", b.max());
      m.put("label", b.label());
      buckets.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("feed", feed);
    body.put("from", start.atOffset(cityZone).toString());
    body.put("to", end.atOffset(cityZone).toString());
    body.put("bucket", bucket);
    body.put("buckets", buckets);
    return body;
  }

  @GetMapping("/feeds/{feed}/aggregates")
  Map<String, Object> aggregates(
      @PathVariable String feed, @RequestParam(defaultValue = "district") String by, @RequestParam(defaultValue = "1h") String window) {
    registry.getFeed(feed);
    AreaKind kind = switch (by) {
      case "district" -> AreaKind.DISTRICT;
      case "h3" -> AreaKind.H3;
      default -> throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'by' must be district or h3.", Map.of("field", "by"));
    };
    Duration span = duration(window, "window");
    if (span.compareTo(MAX_WINDOW) > 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The window may be at most 7 days.", Map.of("field", "window"));
    }
    Instant now = clock.instant();
    List<Map<String, Object>> areas = new ArrayList<>();
    for (AreaAggregate a : store.aggregate(feed, kind, span, now)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("area", a.area());
      if (kind == AreaKind.DISTRICT) {
        m.put("name", districts.findByCode(a.area()).map(d -> d.name()).orElse(null));
      }
      m.put("measure", a.measure());
      m.put("stations", a.stations());
      m.put("count", a.count());
      m.put("mean", a.mean());
      m.put("min", a.min());
      m.put("max", a.max());
      m.put("label", a.label());
      areas.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("feed", feed);
    body.put("by", by);
    body.put("window", window);
    body.put("until", now.atOffset(cityZone).toString());
    body.put("areas", areas);
    return body;
  }

  /** HTTP push: answers 202 with the receipt once the accepted observations are durable. */
  @PostMapping("/feeds/{feed}/observations")
  ResponseEntity<Map<String, Object>> push(@PathVariable String feed, HttpServletRequest request) throws IOException {
    registry.getFeed(feed);
    String source = "http:" + Viewer.current().username();
    ObservationPayload.Parsed parsed;
    try {
      if (request.getContentLengthLong() > payload.maxBytes()) {
        throw new MadangException(ErrorCode.FILE_TOO_LARGE,
            "The payload is larger than " + payload.maxBytes() + " bytes; send the observations in several payloads.",
            Map.of("field", "payload", "max_bytes", payload.maxBytes()));
      }
      try (InputStream body = request.getInputStream()) {
        parsed = payload.parse(body);
      }
    } catch (MadangException refused) {
      intake.refusePayload(feed, source, refused);
      throw refused;
    }
    intake.quarantine(feed, source, parsed.rejections());
    IntakeReceipt receipt = parsed.receipt(intake.accept(feed, parsed.observations(), source));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", receipt.accepted());
    body.put("duplicates", receipt.duplicates());
    body.put("rejected", receipt.rejected().stream().map(FeedController::rejectionJson).toList());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }

  @GetMapping("/feeds/{feed}/quarantine")
  Map<String, Object> quarantine(@PathVariable String feed, @RequestParam(defaultValue = "100") int limit) {
    registry.getFeed(feed);
    if (limit < 1 || limit > 1000) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The limit must be from 1 to 1000.", Map.of("field", "limit"));
    }
    List<Map<String, Object>> entries = quarantine.listLatest(feed, limit).stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("source", e.source());
      m.put("station", e.station());
      m.put("observed_at", e.observedAt());
      m.put("reason", e.reason());
      m.put("received_at", e.receivedAt() == null ? null : e.receivedAt().toString());
      return m;
    }).toList();
    return Map.of("feed", feed, "total", quarantine.count(feed), "entries", entries);
  }

  @GetMapping(path = "/feeds/{feed}/stream", produces = "text/event-stream")
  SseEmitter stream(@PathVariable String feed, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    registry.getFeed(feed);
    return streams.feed(feed).subscribe(eventId(lastEventId));
  }

  @GetMapping(path = "/alerts/stream", produces = "text/event-stream")
  SseEmitter alertStream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    return streams.alerts().subscribe(eventId(lastEventId));
  }

  private static Long eventId(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Last-Event-ID must be an event id from this stream.", Map.of("field", "Last-Event-ID"));
    }
  }

  private static Map<String, Object> rejectionJson(Rejection r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", r.index());
    m.put("station", r.station());
    m.put("reason", r.reason());
    return m;
  }

  private static Map<String, Object> feedJson(Feed f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("title", f.titleKo());
    m.put("title_en", f.titleEn());
    m.put("organization", f.organization());
    m.put("retention_days", f.retentionDays());
    Map<String, Object> measures = new LinkedHashMap<>();
    for (Feed.Measure measure : f.measures()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("unit", measure.unit());
      spec.put("title", measure.titleKo());
      spec.put("title_en", measure.titleEn());
      measures.put(measure.measure(), spec);
    }
    m.put("measures", measures);
    return m;
  }

  static Instant time(String text, String field) {
    try {
      return OffsetDateTime.parse(text.strip().replace(' ', '+')).toInstant();
    } catch (DateTimeParseException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' must be an ISO-8601 date and time with an offset, e.g. 2025-05-01T09:00:00+09:00.",
          Map.of("field", field));
    }
  }

  /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}. */
  static Duration duration(String text, String field) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' must be a positive number with s, m, h or d, e.g. 5m, 1h, 1d.",
          Map.of("field", field));
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
