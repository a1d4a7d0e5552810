package org.madang.indicators;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.SortedMap;

/**
 * One indicator of the registry.
 *
 * @param organization the owner department's catalog name
 * @param query the read-only SQL of a {@code sql} indicator, returning {@code (year, value)} or {@code (year,
 *     district_code, value)} rows, where a NULL district_code is the whole city
 * @param measure the platform count of a {@code platform} indicator
 * @param datasets the catalog datasets the values come from
 * @param baselineValue as registered; null means the city's value in {@code baselineYear}
 * @param targets target value by year
 * @param targetsNote what the targets are (e.g. demo targets, not official ones)
 * @param lastError why the last recomputation failed, or null
 */
record Indicator(
    String code,
    String nameKo,
    String nameEn,
    String theme,
    String organization,
    String unit,
    Polarity polarity,
    IndicatorMethod method,
    String query,
    PlatformMeasure measure,
    List<String> datasets,
    Integer baselineYear,
    Double baselineValue,
    SortedMap<Integer, Double> targets,
    String source,
    String descriptionKo,
    String descriptionEn,
    String targetsNote,
    OffsetDateTime computedAt,
    String lastError,
    OffsetDateTime errorAt) {}
