package org.madang.engine.store;

import java.util.List;
import org.madang.engine.ingest.PreparedSource;
import org.madang.engine.ingest.SourceColumn;

/**
 * An upload as DuckDB first read it: a temporary table of the ingest's connection, in file order.
 *
 * @param source the prepared source it was read from (after any repair)
 * @param sourceNames the raw table's column names, one per column (for Parquet the file's own names)
 * @param columns the columns with their final names and guessed kinds
 */
record RawTable(String name, PreparedSource source, List<String> sourceNames, List<SourceColumn> columns, long rows) {}
