package org.madang.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.madang.analytics.geo.DistrictIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point in polygon: every one of {@code points} points (default 10M from {@link SeoulPoints}) assigned to its Seoul
 * dong by {@link DistrictIndex}, counted per dong, on 1 or 2 threads; {@link Build} times building the index itself.
 * The dong file is the system property {@code madang.bench.dongs} (default: the KOSTAT 2013 file, 423 dongs, in
 * {@code ../shared/data} from the repository root, where the benchmarks are started).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class DistrictAssignmentBenchmark {

  static final String DONGS = System.getProperty("madang.bench.dongs",
      "../shared/data/seoul_boundaries/seoul_admdong_kostat2013_simple.geojson");

  @Param({"10000000"})
  int points;

  @Param({"1", "2"})
  int threads;

  private SeoulDongs dongs;
  private DistrictIndex index;
  private double[] lon;
  private double[] lat;

  @Setup
  public void load() {
    dongs = SeoulDongs.read(Path.of(DONGS));
    index = DistrictIndex.of(dongs.districts());
    SeoulPoints p = SeoulPoints.generate(points, SeoulPoints.DEFAULT_SEED);
    lon = p.lon();
    lat = p.lat();
  }

  @Benchmark
  public long[] assignAllPoints() {
    return DistrictAssignment.countPerDistrict(index, lon, lat, threads);
  }

  /** Building the index (raster + STRtree) over the dongs. */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  @Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
  public static class Build {

    private SeoulDongs dongs;

    @Setup
    public void load() {
      dongs = SeoulDongs.read(Path.of(DONGS));
    }

    @Benchmark
    public DistrictIndex buildIndex() {
      return DistrictIndex.of(dongs.districts());
    }
  }
}
