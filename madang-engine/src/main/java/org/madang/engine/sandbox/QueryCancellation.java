package org.madang.engine.sandbox;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets someone other than the caller stop a running sandboxed statement, e.g. when its caller is removed from the
 * project while it runs. Thread-safe; cancelling before the statement starts makes it refuse to start.
 */
public final class QueryCancellation {

  private final AtomicReference<String> reason = new AtomicReference<>();
  private final AtomicReference<Runnable> canceller = new AtomicReference<>();

  /** Stops the statement with a sentence its caller will read. Later calls keep the first reason. */
  public void cancel(String why) {
    if (reason.compareAndSet(null, why)) {
      Runnable c = canceller.get();
      if (c != null) {
        c.run();
      }
    }
  }

  public boolean isCancelled() {
    return reason.get() != null;
  }

  String reason() {
    return reason.get();
  }

  void onCancel(Runnable c) {
    canceller.set(c);
    if (isCancelled()) {
      c.run();
    }
  }

  void clear() {
    canceller.set(null);
  }
}
