package org.madang.engine.sandbox;

/**
 * Why the sandbox refused or stopped a statement; carried as {@code refusal} in the error's details so clients (and the
 * attack corpus) can tell the reasons apart.
 */
public enum Refusal {
  /** Not a SELECT (or, in a project, a CREATE TABLE ... AS SELECT): SET, PRAGMA, COPY, ATTACH, INSTALL, CALL, ... */
  STATEMENT,
  /** More than one statement in one request. */
  MULTIPLE_STATEMENTS,
  /** A table or view the caller may not read: another project's schema, a restricted dataset, the system catalog. */
  RELATION,
  /** A table function other than range, generate_series and unnest (file readers, catalog listings, query()). */
  TABLE_FUNCTION,
  /** A scalar or aggregate function that reads settings, sequences, the environment or the catalog, or sleeps. */
  FUNCTION,
  /** The SQL text is larger than allowed. */
  TOO_LARGE,
  /** The statement nests deeper than the sandbox follows. */
  TOO_DEEP,
  /** The statement ran past its time limit and was cancelled. */
  TIME_LIMIT,
  /** The statement needed more memory than the engine may use. */
  MEMORY_LIMIT,
  /** The statement was cancelled from outside: its caller lost access while it ran. */
  CANCELLED;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
