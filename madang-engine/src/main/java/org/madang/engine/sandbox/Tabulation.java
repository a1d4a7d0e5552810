package org.madang.engine.sandbox;

import java.util.Set;
import org.madang.analytics.disclosure.AggregateTable;

/**
 * What {@link SqlSandbox#tabulate} built: the table of aggregates with its margins, ready for {@code
 * DisclosureControl.check}.
 *
 * @param datasetsRead the dataset views (SQL names) the analyst's SELECT named, for auditing and the output's lineage
 */
public record Tabulation(AggregateTable table, Set<String> datasetsRead, long elapsedMillis) {}
