package org.madang.campus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the campus events a test context published, as the indicators module would receive them. */
@Component
class CampusEventsRecorder {

  final List<Object> events = new CopyOnWriteArrayList<>();

  @EventListener
  void opened(ProjectOpened e) {
    events.add(e);
  }

  @EventListener
  void completed(ProjectCompleted e) {
    events.add(e);
  }
}
