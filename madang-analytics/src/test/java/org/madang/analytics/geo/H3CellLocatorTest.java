package org.madang.analytics.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class H3CellLocatorTest {

  private static final double SEOUL_LAT = 37.5665;
  private static final double SEOUL_LON = 126.9780;

  @Test
  void givesH3sCellForEveryRandomPointAcrossTheCityWithFewNativeLookups() {
    H3Binner h3 = H3Binner.atResolution(9);
    H3CellLocator locator = seoul(h3);
    SplittableRandom random = new SplittableRandom(7);
    int points = 400_000;
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i < points; i++) {
      double lat = 37.41 + random.nextDouble() * 0.31;
      double lon = 126.76 + random.nextDouble() * 0.43;
      long expected = h3.cellOf(lat, lon);
      distinct.add(expected);
      assertEquals(expected, locator.cellOf(lat, lon), () -> "at " + lat + ", " + lon);
    }
    // the area's cells are drawn once, at construction; every cell a point fell in is among them
    assertTrue(locator.drawnCells() >= distinct.size(), "drawn " + locator.drawnCells() + " of " + distinct.size());
  }

  @Test
  void givesH3sCellOnAndBesideCellVerticesAndEdges() {
    H3Binner h3 = H3Binner.atResolution(9);
    H3CellLocator locator = seoul(h3);
    List<double[]> probes = new ArrayList<>();
    for (long cell : H3Binner.ring(h3.cellOf(SEOUL_LAT, SEOUL_LON), 6)) {
      List<LatLng> boundary = h3.boundaryOf(cell);
      for (int i = 0; i < boundary.size(); i++) {
        LatLng a = boundary.get(i);
        LatLng b = boundary.get((i + 1) % boundary.size());
        for (double t : new double[] {0, 1e-12, 0.25, 0.5, 0.5 + 1e-13, 0.999999999}) {
          double lat = a.lat + (b.lat - a.lat) * t;
          double lon = a.lng + (b.lng - a.lng) * t;
          for (double eps : new double[] {0, 1e-15, -1e-15, 1e-11, -1e-11, 1e-8, -1e-8}) {
            probes.add(new double[] {lat + eps, lon});
            probes.add(new double[] {lat, lon + eps});
          }
        }
      }
    }
    // twice: the first pass fills the memory, the second answers from it
    for (int pass = 0; pass < 2; pass++) {
      for (double[] p : probes) {
        assertEquals(h3.cellOf(p[0], p[1]), locator.cellOf(p[0], p[1]), () -> "at " + p[0] + ", " + p[1]);
      }
    }
  }

  @Test
  void givesH3sCellAtEveryResolution() {
    SplittableRandom random = new SplittableRandom(11);
    for (int resolution = 0; resolution <= 15; resolution++) {
      H3Binner h3 = H3Binner.atResolution(resolution);
      double span = resolution < 5 ? 8 : resolution < 10 ? 0.5 : 0.002;
      H3CellLocator locator =
          H3CellLocator.covering(h3, SEOUL_LAT - span / 2, SEOUL_LON - span / 2, SEOUL_LAT + span / 2, SEOUL_LON + span / 2);
      for (int i = 0; i < 20_000; i++) {
        double lat = SEOUL_LAT + (random.nextDouble() - 0.5) * span;
        double lon = SEOUL_LON + (random.nextDouble() - 0.5) * span;
        int r = resolution;
        assertEquals(h3.cellOf(lat, lon), locator.cellOf(lat, lon), () -> "resolution " + r + " at " + lat + ", " + lon);
      }
    }
  }

  @Test
  void givesH3sCellForPointsAnywhereOnEarth() {
    H3Binner h3 = H3Binner.atResolution(7);
    H3CellLocator locator = seoul(h3);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 50_000; i++) {
      double lat = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
      double lon = random.nextDouble() * 360 - 180;
      assertEquals(h3.cellOf(lat, lon), locator.cellOf(lat, lon), () -> "at " + lat + ", " + lon);
    }
  }

  @Test
  void givesTheSameCellsFromConcurrentThreads() throws Exception {
    H3Binner h3 = H3Binner.atResolution(10);
    H3CellLocator locator = seoul(h3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        results.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          int mismatches = 0;
          for (int i = 0; i < 100_000; i++) {
            double lat = 37.5 + random.nextDouble() * 0.1;
            double lon = 126.9 + random.nextDouble() * 0.1;
            if (h3.cellOf(lat, lon) != locator.cellOf(lat, lon)) {
              mismatches++;
            }
          }
          return mismatches;
        }));
      }
      for (Future<Integer> result : results) {
        assertEquals(0, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void answersSeoulFromTheLatticeItsCellsForm() {
    // Seoul lies inside one icosahedron face: its cells are one lattice, checked against every drawn cell
    for (int resolution : new int[] {7, 8, 9, 10}) {
      assertTrue(seoul(H3Binner.atResolution(resolution)).hasLattice(), "resolution " + resolution);
    }
  }

  @Test
  void givesH3sCellInAreasAcrossIcosahedronFaceEdgesAndAroundPentagons() throws Exception {
    H3Core core = H3Core.newInstance();
    SplittableRandom random = new SplittableRandom(13);
    List<double[]> centres = new ArrayList<>();
    // points whose resolution-5 cell (edges of 8-10 km) spans two faces lie within a few km of a face edge, so the box
    // of ±0.15° (±16 km or more) about each crosses it
    while (centres.size() < 6) {
      double lat = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1) * 0.9);
      double lon = random.nextDouble() * 360 - 180;
      if (core.getIcosahedronFaces(core.latLngToCell(lat, lon, 5)).size() > 1) {
        centres.add(new double[] {lat, lon});
      }
    }
    for (long pentagon : List.copyOf(core.getPentagons(2)).subList(0, 3)) {
      LatLng c = core.cellToLatLng(pentagon);
      centres.add(new double[] {c.lat, c.lng});
    }
    H3Binner h3 = H3Binner.atResolution(8);
    int withoutLattice = 0;
    for (double[] c : centres) {
      H3CellLocator locator = H3CellLocator.covering(h3, c[0] - 0.15, c[1] - 0.15, c[0] + 0.15, c[1] + 0.15);
      withoutLattice += locator.hasLattice() ? 0 : 1;
      for (int i = 0; i < 20_000; i++) {
        double lat = c[0] + (random.nextDouble() - 0.5) * 0.3;
        double lon = c[1] + (random.nextDouble() - 0.5) * 0.3;
        assertEquals(h3.cellOf(lat, lon), locator.cellOf(lat, lon), () -> "near " + c[0] + ", " + c[1] + " at " + lat + ", " + lon);
      }
    }
    // across a face edge or around a pentagon the cells are not one lattice: the locator finds that out and uses their
    // outlines (or H3) instead
    assertEquals(centres.size(), withoutLattice, "areas without a lattice");
  }

  @Test
  void seriesForSinesNearTheCentreEqualMathWithinRounding() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 1_000_000; i++) {
      double x = (random.nextDouble() * 2 - 1) * 0.02;
      double sin = Math.sin(x);
      double cos = Math.cos(x);
      assertTrue(Math.abs(H3CellLocator.sinOfSmall(x) - sin) <= 2 * Math.ulp(sin), () -> "sin " + x);
      assertTrue(Math.abs(H3CellLocator.cosOfSmall(x) - cos) <= 2 * Math.ulp(cos), () -> "cos " + x);
    }
  }

  @Test
  void refusesAnAreaThatIsNotInDegrees() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> H3CellLocator.covering(H3Binner.atResolution(9), 4_500_000, 200_000, 4_600_000, 210_000));
    assertTrue(e.getMessage().contains("latitudes and longitudes"), e.getMessage());
  }

  @Test
  void refusesAnAreaLargerThanARegion() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> H3CellLocator.covering(H3Binner.atResolution(9), 30, 120, 45, 135));
    assertTrue(e.getMessage().contains("10 degrees"), e.getMessage());
  }

  private static H3CellLocator seoul(H3Binner h3) {
    return H3CellLocator.covering(h3, 37.41, 126.76, 37.72, 127.19);
  }
}
