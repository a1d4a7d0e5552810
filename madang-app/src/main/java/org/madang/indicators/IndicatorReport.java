package org.madang.indicators;

import java.util.List;

/**
 * An indicator as reported: its definition, its city values, the latest of them and how that stands against the target.
 *
 * @param latest the city's value of the latest year, or null
 * @param baseline the baseline value used (registered, else the city's value of the baseline year), or null
 */
record IndicatorReport(
    Indicator indicator,
    IndicatorRepository.Theme theme,
    String organizationTitleKo,
    String organizationTitleEn,
    List<IndicatorValue> cityValues,
    IndicatorValue latest,
    Double baseline,
    Achievement achievement) {}
