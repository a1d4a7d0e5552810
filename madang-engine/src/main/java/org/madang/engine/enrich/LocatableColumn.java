package org.madang.engine.enrich;

/**
 * A column of a table about to be enriched, as the detector needs to see it.
 *
 * @param name the SQL name
 * @param label the header it had in the file
 * @param type the DuckDB type, e.g. {@code DOUBLE} or {@code VARCHAR}
 */
public record LocatableColumn(String name, String label, String type) {

  boolean isNumeric() {
    return switch (type) {
      case "DOUBLE", "FLOAT", "REAL", "BIGINT", "INTEGER", "SMALLINT", "HUGEINT", "TINYINT" -> true;
      default -> type.startsWith("DECIMAL");
    };
  }

  boolean isText() {
    return type.equals("VARCHAR");
  }
}
