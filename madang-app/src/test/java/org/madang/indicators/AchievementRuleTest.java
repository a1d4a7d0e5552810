package org.madang.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Worked examples of the achievement rule for both polarities. */
class AchievementRuleTest {

  private static SortedMap<Integer, Double> targets(Object... yearValue) {
    SortedMap<Integer, Double> t = new TreeMap<>();
    for (int i = 0; i < yearValue.length; i += 2) {
      t.put((Integer) yearValue[i], ((Number) yearValue[i + 1]).doubleValue());
    }
    return t;
  }

  @Test
  void higherIsBetterIsOnTrackAtRiskOrOffTrackAgainstTheLinearPath() {
    // baseline 100 in 2020, target 200 in 2030; by 2025 half the way is expected
    SortedMap<Integer, Double> t = targets(2030, 200);
    Achievement onTrack = AchievementRule.assess(Polarity.HIGHER, 2020, 100.0, t, 2025, 150.0);
    assertThat(onTrack.rate()).isCloseTo(0.5, within(1e-12));
    assertThat(onTrack.expected()).isCloseTo(0.5, within(1e-12));
    assertThat(onTrack.status()).isEqualTo(IndicatorStatus.ON_TRACK);
    assertThat(onTrack.targetYear()).isEqualTo(2030);
    // 0.3 of the way where 0.5 is expected: 60% of the expected progress
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 100.0, t, 2025, 130.0).status()).isEqualTo(IndicatorStatus.AT_RISK);
    // 0.2 where 0.5 is expected: 40%
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 100.0, t, 2025, 120.0).status()).isEqualTo(IndicatorStatus.OFF_TRACK);
    // 0.45 where 0.5 is expected: exactly 90%
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 100.0, t, 2025, 145.0).status()).isEqualTo(IndicatorStatus.ON_TRACK);
    Achievement met = AchievementRule.assess(Polarity.HIGHER, 2020, 100.0, t, 2025, 210.0);
    assertThat(met.status()).isEqualTo(IndicatorStatus.ACHIEVED);
    assertThat(met.rate()).isCloseTo(1.1, within(1e-12));
  }

  @Test
  void lowerIsBetterMeasuresTheFallFromTheBaseline() {
    // traffic deaths: baseline 400 in 2015, target 200 in 2025; by 2022 70% of the way is expected
    SortedMap<Integer, Double> t = targets(2025, 200);
    Achievement a = AchievementRule.assess(Polarity.LOWER, 2015, 400.0, t, 2022, 250.0);
    assertThat(a.rate()).isCloseTo(0.75, within(1e-12));
    assertThat(a.expected()).isCloseTo(0.7, within(1e-12));
    assertThat(a.status()).isEqualTo(IndicatorStatus.ON_TRACK);
    // (400 − 300) / 200 = 0.5; 0.5 / 0.7 = 71%
    assertThat(AchievementRule.assess(Polarity.LOWER, 2015, 400.0, t, 2022, 300.0).status()).isEqualTo(IndicatorStatus.AT_RISK);
    // 0.25 / 0.7 = 36%
    assertThat(AchievementRule.assess(Polarity.LOWER, 2015, 400.0, t, 2022, 350.0).status()).isEqualTo(IndicatorStatus.OFF_TRACK);
    // worse than the baseline: a negative rate
    Achievement worse = AchievementRule.assess(Polarity.LOWER, 2015, 400.0, t, 2022, 420.0);
    assertThat(worse.rate()).isCloseTo(-0.1, within(1e-12));
    assertThat(worse.status()).isEqualTo(IndicatorStatus.OFF_TRACK);
    assertThat(AchievementRule.assess(Polarity.LOWER, 2015, 400.0, t, 2022, 190.0).status()).isEqualTo(IndicatorStatus.ACHIEVED);
  }

  @Test
  void theTargetOfTheYearOrTheNextOneApplies() {
    SortedMap<Integer, Double> t = targets(2020, 300, 2025, 180);
    // Seoul's traffic deaths (demo targets): 212 in 2024 against 180 in 2025 from 376 in 2015
    Achievement a = AchievementRule.assess(Polarity.LOWER, 2015, 376.0, t, 2024, 212.0);
    assertThat(a.targetYear()).isEqualTo(2025);
    assertThat(a.rate()).isCloseTo((376 - 212) / (376.0 - 180), within(1e-12));
    assertThat(a.expected()).isCloseTo(0.9, within(1e-12));
    assertThat(a.status()).isEqualTo(IndicatorStatus.ON_TRACK);
    // in 2019 the 2020 target (300) applies, and 250 meets it
    assertThat(AchievementRule.assess(Polarity.LOWER, 2015, 376.0, t, 2019, 250.0).targetYear()).isEqualTo(2020);
    assertThat(AchievementRule.assess(Polarity.LOWER, 2015, 376.0, t, 2019, 250.0).status()).isEqualTo(IndicatorStatus.ACHIEVED);
  }

  @Test
  void anUnmetTargetWhoseYearHasComeIsOffTrackWhateverTheRate() {
    Achievement a = AchievementRule.assess(Polarity.LOWER, 2015, 400.0, targets(2025, 200), 2026, 210.0);
    assertThat(a.targetYear()).isEqualTo(2025);
    assertThat(a.rate()).isCloseTo(0.95, within(1e-12));
    assertThat(a.status()).isEqualTo(IndicatorStatus.OFF_TRACK);
  }

  @Test
  void aTargetEqualToTheBaselineIsComparedDirectly() {
    SortedMap<Integer, Double> t = targets(2030, 50);
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 50.0, t, 2025, 50.0).status()).isEqualTo(IndicatorStatus.ACHIEVED);
    Achievement below = AchievementRule.assess(Polarity.HIGHER, 2020, 50.0, t, 2025, 49.0);
    assertThat(below.rate()).isZero();
    assertThat(below.status()).isEqualTo(IndicatorStatus.OFF_TRACK);
    assertThat(AchievementRule.assess(Polarity.LOWER, 2020, 50.0, t, 2025, 49.0).status()).isEqualTo(IndicatorStatus.ACHIEVED);
  }

  @Test
  void atTheBaselineYearNothingIsExpectedYet() {
    Achievement a = AchievementRule.assess(Polarity.LOWER, 2019, 24.9, targets(2026, 20), 2019, 24.9);
    assertThat(a.expected()).isZero();
    assertThat(a.rate()).isZero();
    assertThat(a.status()).isEqualTo(IndicatorStatus.ON_TRACK);
  }

  @Test
  void withoutValueTargetOrBaselineThereIsNoStatusToGive() {
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 1.0, targets(2030, 2), null, null).status()).isEqualTo(IndicatorStatus.NO_DATA);
    assertThat(AchievementRule.assess(Polarity.HIGHER, 2020, 1.0, targets(), 2024, 5.0).status()).isEqualTo(IndicatorStatus.NO_TARGET);
    assertThat(AchievementRule.assess(Polarity.HIGHER, null, null, targets(2030, 2), 2024, 1.0).status()).isEqualTo(IndicatorStatus.NO_TARGET);
    assertThat(AchievementRule.assess(Polarity.HIGHER, null, null, targets(2030, 2), 2024, 3.0).status()).isEqualTo(IndicatorStatus.ACHIEVED);
  }
}
