package org.madang.engine.observation;

import java.time.Instant;

/**
 * One measure of one station over one time bucket.
 *
 * @param start the start of the bucket
 * @param count readings in the bucket
 * @param mean the mean of numeric readings, null when the measure is a label
 * @param label the most frequent label, null when the measure is numeric
 */
public record HistoryBucket(
    String station, String measure, Instant start, long count, Double mean, Double min, Double max, String label) {}
