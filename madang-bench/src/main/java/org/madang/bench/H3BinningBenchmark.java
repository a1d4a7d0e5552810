package org.madang.bench;

import java.util.concurrent.TimeUnit;
import org.madang.analytics.geo.H3Binner;
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
 * H3 binning: the cell of every one of {@code points} points (default 10M from {@link SeoulPoints}) at resolution 9
 * (about 0.1 km² hexagons, street-block scale), written into an array, on 1 or 2 threads. One operation is one pass
 * over all points; points per second = points / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class H3BinningBenchmark {

  @Param({"10000000"})
  int points;

  @Param({"9"})
  int resolution;

  @Param({"1", "2"})
  int threads;

  private double[] lat;
  private double[] lon;
  private long[] cells;
  private H3Binner binner;

  @Setup
  public void generate() {
    SeoulPoints p = SeoulPoints.generate(points, SeoulPoints.DEFAULT_SEED);
    lat = p.lat();
    lon = p.lon();
    cells = new long[points];
    binner = H3Binner.atResolution(resolution);
  }

  @Benchmark
  public long binAllPoints() {
    Slices.run(points, threads, (from, to) -> {
      for (int i = from; i < to; i++) {
        cells[i] = binner.cellOf(lat[i], lon[i]);
      }
    });
    return cells[points - 1] ^ cells[points / 2];
  }
}
