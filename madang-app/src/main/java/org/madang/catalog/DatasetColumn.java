package org.madang.catalog;

import java.util.List;
import org.madang.engine.ColumnProfile.ValueCount;
import org.madang.engine.ColumnRole;

/** A column of a version with its profile. */
public record DatasetColumn(
    int position,
    String name,
    String label,
    String type,
    ColumnRole role,
    Long nullCount,
    Long distinctEstimate,
    String min,
    String max,
    List<ValueCount> topValues) {}
