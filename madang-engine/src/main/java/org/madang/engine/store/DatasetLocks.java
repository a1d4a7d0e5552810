package org.madang.engine.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * One permit per dataset: an upload holds it from staging until it is published or discarded, so uploads to one
 * dataset run one after the other while uploads to different datasets run side by side. A semaphore rather than a
 * lock because the thread that publishes need not be the one that staged.
 */
final class DatasetLocks {

  private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();
  private final long timeoutMillis;

  DatasetLocks(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Waits for the dataset's permit; refuses with CONFLICT after the timeout. */
  void acquire(String sqlName) {
    Semaphore s = permits.computeIfAbsent(sqlName, k -> new Semaphore(1, true));
    try {
      if (!s.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new MadangException(
            ErrorCode.CONFLICT,
            "Another upload to dataset " + sqlName + " is still in progress; try again when it has finished.",
            Map.of("field", "dataset"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MadangException(ErrorCode.CONFLICT, "The upload was interrupted while waiting for another upload to finish.", Map.of(), e);
    }
  }

  void release(String sqlName) {
    Semaphore s = permits.get(sqlName);
    if (s != null) {
      s.release();
    }
  }
}
