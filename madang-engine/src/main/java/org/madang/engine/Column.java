package org.madang.engine;

/**
 * One stored column.
 *
 * @param name the SQL-safe name (ASCII, lowercase, unique in the table), e.g. {@code wido}
 * @param label the header as the source wrote it, e.g. {@code 위도}
 * @param type the DuckDB type, e.g. {@code DOUBLE}, {@code VARCHAR}
 */
public record Column(String name, String label, String type, ColumnRole role) {}
