package org.madang.engine.ingest;

/**
 * The storage type the engine gives a source column. Columns whose numbers carry thousands separators, padding or
 * "-" for zero are read as text first and converted once the whole column is known to parse ({@link
 * SourceColumn#needsCleaning()}).
 */
public enum ValueKind {
  BIGINT,
  DOUBLE,
  DATE,
  TIMESTAMP,
  VARCHAR;

  public boolean isNumeric() {
    return this == BIGINT || this == DOUBLE;
  }
}
