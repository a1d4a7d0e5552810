package org.madang.analytics.transit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.madang.analytics.location.StopReason;

/** The designer's time limit and cancellation, checked inside its loops. */
final class DesignClock {

  private final long start = System.nanoTime();
  private final long deadline;
  private final BooleanSupplier cancellation;
  private StopReason stopped;

  DesignClock(Duration timeLimit, BooleanSupplier cancellation) {
    long nanos = timeLimit == null ? Long.MAX_VALUE : saturated(timeLimit);
    this.deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
    this.cancellation = cancellation == null ? () -> false : cancellation;
  }

  private static long saturated(Duration limit) {
    try {
      return Math.max(0, limit.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Whether to stop now; remembers the first reason. */
  boolean shouldStop() {
    if (stopped != null) {
      return true;
    }
    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
      stopped = StopReason.TIME_LIMIT;
    } else if (cancellation.getAsBoolean()) {
      stopped = StopReason.CANCELLED;
    }
    return stopped != null;
  }

  /** The reason the designer was stopped, or null when it was not. */
  StopReason stopReason() {
    return stopped;
  }

  /** Seconds left before the deadline, infinite without a limit. */
  double secondsLeft() {
    return deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (deadline - System.nanoTime()) / 1e9;
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
