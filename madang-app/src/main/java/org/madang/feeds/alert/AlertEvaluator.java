package org.madang.feeds.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.madang.engine.observation.StoredReading;
import org.madang.feeds.Alert;
import org.madang.feeds.AlertEvent;
import org.madang.feeds.ObservationsReceived;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Raises and resolves alerts from stored observations, on one thread of its own: the intake only queues, and one
 * thread deciding per rule and station is what keeps a single open alert per rule and station. Readings older than
 * the last one evaluated for a rule and station (late data) change nothing. The open alerts are read from the table
 * when the first observations arrive, so a restart does not raise an alert twice.
 */
@Component
class AlertEvaluator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
  private static final int QUEUE = 10_000;

  private record RuleStation(long rule, String station) {}

  private final AlertRepository repository;
  private final ApplicationEventPublisher events;
  private final BlockingQueue<ObservationsReceived> queue = new LinkedBlockingQueue<>(QUEUE);
  private final Thread thread;
  private Map<String, List<AlertRule>> rulesByFeed;
  private final Map<RuleStation, Long> open = new HashMap<>();
  private final Map<RuleStation, Instant> lastSeen = new HashMap<>();
  private volatile boolean reload = true;

  AlertEvaluator(AlertRepository repository, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
    this.thread = new Thread(this::run, "alert-evaluator");
    thread.setDaemon(true);
    thread.start();
  }

  @EventListener
  void on(ObservationsReceived received) {
    if (!queue.offer(received)) {
      log.warn("Alert evaluation is {} batches behind; observations of feed {} were not evaluated", QUEUE, received.feed());
    }
  }

  /** Rules changed: read them again before the next batch. */
  void reloadRules() {
    reload = true;
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      ObservationsReceived next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (reload) {
          load();
        }
        evaluate(next);
      } catch (RuntimeException e) {
        log.error("Alerts of feed {} could not be evaluated", next.feed(), e);
        reload = true;
      }
    }
  }

  private void load() {
    reload = false;
    rulesByFeed = repository.listRules().stream().collect(Collectors.groupingBy(AlertRule::feed));
    open.clear();
    for (Alert a : repository.listOpen()) {
      open.put(new RuleStation(a.ruleId(), a.station()), a.id());
    }
  }

  private void evaluate(ObservationsReceived received) {
    List<AlertRule> rules = rulesByFeed.get(received.feed());
    if (rules == null) {
      return;
    }
    for (StoredReading r : received.readings()) {
      for (AlertRule rule : rules) {
        Double value = r.values().get(rule.measure());
        String label = r.labels().get(rule.measure());
        if (value == null && label == null) {
          continue;
        }
        RuleStation key = new RuleStation(rule.id(), r.station());
        Instant seen = lastSeen.get(key);
        if (seen != null && r.observedAt().isBefore(seen)) {
          continue;
        }
        lastSeen.put(key, r.observedAt());
        Long openId = open.get(key);
        OffsetDateTime at = r.observedAt().atOffset(ZoneOffset.UTC);
        if (openId == null && rule.raises(value, label)) {
          long id = repository.insertRaised(rule, r.station(), r.districtCode(), at, value, label);
          open.put(key, id);
          repository.find(id).ifPresent(a -> events.publishEvent(new AlertEvent.AlertRaised(a)));
        } else if (openId != null && rule.resolves(value, label)) {
          open.remove(key);
          if (repository.resolve(openId, at, value, label)) {
            repository.find(openId).ifPresent(a -> events.publishEvent(new AlertEvent.AlertResolved(a)));
          }
        }
      }
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
