package org.madang.engine.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madang.engine.Column;

/**
 * What a sandboxed statement returned.
 *
 * @param rows at most {@link SandboxLimits#maxRows()} rows, values as JSON can carry them
 * @param truncated the statement produced more rows than were returned
 * @param datasetsRead the dataset views (SQL names) the statement named, for auditing reads of restricted data
 * @param createdTable the working table a {@code CREATE TABLE ... AS} made, or null
 */
public record SandboxResult(
    List<Column> columns, List<Map<String, Object>> rows, boolean truncated, Set<String> datasetsRead, WorkingTable createdTable, long elapsedMillis) {}
