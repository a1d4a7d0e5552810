package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FalseDiscoveryRateTest {

  @Test
  void adjustsPValuesByBenjaminiHochbergStepUp() {
    double[] q = FalseDiscoveryRate.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.2});
    assertThat(q[0]).isCloseTo(0.025, within(1e-15));
    assertThat(q[1]).isCloseTo(0.05, within(1e-15));
    assertThat(q[2]).isCloseTo(0.05, within(1e-15));
    assertThat(q[3]).isCloseTo(0.025, within(1e-15));
    assertThat(q[4]).isCloseTo(0.2, within(1e-15));
    assertThat(FalseDiscoveryRate.significant(new double[] {0.01, 0.04, 0.03, 0.005, 0.2}, 0.05))
        .containsExactly(true, true, true, true, false);
  }

  @Test
  void rejectsFewerThanUncorrectedTestsOnPureNoise() {
    double[] p = new double[1000];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextDouble();
    }
    boolean[] significant = FalseDiscoveryRate.significant(p, 0.05);
    long rejected = java.util.stream.IntStream.range(0, p.length).filter(i -> significant[i]).count();
    assertThat(rejected).isLessThanOrEqualTo(3);
  }

  @Test
  void refusesPValuesOutsideZeroToOne() {
    assertThatThrownBy(() -> FalseDiscoveryRate.adjust(new double[] {0.5, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("p-value 1 is NaN; p-values lie between 0 and 1");
  }
}
