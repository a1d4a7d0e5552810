package org.madang.campus;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.madang.engine.sandbox.QueryCancellation;
import org.springframework.stereotype.Component;

/**
 * The sandboxed queries running inside projects, so that losing access (removal from the project, its expiry or
 * completion, a revoked grant) stops them at once rather than when they finish.
 */
@Component
class RunningQueries {

  private record Key(long project, String username) {}

  private final Map<Key, Set<QueryCancellation>> running = new ConcurrentHashMap<>();

  QueryCancellation start(long project, String username) {
    QueryCancellation c = new QueryCancellation();
    running.computeIfAbsent(new Key(project, username), k -> ConcurrentHashMap.newKeySet()).add(c);
    return c;
  }

  void finish(long project, String username, QueryCancellation c) {
    running.computeIfPresent(new Key(project, username), (k, set) -> {
      set.remove(c);
      return set.isEmpty() ? null : set;
    });
  }

  boolean isRunning(long project, String username) {
    return running.containsKey(new Key(project, username));
  }

  void cancel(long project, String username, String why) {
    Set<QueryCancellation> set = running.get(new Key(project, username));
    if (set != null) {
      set.forEach(c -> c.cancel(why));
    }
  }

  void cancelProject(long project, String why) {
    running.forEach((k, set) -> {
      if (k.project() == project) {
        set.forEach(c -> c.cancel(why));
      }
    });
  }
}
