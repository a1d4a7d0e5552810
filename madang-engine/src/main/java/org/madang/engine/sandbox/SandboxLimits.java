package org.madang.engine.sandbox;

import java.time.Duration;

/**
 * What one sandboxed query may use.
 *
 * @param timeout the query is cancelled after this long (parsing, checking, running and reading its rows)
 * @param maxRows rows returned at most; a longer result is cut and marked truncated
 * @param maxSqlChars longer SQL text is refused before DuckDB parses it
 */
public record SandboxLimits(Duration timeout, int maxRows, int maxSqlChars) {

  public SandboxLimits {
    if (timeout == null || timeout.isNegative() || timeout.isZero() || maxRows < 1 || maxSqlChars < 1) {
      throw new IllegalArgumentException("sandbox limits need a positive timeout, row cap and SQL size");
    }
  }
}
