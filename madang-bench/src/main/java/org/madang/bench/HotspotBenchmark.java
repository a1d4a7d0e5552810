package org.madang.bench;

import java.util.concurrent.TimeUnit;
import org.madang.analytics.hotspot.DbscanClustering;
import org.madang.analytics.hotspot.DbscanParameters;
import org.madang.analytics.hotspot.DbscanResult;
import org.madang.analytics.hotspot.HotspotAnalysis;
import org.madang.analytics.hotspot.HotspotParameters;
import org.madang.analytics.hotspot.HotspotResult;
import org.madang.analytics.hotspot.LocalStatistic;
import org.madang.analytics.weights.DistanceWeights;
import org.madang.analytics.weights.SpatialWeights;
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
 * Hot-spot kernels on {@code points} points (default 1M from {@link SeoulPoints}, metres): building distance-band
 * (50 m) and 8-nearest-neighbour weights, Getis-Ord Gi* on prebuilt distance-band weights (analytic z and p, FDR,
 * global Moran's I and Geary's C, as {@link HotspotAnalysis#run} always computes them), and DBSCAN (eps 50 m, 10
 * points). All single-threaded, as the kernels are.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx10g"})
public class HotspotBenchmark {

  @Param({"1000000"})
  int points;

  private SeoulPoints seoul;
  private SpatialWeights band;
  private final HotspotParameters giStar = HotspotParameters.of(LocalStatistic.GI_STAR);

  @Setup
  public void generate() {
    seoul = SeoulPoints.generate(points, SeoulPoints.DEFAULT_SEED);
    band = DistanceWeights.distanceBand(seoul.x(), seoul.y(), 50);
  }

  @Benchmark
  public SpatialWeights distanceBandWeights50m() {
    return DistanceWeights.distanceBand(seoul.x(), seoul.y(), 50);
  }

  @Benchmark
  public SpatialWeights nearestNeighbourWeights8() {
    return DistanceWeights.nearestNeighbours(seoul.x(), seoul.y(), 8);
  }

  @Benchmark
  public HotspotResult giStarOnBandWeights() {
    return HotspotAnalysis.run(seoul.value(), band, giStar);
  }

  @Benchmark
  public DbscanResult dbscan50m10() {
    return DbscanClustering.run(seoul.x(), seoul.y(), new DbscanParameters(50, 10));
  }
}
