package org.madang.office;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Korea's particulate-matter grades at and across each published boundary. */
class AirGradeTest {

  @Test
  void gradesPm10OnTheOfficialBoundaries() {
    assertThat(AirGrade.ofPm10(0)).isEqualTo(AirGrade.GOOD);
    assertThat(AirGrade.ofPm10(30)).isEqualTo(AirGrade.GOOD);
    assertThat(AirGrade.ofPm10(31)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.ofPm10(80)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.ofPm10(81)).isEqualTo(AirGrade.BAD);
    assertThat(AirGrade.ofPm10(150)).isEqualTo(AirGrade.BAD);
    assertThat(AirGrade.ofPm10(151)).isEqualTo(AirGrade.VERY_BAD);
  }

  @Test
  void gradesPm25OnTheOfficialBoundaries() {
    assertThat(AirGrade.ofPm25(15)).isEqualTo(AirGrade.GOOD);
    assertThat(AirGrade.ofPm25(16)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.ofPm25(35)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.ofPm25(36)).isEqualTo(AirGrade.BAD);
    assertThat(AirGrade.ofPm25(75)).isEqualTo(AirGrade.BAD);
    assertThat(AirGrade.ofPm25(76)).isEqualTo(AirGrade.VERY_BAD);
  }

  @Test
  void roundsToWholeMicrogramsAsAirKoreaReports() {
    assertThat(AirGrade.ofPm10(30.4)).isEqualTo(AirGrade.GOOD);
    assertThat(AirGrade.ofPm10(30.5)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.ofPm25(75.49)).isEqualTo(AirGrade.BAD);
  }

  @Test
  void thePlaceTakesTheWorseOfItsTwoGrades() {
    assertThat(AirGrade.of(20.0, 40.0)).isEqualTo(AirGrade.BAD);
    assertThat(AirGrade.of(160.0, 10.0)).isEqualTo(AirGrade.VERY_BAD);
    assertThat(AirGrade.of(null, 20.0)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.of(45.0, null)).isEqualTo(AirGrade.MODERATE);
    assertThat(AirGrade.of(null, null)).isNull();
  }

  @Test
  void levelsAndKoreanNamesRunFromGoodToVeryBad() {
    assertThat(AirGrade.GOOD.level()).isEqualTo(1);
    assertThat(AirGrade.VERY_BAD.level()).isEqualTo(4);
    assertThat(AirGrade.BAD.nameKo()).isEqualTo("나쁨");
    assertThat(AirGrade.VERY_BAD.nameKo()).isEqualTo("매우나쁨");
  }
}
