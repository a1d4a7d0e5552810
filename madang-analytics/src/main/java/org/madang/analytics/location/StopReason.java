package org.madang.analytics.location;

/** Why a solver stopped. */
public enum StopReason {
  /** It ran all its iterations. */
  COMPLETED,
  /** The lower bound met the solution's objective, so no better solution exists. */
  PROVEN_OPTIMAL,
  /** The time limit was reached; the best solution so far is returned. */
  TIME_LIMIT,
  /** The caller cancelled; the best solution so far is returned. */
  CANCELLED
}
