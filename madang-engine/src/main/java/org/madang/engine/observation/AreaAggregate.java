package org.madang.engine.observation;

/**
 * One measure over one area (a district or an H3 cell) during a window.
 *
 * @param area the district code, or the H3 cell's hexadecimal address
 * @param stations how many stations reported
 * @param count readings in the window
 * @param mean the mean of numeric readings, null for a label
 * @param label the most frequent label, null for a number
 */
public record AreaAggregate(
    String area, String measure, long stations, long count, Double mean, Double min, Double max, String label) {}
