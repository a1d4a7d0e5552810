package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GravityModelTest {

  private static final TransitNetwork GRID = SyntheticCity.grid(6, 3).network();

  private static double[] weights(long seed, double scale) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[GRID.nodeCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * random.nextDouble();
    }
    return w;
  }

  @Test
  void rowsSumToTheRoundedOriginsAndColumnsToTheDestinationsUpToRounding() {
    double[] origins = weights(1, 300);
    double[] destinations = weights(2, 300);
    TripDemand trips = GravityModel.trips(GRID, origins, destinations, 0.08, 7);
    long[] rows = GravityModel.largestRemainders(origins);
    double totalOrigins = 0;
    double totalDestinations = 0;
    for (int i = 0; i < origins.length; i++) {
      totalOrigins += origins[i];
      totalDestinations += destinations[i];
    }
    assertThat(trips.total()).isEqualTo(Math.round(totalOrigins));
    int n = GRID.nodeCount();
    for (int i = 0; i < n; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < n; j++) {
        row += trips.trips(i, j);
        column += trips.trips(j, i);
        assertThat(trips.trips(i, j)).isEqualTo(Math.rint(trips.trips(i, j)));
      }
      assertThat(row).isEqualTo(rows[i]);
      // destinations are scaled to the origins' total; each of the n rows moves a column by less than one trip
      assertThat(column).isCloseTo(destinations[i] * totalOrigins / totalDestinations, org.assertj.core.data.Offset.offset((double) n));
    }
  }

  @Test
  void theSameSeedGivesTheSameTripsAndAnotherSeedMovesNoPairByMoreThanOneTrip() {
    double[] origins = weights(3, 200);
    double[] destinations = weights(4, 200);
    TripDemand a = GravityModel.trips(GRID, origins, destinations, 0.05, 11);
    assertThat(GravityModel.trips(GRID, origins, destinations, 0.05, 11)).isEqualTo(a);
    TripDemand b = GravityModel.trips(GRID, origins, destinations, 0.05, 12);
    assertThat(b).isNotEqualTo(a);
    for (int i = 0; i < GRID.nodeCount(); i++) {
      for (int j = 0; j < GRID.nodeCount(); j++) {
        assertThat(Math.abs(a.trips(i, j) - b.trips(i, j))).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void balancedTripsMeetBothMarginsAndFallWithTravelTime() {
    double[] origins = weights(5, 100);
    double[] destinations = origins.clone();
    double[][] t = GravityModel.balance(GRID, origins, destinations, 0.1);
    for (int i = 0; i < origins.length; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < origins.length; j++) {
        row += t[i][j];
        column += t[j][i];
      }
      assertThat(row).isCloseTo(origins[i], org.assertj.core.data.Offset.offset(1e-6));
      assertThat(column).isCloseTo(destinations[i], org.assertj.core.data.Offset.offset(1e-6));
    }
    // with equal weights everywhere, a node sends more to a nearer node
    double[] flat = new double[GRID.nodeCount()];
    java.util.Arrays.fill(flat, 10);
    double[][] u = GravityModel.balance(GRID, flat, flat, 0.1);
    int near = GRID.neighbours(0)[0];
    int far = GRID.nodeCount() - 1;
    assertThat(u[0][near]).isGreaterThan(u[0][far]);
  }

  @Test
  void refusesMarginsOfTheWrongSizeNegativeOrEmpty() {
    double[] ok = weights(1, 10);
    assertThatThrownBy(() -> GravityModel.trips(GRID, new double[3], ok, 0.1, 0))
        .hasMessage("the origins must have one value per node: 36 nodes, 3 values");
    double[] negative = ok.clone();
    negative[4] = -1;
    assertThatThrownBy(() -> GravityModel.trips(GRID, ok, negative, 0.1, 0))
        .hasMessage("the destinations of node 5 must be a finite number of trips, not -1.0");
    assertThatThrownBy(() -> GravityModel.trips(GRID, new double[36], ok, 0.1, 0))
        .hasMessage("a gravity model needs some origins and some destinations");
    assertThatThrownBy(() -> GravityModel.trips(GRID, ok, ok, -0.1, 0))
        .hasMessage("the distance decay must be a non-negative number per minute, not -0.1");
  }
}
