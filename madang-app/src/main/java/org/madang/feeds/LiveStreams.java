package org.madang.feeds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madang.MadangProperties;
import org.madang.analytics.geo.H3Binner;
import org.madang.engine.observation.StoredReading;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live streams: one per feed ({@code /api/feeds/{feed}/stream}, event {@code observations}) and one of alerts
 * ({@code /api/alerts/stream}, events {@code raised}, {@code acknowledged}, {@code resolved}). Fed by the module's
 * events; each event is turned into JSON once, whatever the number of clients.
 */
@Component
class LiveStreams implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MadangProperties.Feeds.Stream settings;
  private final ExecutorService senders;
  private final ScheduledExecutorService heartbeat;
  private final Map<String, LiveStream> feeds = new ConcurrentHashMap<>();
  private final LiveStream alerts;

  LiveStreams(MadangProperties properties) {
    this.settings = properties.feeds().stream();
    this.senders = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "sse-sender");
      t.setDaemon(true);
      return t;
    });
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sse-heartbeat");
      t.setDaemon(true);
      return t;
    });
    this.alerts = new LiveStream(settings.history(), settings.clientBuffer(), senders);
    long every = Math.max(1, settings.heartbeat().toMillis());
    heartbeat.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
  }

  LiveStream feed(String feed) {
    return feeds.computeIfAbsent(feed, f -> new LiveStream(settings.history(), settings.clientBuffer(), senders));
  }

  LiveStream alerts() {
    return alerts;
  }

  @EventListener
  void on(ObservationsReceived received) {
    feed(received.feed()).publish("observations", JSON.writeValueAsString(Map.of("feed", received.feed(), "observations", json(received.readings()))));
  }

  @EventListener
  void on(AlertEvent event) {
    alerts.publish(event.kind(), JSON.writeValueAsString(event.alert().toJson()));
  }

  static List<Map<String, Object>> json(List<StoredReading> readings) {
    return readings.stream().map(r -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("station", r.station());
      o.put("observed_at", r.observedAt().toString());
      o.put("lat", r.lat());
      o.put("lon", r.lon());
      o.put("district_code", r.districtCode());
      o.put("h3_cell", r.h3Cell() == null ? null : H3Binner.toAddress(r.h3Cell()));
      o.put("values", r.values());
      o.put("labels", r.labels());
      return o;
    }).toList();
  }

  private void keepAlive() {
    alerts.keepAlive();
    feeds.values().forEach(LiveStream::keepAlive);
  }

  /** Ends every stream when the application begins to stop, so graceful shutdown does not wait on open screens. */
  @EventListener(ContextClosedEvent.class)
  void closeClients() {
    alerts.closeAll();
    feeds.values().forEach(LiveStream::closeAll);
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    alerts.closeAll();
    feeds.values().forEach(LiveStream::closeAll);
    senders.shutdown();
  }

  SseEmitter subscribeFeed(String feed, Long lastEventId) {
    return feed(feed).subscribe(lastEventId);
  }
}
