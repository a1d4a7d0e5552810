package org.madang.directives;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madang.accounts.Viewer;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directives' live stream ({@code /api/directives/stream}, {@code /directives/api/stream}): each signed-in screen
 * gets the changes of the directives its user may see, as events named after the change ({@code issued}, {@code
 * status}, {@code overdue}, {@code comment}, {@code attachment}, {@code call}, {@code ringing}) carrying the
 * directive. Who may see what is decided when the event is sent, with the departments the user acted for when the
 * screen connected (a screen reconnects after a membership change to follow it).
 */
@Component
class DirectiveStream implements AutoCloseable {

  private record Subscriber(Viewer viewer, Set<Long> departments, SseEmitter emitter) {}

  private final Directives directives;
  private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "directives-sse");
    t.setDaemon(true);
    return t;
  });

  DirectiveStream(Directives directives) {
    this.directives = directives;
    heartbeat.scheduleAtFixedRate(this::keepAlive, 20, 20, TimeUnit.SECONDS);
  }

  SseEmitter subscribe(Viewer viewer) {
    SseEmitter emitter = new SseEmitter(0L);
    Subscriber s = new Subscriber(viewer, directives.departmentsOf(viewer.username()), emitter);
    subscribers.add(s);
    emitter.onCompletion(() -> subscribers.remove(s));
    emitter.onTimeout(() -> subscribers.remove(s));
    emitter.onError(e -> subscribers.remove(s));
    try {
      emitter.send(SseEmitter.event().name("hello").data(Map.of("user", viewer.username(), "departments", s.departments())));
    } catch (IOException e) {
      subscribers.remove(s);
    }
    return emitter;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(DirectiveChanged change) {
    Directive d = change.directive();
    Map<String, Object> body = d.json();
    body.put("change", change.kind());
    body.put("actor", change.actor());
    String json = JsonMapper.shared().writeValueAsString(body);
    for (Subscriber s : subscribers) {
      boolean sees = Directives.seesAll(s.viewer()) || s.viewer().username().equals(d.issuedBy()) || s.departments().contains(d.departmentId());
      if (sees) {
        send(s, SseEmitter.event().name(change.kind()).id(String.valueOf(d.id())).data(json));
      }
    }
  }

  /** A call with a department rings on its members' screens (not the caller's). */
  @EventListener
  void on(DepartmentCallRinging ringing) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("department", ringing.department());
    body.put("department_title", ringing.departmentTitle());
    body.put("department_title_en", ringing.departmentTitleEn());
    body.put("title", ringing.departmentTitle());
    body.put("actor", ringing.caller());
    String json = JsonMapper.shared().writeValueAsString(body);
    for (Subscriber s : subscribers) {
      if (s.departments().contains(ringing.departmentId()) && !s.viewer().username().equals(ringing.caller())) {
        send(s, SseEmitter.event().name("ringing").data(json));
      }
    }
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void keepAlive() {
    for (Subscriber s : subscribers) {
      send(s, SseEmitter.event().comment("keep-alive"));
    }
  }

  private void send(Subscriber s, SseEmitter.SseEventBuilder event) {
    try {
      synchronized (s) {
        s.emitter().send(event);
      }
    } catch (IOException | IllegalStateException e) {
      subscribers.remove(s);
      s.emitter().completeWithError(e);
    }
  }

  /** Ends every stream when the application begins to stop, so graceful shutdown does not wait on open screens. */
  @EventListener(ContextClosedEvent.class)
  void closeClients() {
    subscribers.forEach(s -> s.emitter().complete());
    subscribers.clear();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    closeClients();
  }
}
