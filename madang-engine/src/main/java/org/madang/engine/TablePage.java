package org.madang.engine;

import java.util.List;
import java.util.Map;

/**
 * Rows of one read, with the total that matched before limit and offset.
 *
 * @param rows each row maps column name to a JSON-friendly value (String, Number, Boolean or null), in column order
 */
public record TablePage(List<Column> columns, List<Map<String, Object>> rows, long total) {}
