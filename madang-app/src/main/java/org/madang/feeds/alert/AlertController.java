package org.madang.feeds.alert;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madang.accounts.Viewer;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.Alert;
import org.madang.feeds.AlertEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts}: anyone may read alerts and rules (the state of the city is public); officials, stewards and
 * admins acknowledge ({@code SecurityConfiguration}). The live stream is {@code /api/alerts/stream}.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

  private static final Set<String> STATUSES = Set.of("open", "raised", "acknowledged", "resolved", "all");

  private final AlertRepository repository;
  private final ApplicationEventPublisher events;

  AlertController(AlertRepository repository, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestParam(required = false) String feed,
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (!STATUSES.contains(status)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The status must be open, raised, acknowledged, resolved or all.", Map.of("field", "status"));
    }
    if (limit < 1 || limit > 1000) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The limit must be from 1 to 1000.", Map.of("field", "limit"));
    }
    Set<String> statuses = switch (status) {
      case "open" -> Set.of(Alert.RAISED, Alert.ACKNOWLEDGED);
      case "all" -> Set.of();
      default -> Set.of(status);
    };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alerts", repository.listLatest(feed, statuses, limit).stream().map(Alert::toJson).toList());
    return body;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable long id) {
    return find(id).toJson();
  }

  @PostMapping("/{id}/acknowledge")
  Map<String, Object> acknowledge(@PathVariable long id) {
    Alert alert = find(id);
    if (!repository.acknowledge(id, Viewer.current().username(), OffsetDateTime.now(ZoneOffset.UTC))) {
      throw new MadangException(ErrorCode.CONFLICT, "Alert " + id + " is " + alert.status() + ", not raised.", Map.of("field", "id", "status", alert.status()));
    }
    Alert acknowledged = find(id);
    events.publishEvent(new AlertEvent.AlertAcknowledged(acknowledged));
    return acknowledged.toJson();
  }

  @GetMapping("/rules")
  Map<String, Object> rules() {
    List<Map<String, Object>> rules = repository.listRules().stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("feed", r.feed());
      m.put("measure", r.measure());
      m.put("title", r.titleKo());
      m.put("title_en", r.titleEn());
      m.put("severity", r.severity());
      m.put("raise_at", r.raiseAt());
      m.put("resolve_below", r.resolveBelow());
      m.put("raise_labels", r.raiseLabels());
      m.put("resolve_labels", r.resolveLabels());
      m.put("source", r.source());
      return m;
    }).toList();
    return Map.of("rules", rules);
  }

  private Alert find(long id) {
    return repository.find(id).orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no alert " + id + ".", Map.of("field", "id")));
  }
}
