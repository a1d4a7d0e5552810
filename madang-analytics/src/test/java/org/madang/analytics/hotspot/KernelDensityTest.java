package org.madang.analytics.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelDensityTest {

  private static double[][] scatteredPoints(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 200_000 + r.nextDouble() * 5_000;
      y[i] = 450_000 + r.nextDouble() * 5_000;
    }
    return new double[][] {x, y};
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void densityOnAGridCoveringEveryKernelIntegratesToTheNumberOfPoints(Kernel kernel) {
    double[][] p = scatteredPoints(500, 1);
    DensityGrid grid = KernelDensity.onGrid(p[0], p[1], null, new KernelDensityParameters(kernel, 300, 20));
    assertThat(grid.integral()).isCloseTo(500, within(500 * 0.005));
  }

  @Test
  void weightedDensityIntegratesToTheTotalWeight() {
    double[][] p = scatteredPoints(200, 2);
    double[] w = new double[200];
    for (int i = 0; i < w.length; i++) {
      w[i] = 1 + i % 5;
    }
    DensityGrid grid = KernelDensity.onGrid(p[0], p[1], w, new KernelDensityParameters(Kernel.QUARTIC, 250, 10));
    assertThat(grid.integral()).isCloseTo(600, within(600 * 0.005));
  }

  @Test
  void ruleOfThumbBandwidthFollowsTheDocumentedFormula() {
    double[] x = {-100, 100, -100, 100};
    double[] y = {-100, -100, 100, 100};
    double distance = Math.hypot(100, 100);
    double expected = 0.9 * Math.min(distance, Math.sqrt(1 / Math.log(2)) * distance) * Math.pow(4, -0.2);
    assertThat(KernelDensity.bandwidthByRule(x, y, null)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void densityPeaksAtAPlantedCluster() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 400;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      boolean cluster = i < 200;
      x[i] = cluster ? 1000 + 30 * r.nextGaussian() : r.nextDouble() * 4000;
      y[i] = cluster ? 3000 + 30 * r.nextGaussian() : r.nextDouble() * 4000;
    }
    DensityGrid grid = KernelDensity.onGrid(x, y, null, KernelDensityParameters.of(Kernel.QUARTIC, 25));
    int bestColumn = 0;
    int bestRow = 0;
    for (int row = 0; row < grid.rows(); row++) {
      for (int column = 0; column < grid.columns(); column++) {
        if (grid.density(column, row) > grid.density(bestColumn, bestRow)) {
          bestColumn = column;
          bestRow = row;
        }
      }
    }
    assertThat(grid.centreX(bestColumn)).isCloseTo(1000, within(60.0));
    assertThat(grid.centreY(bestRow)).isCloseTo(3000, within(60.0));
  }

  @Test
  void densityOnH3CellsIntegratesToTheNumberOfPoints() {
    SplittableRandom r = new SplittableRandom(4);
    int n = 300;
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      lat[i] = 37.55 + r.nextDouble() * 0.02;
      lon[i] = 126.97 + r.nextDouble() * 0.025;
    }
    H3Density density = KernelDensity.onH3Cells(lat, lon, null, 10, new KernelDensityParameters(Kernel.QUARTIC, 600, 1));
    assertThat(density.integral()).isCloseTo(300, within(300 * 0.03));
    assertThat(density.size()).isGreaterThan(100);
  }

  @Test
  void refusesCoordinatesThatLookLikeDegreesWhenMetresAreExpected() {
    double[] lon = {126.97, 127.01, 127.05};
    double[] lat = {37.55, 37.57, 37.60};
    assertThatThrownBy(() -> KernelDensity.onGrid(lon, lat, null, new KernelDensityParameters(Kernel.QUARTIC, 500, 50)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("look like longitude/latitude degrees");
  }

  @Test
  void refusesNegativeWeightsAndANonPositiveBandwidth() {
    double[][] p = scatteredPoints(3, 5);
    assertThatThrownBy(() -> KernelDensity.onGrid(p[0], p[1], new double[] {1, -2, 1},
            new KernelDensityParameters(Kernel.GAUSSIAN, 100, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the weight of point 1 is -2.0; weights must be finite and not negative");
    assertThatThrownBy(() -> new KernelDensityParameters(Kernel.GAUSSIAN, 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bandwidth must be a positive distance");
  }
}
