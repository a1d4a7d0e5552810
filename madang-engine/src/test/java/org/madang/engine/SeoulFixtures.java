package org.madang.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.geo.DistrictBoundaries;

/** Seoul's 25 districts and the engine opened on a temporary directory, for tests across the engine's packages. */
public final class SeoulFixtures {

  /** The 25 구 of Seoul, read once per test JVM. */
  public static final DistrictIndex SEOUL = load();

  private SeoulFixtures() {}

  private static DistrictIndex load() {
    try (InputStream in = SeoulFixtures.class.getResourceAsStream("/seoul/seoul_gu_juso2015_simple.geojson")) {
      return DistrictBoundaries.readSeoulGu(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EngineOptions options(Path dataDir) {
    return new EngineOptions(dataDir, SEOUL, 9, 64L * 1024 * 1024, 1024, 64L * 1024 * 1024, "1GB", 2);
  }

  public static DataEngine open(Path dataDir) {
    return DataEngine.open(options(dataDir));
  }

  /** Stages and publishes one upload as its version; returns the version table's name. */
  public static String publish(DataEngine engine, IngestRequest request) {
    StagedVersion v = engine.stage(request, IngestProgress.NONE);
    v.publish();
    return v.tableName();
  }

  /** Copies a test resource (e.g. {@code seoul/cctv_by_gu_utf8bom.csv}) into {@code dir}. */
  public static Path copy(String resource, Path dir) {
    try (InputStream in = SeoulFixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      Path target = dir.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes text to a file in {@code dir}. */
  public static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
