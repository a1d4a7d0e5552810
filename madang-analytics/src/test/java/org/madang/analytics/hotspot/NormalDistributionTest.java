package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

  @Test
  void tailProbabilitiesMatchTabulatedValuesToManyDigits() {
    assertThat(NormalDistribution.upperTail(0)).isEqualTo(0.5);
    assertThat(NormalDistribution.upperTail(1.959963984540054)).isCloseTo(0.025, within(1e-15));
    assertThat(NormalDistribution.upperTail(1.0)).isCloseTo(0.15865525393145707, within(1e-15));
    assertThat(NormalDistribution.upperTail(3.0) / 0.0013498980316300946).isCloseTo(1.0, within(1e-12));
    assertThat(NormalDistribution.upperTail(6.0) / 9.865876450376946e-10).isCloseTo(1.0, within(1e-12));
    assertThat(NormalDistribution.cdf(-2.5) / 0.006209665325776132).isCloseTo(1.0, within(1e-12));
  }
}
