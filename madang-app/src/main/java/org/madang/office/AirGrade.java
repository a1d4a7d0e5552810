package org.madang.office;

import java.util.List;
import java.util.Map;

/**
 * Korea's grades of particulate matter (환경부 「대기오염 예보 등급」, as AirKorea publishes them since 2018-03-27):
 * PM10 좋음 0–30, 보통 31–80, 나쁨 81–150, 매우나쁨 ≥ 151 µg/m³; PM2.5 좋음 0–15, 보통 16–35, 나쁨 36–75, 매우나쁨 ≥ 76
 * µg/m³. The air of a place takes the worse of its two grades. Concentrations are rounded to whole µg/m³ first, as
 * AirKorea reports them, so 30.4 is still 좋음.
 */
enum AirGrade {
  GOOD("좋음", "Good"),
  MODERATE("보통", "Moderate"),
  BAD("나쁨", "Bad"),
  VERY_BAD("매우나쁨", "Very bad");

  /** The highest concentration of 좋음, 보통 and 나쁨; anything above the last is 매우나쁨. */
  static final List<Integer> PM10_UPPER_BOUNDS = List.of(30, 80, 150);
  static final List<Integer> PM25_UPPER_BOUNDS = List.of(15, 35, 75);

  private final String nameKo;
  private final String nameEn;

  AirGrade(String nameKo, String nameEn) {
    this.nameKo = nameKo;
    this.nameEn = nameEn;
  }

  static AirGrade ofPm10(double microgramsPerCubicMetre) {
    return of(microgramsPerCubicMetre, PM10_UPPER_BOUNDS);
  }

  static AirGrade ofPm25(double microgramsPerCubicMetre) {
    return of(microgramsPerCubicMetre, PM25_UPPER_BOUNDS);
  }

  /** The worse of the two grades; null when neither concentration is known. */
  static AirGrade of(Double pm10, Double pm25) {
    AirGrade a = pm10 == null ? null : ofPm10(pm10);
    AirGrade b = pm25 == null ? null : ofPm25(pm25);
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static AirGrade of(double value, List<Integer> upperBounds) {
    long rounded = Math.round(value);
    for (int i = 0; i < upperBounds.size(); i++) {
      if (rounded <= upperBounds.get(i)) {
        return values()[i];
      }
    }
    return VERY_BAD;
  }

  /** 1 (좋음) to 4 (매우나쁨). */
  int level() {
    return ordinal() + 1;
  }

  String nameKo() {
    return nameKo;
  }

  String nameEn() {
    return nameEn;
  }

  /** The scale as the dashboard's scripts grade live readings with it. */
  static Map<String, Object> scaleJson() {
    return Map.of(
        "pm10", PM10_UPPER_BOUNDS,
        "pm25", PM25_UPPER_BOUNDS,
        "names", List.of(GOOD.nameKo, MODERATE.nameKo, BAD.nameKo, VERY_BAD.nameKo),
        "names_en", List.of(GOOD.nameEn, MODERATE.nameEn, BAD.nameEn, VERY_BAD.nameEn),
        "source", "환경부 대기오염 예보 등급 (에어코리아, 2018-03-27 시행)");
  }
}
