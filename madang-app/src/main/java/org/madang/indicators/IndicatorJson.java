package org.madang.indicators;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of indicators in the API (snake_case keys, nulls kept so every indicator has the same fields). */
final class IndicatorJson {

  private IndicatorJson() {}

  static Map<String, Object> summary(IndicatorReport r) {
    Indicator i = r.indicator();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", i.code());
    m.put("name", i.nameKo());
    m.put("name_en", i.nameEn());
    m.put("theme", i.theme());
    m.put("theme_title", r.theme() == null ? null : r.theme().titleKo());
    m.put("theme_title_en", r.theme() == null ? null : r.theme().titleEn());
    m.put("organization", i.organization());
    m.put("organization_title", r.organizationTitleKo());
    m.put("organization_title_en", r.organizationTitleEn());
    m.put("unit", i.unit());
    m.put("polarity", i.polarity().code());
    m.put("method", i.method().code());
    m.put("year", r.latest() == null ? null : r.latest().year());
    m.put("value", r.latest() == null ? null : r.latest().value());
    Achievement a = r.achievement();
    m.put("target_year", a.targetYear());
    m.put("target", a.target());
    m.put("baseline_year", i.baselineYear());
    m.put("baseline", r.baseline());
    m.put("achievement", a.rate());
    m.put("expected_progress", a.expected());
    m.put("status", a.status().code());
    m.put("computed_at", i.computedAt());
    m.put("error", i.lastError());
    return m;
  }
}
