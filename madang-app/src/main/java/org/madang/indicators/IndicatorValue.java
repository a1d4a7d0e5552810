package org.madang.indicators;

import java.time.OffsetDateTime;

/**
 * One value of an indicator.
 *
 * @param districtCode the district, or null for the whole city
 * @param manual entered by a person (else computed)
 * @param enteredBy who entered a manual value; null for computed ones
 */
record IndicatorValue(int year, String districtCode, double value, boolean manual, String enteredBy, OffsetDateTime enteredAt, String note) {}
