package org.madang.analytics.location;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A solver's time limit and cancellation, checked inside its loops (the location solvers and the transit designer). */
public final class SolverClock {

  private final long start = System.nanoTime();
  private final long deadline;
  private final BooleanSupplier cancellation;
  private StopReason stopped;

  public SolverClock(Duration timeLimit, BooleanSupplier cancellation) {
    this.deadline = timeLimit == null ? Long.MAX_VALUE : saturatedDeadline(start, timeLimit);
    this.cancellation = cancellation == null ? () -> false : cancellation;
  }

  private static long saturatedDeadline(long start, Duration timeLimit) {
    long nanos;
    try {
      nanos = Math.max(0, timeLimit.toNanos());
      return Math.addExact(start, nanos);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Whether to stop now; remembers the first reason. */
  public boolean shouldStop() {
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

  /** The reason the solver was stopped, or null when it was not. */
  public StopReason stopReason() {
    return stopped;
  }

  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds left before the deadline, infinite without a limit. */
  public double secondsLeft() {
    return deadline == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (deadline - System.nanoTime()) / 1e9;
  }

  /** A clock that stops at this one's deadline or after {@code seconds}, whichever is first. */
  SolverClock limitedTo(double seconds) {
    double left = Math.min(secondsLeft(), seconds);
    SolverClock parent = this;
    return new SolverClock(Duration.ofNanos((long) (Math.max(0, left) * 1e9)), parent::shouldStop);
  }
}
