package org.madang.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.EngineOptions;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.StagedVersion;
import org.madang.engine.geo.DistrictBoundaries;

/**
 * The embedded engine on a temporary data dir with the demo's real Seoul data (madang-app's shipped demo files): bus
 * stops, bike stations, the night-bus cells and their demand, and a seeded synthetic OD table. Opened once per JVM.
 */
final class SeoulWarehouse {

  static final Path DEMO = Path.of("../madang-app/src/main/resources/demo/seoul");
  /**
   * Trips in the synthetic OD table of the parity tests: 1M in the build; the documented 10M run passes {@code
   * -Dmadang.parity.trips=10000000} (docs/SCALING.md).
   */
  static final int SYNTHETIC_TRIPS = Integer.getInteger("madang.parity.trips", 1_000_000);

  private static SeoulWarehouse instance;

  final Path dir;
  final DataEngine engine;
  final Map<String, String> tables = new HashMap<>();

  private SeoulWarehouse(Path dir) {
    this.dir = dir;
    DistrictIndex seoul;
    try (InputStream in = Files.newInputStream(DEMO.resolve("seoul_gu_juso2015_simple.geojson"))) {
      seoul = DistrictBoundaries.readSeoulGu(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = DataEngine.open(new EngineOptions(dir.resolve("data"), seoul, 9, 1L << 30, 1024, 1L << 30, "1GB", 2));
  }

  static synchronized SeoulWarehouse open() {
    if (instance == null) {
      try {
        // under target/, so that mvn clean removes it (the warehouse and the 1M-trip file are ~200 MB)
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "parity");
        SeoulWarehouse w = new SeoulWarehouse(dir);
        w.publish("bus-stops", DEMO.resolve("bus_stop_locations_cp949.csv"), true);
        w.publish("bike-stations", DEMO.resolve("bike_station_info_cp949.csv"), false);
        Path trips = SyntheticTrips.write(dir.resolve("synthetic_trips.csv"), SYNTHETIC_TRIPS, 2013);
        w.publish("synthetic-trips", trips, true);
        w.publish("night-bus-trips", SyntheticTrips.nightBusDemandByAddress(dir.resolve("night_bus_trips.csv")), false);
        instance = w;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private void publish(String dataset, Path file, boolean allowOutside) {
    StagedVersion v = engine.stage(IngestRequest.of(dataset, 1, file).withAllowOutsideArea(allowOutside), IngestProgress.NONE);
    v.publish();
    tables.put(dataset, v.tableName());
  }
}
