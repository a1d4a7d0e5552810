package org.madang.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded synthetic origin-destination table derived from real population: the demo's 121 night-bus cells (Seoul's
 * 424 dongs grouped into H3 resolution-7 cells, each with its registered residents of 2021 Q2 and bus stops, at the
 * residents' weighted centre). A trip starts in a cell with probability proportional to its bus stops and ends in a cell
 * with probability proportional to residents × exp(-distance / 5 km) (a gravity model), and each end is placed around
 * its cell's centre with a normal spread of 800 m. 0.5% of trips lose their destination coordinates (as real call
 * records do) and 1-3 trips per row.
 *
 * <p>Same seed, same rows. The 10M-trip file of the documented scale run:
 * {@code java -cp "madang-spark/target/test-classes:madang-spark/target/classes:madang-spark/target/spark-classpath/*"
 * org.madang.spark.SyntheticTrips /tmp/trips-10m.csv 10000000 2013}
 */
final class SyntheticTrips {

  private SyntheticTrips() {}

  public static void main(String[] args) {
    Path out = write(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 2013);
    System.out.println(out);
  }

  record Cell(String address, double lat, double lon, double residents, double stops) {}

  static List<Cell> cells() {
    try {
      List<String> lines = Files.readAllLines(SeoulWarehouse.DEMO.resolve("seoul_night_bus_cells.csv"), StandardCharsets.UTF_8);
      List<Cell> cells = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        // cell,h3_address,name,district,dongs,residents,bus_stops,bike_stations,lat,lon
        cells.add(new Cell(f[1], Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
      }
      return cells;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, int trips, long seed) {
    List<Cell> cells = cells();
    int n = cells.size();
    double[] origin = new double[n];
    double[][] destination = new double[n][n];
    double acc = 0;
    for (int i = 0; i < n; i++) {
      acc += cells.get(i).stops();
      origin[i] = acc;
    }
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double dy = (cells.get(i).lat() - cells.get(j).lat()) * 111_000;
        double dx = (cells.get(i).lon() - cells.get(j).lon()) * 88_000;
        sum += cells.get(j).residents() * Math.exp(-Math.hypot(dx, dy) / 5000);
        destination[i][j] = sum;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("trip_id,from_lon,from_lat,to_lon,to_lat,trips\n");
      StringBuilder line = new StringBuilder(96);
      for (int t = 1; t <= trips; t++) {
        int o = pick(origin, random.nextDouble() * origin[n - 1]);
        int d = pick(destination[o], random.nextDouble() * destination[o][n - 1]);
        Cell from = cells.get(o);
        Cell to = cells.get(d);
        line.setLength(0);
        line.append(t).append(',').append(round(from.lon() + random.nextGaussian() * 800 / 88_000)).append(',')
            .append(round(from.lat() + random.nextGaussian() * 800 / 111_000)).append(',');
        if (random.nextDouble() < 0.005) {
          line.append(",,");
        } else {
          line.append(round(to.lon() + random.nextGaussian() * 800 / 88_000)).append(',').append(round(to.lat() + random.nextGaussian() * 800 / 111_000)).append(',');
        }
        line.append(1 + random.nextInt(3)).append('\n');
        w.write(line.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The demo's night-bus demand (trips between cells, real-population gravity model) with the cells' H3 addresses as ends. */
  static Path nightBusDemandByAddress(Path file) {
    Map<String, String> address = new HashMap<>();
    try {
      List<String> cellLines = Files.readAllLines(SeoulWarehouse.DEMO.resolve("seoul_night_bus_cells.csv"), StandardCharsets.UTF_8);
      for (String line : cellLines.subList(1, cellLines.size())) {
        String[] f = line.split(",");
        address.put(f[0], f[1]);
      }
      List<String> demand = Files.readAllLines(SeoulWarehouse.DEMO.resolve("seoul_night_bus_demand.csv"), StandardCharsets.UTF_8);
      StringBuilder out = new StringBuilder("origin_h3,destination_h3,trips\n");
      for (String line : demand.subList(1, demand.size())) {
        String[] f = line.split(",");
        out.append(address.get(f[0])).append(',').append(address.get(f[1])).append(',').append(f[2]).append('\n');
      }
      return Files.writeString(file, out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String round(double degrees) {
    return String.valueOf(Math.round(degrees * 1e6) / 1e6);
  }

  private static int pick(double[] cumulative, double u) {
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
