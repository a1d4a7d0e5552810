package org.madang.feeds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Point;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The feeds, their measures and their registered stations ({@code feeds}, {@code feed_measures}, {@code
 * feed_stations}), held in memory after the first read: the intake asks for a station per observation. The city's
 * districts are stations of every feed without being registered.
 */
@Repository
class FeedRegistry {

  private final JdbcClient jdbc;
  private final DistrictIndex districts;
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Station>> stations = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  private final boolean demo;

  FeedRegistry(JdbcClient jdbc, DistrictIndex districts, org.madang.MadangProperties properties) {
    this.jdbc = jdbc;
    this.districts = districts;
    this.demo = properties.demo();
  }

  /** Reads the registry (seeding the demo's feeds) at start-up rather than on the first observation. */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void loadAtStart() {
    load();
  }

  private void load() {
    if (loaded) {
      return;
    }
    synchronized (this) {
      if (loaded) {
        return;
      }
      if (demo) {
        DemoFeeds.seedIfEmpty(jdbc);
      }
      Map<String, List<Feed.Measure>> measures = new ConcurrentHashMap<>();
      jdbc.sql("SELECT feed, measure, unit, title_ko, title_en FROM feed_measures ORDER BY feed, measure").query(rs -> {
        measures.computeIfAbsent(rs.getString(1), f -> new ArrayList<>())
            .add(new Feed.Measure(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      });
      jdbc.sql("SELECT name, title_ko, title_en, organization, retention_days FROM feeds").query(rs -> {
        String name = rs.getString(1);
        feeds.put(name, new Feed(name, rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), measures.getOrDefault(name, List.of())));
      });
      jdbc.sql("SELECT feed, station, name, lat, lon, district_code FROM feed_stations").query(rs -> {
        Station s = new Station(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getString(6));
        stations.computeIfAbsent(s.feed(), f -> new ConcurrentHashMap<>()).put(s.station(), s);
      });
      loaded = true;
    }
  }

  List<Feed> listFeeds() {
    load();
    return feeds.values().stream().sorted(java.util.Comparator.comparing(Feed::name)).toList();
  }

  Optional<Feed> findFeed(String name) {
    load();
    return Optional.ofNullable(feeds.get(name));
  }

  Feed getFeed(String name) {
    return findFeed(name).orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no feed named " + name + ".", Map.of("field", "feed")));
  }

  /** Creates or replaces a feed and its measures; its stations, quarantine and alert rules stay. */
  @Transactional
  void saveFeed(Feed feed) {
    load();
    int updated = jdbc.sql("UPDATE feeds SET title_ko = ?, title_en = ?, organization = ?, retention_days = ? WHERE name = ?")
        .params(feed.titleKo(), feed.titleEn(), feed.organization(), feed.retentionDays(), feed.name()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO feeds (name, title_ko, title_en, organization, retention_days, created_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(feed.name(), feed.titleKo(), feed.titleEn(), feed.organization(), feed.retentionDays(), OffsetDateTime.now(ZoneOffset.UTC)).update();
    }
    jdbc.sql("DELETE FROM feed_measures WHERE feed = ?").param(feed.name()).update();
    for (Feed.Measure m : feed.measures()) {
      jdbc.sql("INSERT INTO feed_measures (feed, measure, unit, title_ko, title_en) VALUES (?, ?, ?, ?, ?)")
          .params(feed.name(), m.measure(), m.unit(), m.titleKo(), m.titleEn()).update();
    }
    feeds.put(feed.name(), feed);
  }

  /** The registered station, else the district of that name or code, else nothing. */
  Optional<Station> findStation(String feed, String station) {
    load();
    Map<String, Station> registered = stations.get(feed);
    Station s = registered == null ? null : registered.get(station);
    if (s != null) {
      return Optional.of(s);
    }
    return findDistrict(station).map(d -> {
      Point inside = d.boundary().getInteriorPoint();
      return new Station(feed, d.name(), d.name(), inside.getY(), inside.getX(), d.code());
    });
  }

  private Optional<District> findDistrict(String station) {
    Optional<District> byCode = districts.findByCode(station);
    return byCode.isPresent() ? byCode : districts.findByName(station);
  }

  List<Station> listStations(String feed) {
    load();
    Map<String, Station> registered = stations.getOrDefault(feed, Map.of());
    return registered.values().stream().sorted(java.util.Comparator.comparing(Station::station)).toList();
  }

  /** Registers a station the first time it reports with a place; later places of the same station do not move it. */
  Station registerStation(Station station) {
    load();
    Map<String, Station> registered = stations.computeIfAbsent(station.feed(), f -> new ConcurrentHashMap<>());
    return registered.computeIfAbsent(station.station(), id -> {
      jdbc.sql("INSERT INTO feed_stations (feed, station, name, lat, lon, district_code, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(station.feed(), station.station(), station.name(), station.lat(), station.lon(), station.districtCode(), OffsetDateTime.now(ZoneOffset.UTC))
          .update();
      return station;
    });
  }
}
