package org.madang.campus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;

/**
 * How many sandboxed queries run at once: at most {@code per-user} for one user (more are refused with 429 at once,
 * so one analyst cannot queue up the machine) and {@code concurrent} in all (more wait up to {@code queue-wait}, then
 * get 503).
 */
@Component
class SandboxAdmission {

  private final int perUser;
  private final long queueWaitMillis;
  private final Semaphore all;
  private final Map<String, AtomicInteger> byUser = new ConcurrentHashMap<>();

  SandboxAdmission(MadangProperties properties) {
    MadangProperties.Campus.Sandbox s = properties.campus().sandbox();
    if (s.perUser() < 1 || s.concurrent() < 1) {
      throw new IllegalStateException("madang.campus.sandbox.per-user and concurrent must be at least 1");
    }
    this.perUser = s.perUser();
    this.queueWaitMillis = s.queueWait().toMillis();
    this.all = new Semaphore(s.concurrent(), true);
  }

  /** A permit to run one query; close it when the query ends. */
  AutoCloseable enter(String username) {
    AtomicInteger mine = byUser.computeIfAbsent(username, u -> new AtomicInteger());
    if (mine.incrementAndGet() > perUser) {
      mine.decrementAndGet();
      throw new MadangException(
          ErrorCode.TOO_MANY_QUERIES,
          "You already have " + perUser + " queries running; wait for one to finish.",
          Map.of("field", "sql", "limit", perUser));
    }
    try {
      if (!all.tryAcquire(queueWaitMillis, TimeUnit.MILLISECONDS)) {
        mine.decrementAndGet();
        throw new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "The sandbox is busy with other analysts' queries; try again shortly.", Map.of("field", "sql"));
      }
    } catch (InterruptedException e) {
      mine.decrementAndGet();
      Thread.currentThread().interrupt();
      throw new MadangException(ErrorCode.INSUFFICIENT_RESOURCES, "The query was interrupted while waiting to run.", Map.of());
    }
    return () -> {
      all.release();
      mine.decrementAndGet();
    };
  }
}
