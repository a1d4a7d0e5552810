package org.madang.engine.analysis;

import java.util.Map;

/** What one kernel run produced: the rows of the result dataset and a summary for people. */
record Outcome(OutputTable table, Map<String, Object> summary) {}
