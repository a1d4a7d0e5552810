package org.madang.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.hotspot.H3KernelSpread;
import org.madang.analytics.hotspot.Kernel;
import org.madang.analytics.hotspot.KernelDensity;
import scala.Tuple2;

/**
 * Kernel density on Spark: every point spreads its weight over the cells within the kernel's reach (flatMap point →
 * (cell, contribution), each contribution computed exactly as the analytics kernel computes it), the contributions are
 * summed per cell (reduceByKey), and only the cells at or above a thousandth of the highest density come back; the
 * engine classes them as the embedded run does. Square cells lie on the engine's projection ({@link PlanePoint}) over
 * the points' envelope grown by the kernel's reach, as {@code KernelDensity.onGrid}; H3 cells on the kernel's own
 * plane about the points' mean position ({@link H3KernelSpread}). A bandwidth by rule comes from the same sums as
 * {@code KernelDensity.bandwidthByRule}: total weight, mean centre, standard distance and the weighted median
 * distance, found by sorting the distances across the cluster.
 */
final class SparkDensity {

  private static final long MAXIMUM_CELLS = 100_000_000L;

  private SparkDensity() {}

  static Dataset<Row> run(SparkSession spark, JobFile job, Map<String, Object> summary) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("value", null);
    Dataset<Row> in = InputTable.read(spark, job, "input", List.of("lon", "lat", "value"), List.of(), defaults);
    boolean weighted = job.flag("weighted");
    if (weighted && !in.filter(col("value").lt(0)).isEmpty()) {
      Row bad = in.filter(col("value").lt(0)).first();
      throw JobFailure.invalid("A point at (" + bad.getDouble(0) + ", " + bad.getDouble(1) + ") has the negative weight " + bad.getDouble(2)
          + "; weights must not be negative.", "weight");
    }
    Kernel kernel;
    try {
      kernel = Kernel.valueOf(job.parameter("kernel").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw JobFailure.invalid("parameters.kernel must be quartic or gaussian.", "parameters.kernel");
    }
    JsonNode given = job.parameters().get("bandwidth_m");
    double bandwidth = given == null || given.isNull() ? Double.NaN : given.asDouble();
    JsonNode h3 = job.parameters().get("h3_resolution");
    // lon, lat, weight (a missing weight counts 0, as in the embedded run)
    JavaRDD<double[]> points = in.javaRDD().map(r -> new double[] {
      r.getDouble(0), r.getDouble(1), !weighted ? 1.0 : r.isNullAt(2) || Double.isNaN(r.getDouble(2)) ? 0.0 : r.getDouble(2)}).cache();
    long n = points.count();
    if (n == 0) {
      throw JobFailure.invalid("The input has no points to estimate a density from.", "inputs.input.path");
    }
    summary.put("points", n);
    try {
      return h3 == null || h3.isNull() ? onGrid(spark, job, points, kernel, bandwidth, summary) : onH3Cells(spark, points, n, kernel, bandwidth, h3.asInt(), summary);
    } finally {
      points.unpersist();
    }
  }

  private static Dataset<Row> onGrid(SparkSession spark, JobFile job, JavaRDD<double[]> points, Kernel kernel, double given, Map<String, Object> summary) {
    PlanePoint plane = PlanePoint.of(job);
    double cell = job.parameters().path("cell_m").asDouble();
    JavaRDD<double[]> xyw = points.map(p -> new double[] {plane.x(p[0]), plane.y(p[1]), p[2]}).cache();
    double h = Double.isNaN(given) ? bandwidthByRule(xyw) : given;
    double reach = kernel.reach(h);
    double[] envelope = xyw.aggregate(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY},
        (e, p) -> new double[] {Math.min(e[0], p[0]), Math.min(e[1], p[1]), Math.max(e[2], p[0]), Math.max(e[3], p[1])},
        (a, b) -> new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])});
    double minX = envelope[0] - reach;
    double minY = envelope[1] - reach;
    double maxX = envelope[2] + reach;
    double maxY = envelope[3] + reach;
    long columns = (long) Math.ceil((maxX - minX) / cell);
    long rows = (long) Math.ceil((maxY - minY) / cell);
    if (columns * rows > MAXIMUM_CELLS) {
      throw JobFailure.invalid("A grid of " + columns + " × " + rows + " cells is too large; choose a larger cell size.", "cell_m");
    }
    int cols = (int) columns;
    int rws = (int) rows;
    // the same loop as KernelDensity.onGrid, per point
    JavaPairRDD<Long, Double> densities = xyw.flatMapToPair(p -> {
      List<Tuple2<Long, Double>> out = new ArrayList<>();
      double x = p[0];
      double y = p[1];
      double w = p[2];
      if (w == 0) {
        return out.iterator();
      }
      int c0 = Math.max(0, (int) Math.floor((x - reach - minX) / cell - 0.5));
      int c1 = Math.min(cols - 1, (int) Math.ceil((x + reach - minX) / cell - 0.5));
      int r0 = Math.max(0, (int) Math.floor((y - reach - minY) / cell - 0.5));
      int r1 = Math.min(rws - 1, (int) Math.ceil((y + reach - minY) / cell - 0.5));
      for (int r = r0; r <= r1; r++) {
        double dy = minY + (r + 0.5) * cell - y;
        for (int c = c0; c <= c1; c++) {
          double dx = minX + (c + 0.5) * cell - x;
          double k = kernel.density(dx * dx + dy * dy, h);
          if (k > 0) {
            out.add(new Tuple2<>((long) r * cols + c, w * k));
          }
        }
      }
      return out.iterator();
    }).reduceByKey(Double::sum).cache();
    xyw.unpersist();
    double max = densities.values().fold(0.0, Math::max);
    double sum = densities.values().fold(0.0, Double::sum);
    double floor = max / 1000;
    summary.put("bandwidth_m", h);
    summary.put("min_x", minX);
    summary.put("min_y", minY);
    summary.put("grid_columns", cols);
    summary.put("density_sum", sum);
    StructType schema = new StructType().add("cell", DataTypes.LongType, false).add("density", DataTypes.DoubleType, false);
    return spark.createDataFrame(densities.filter(t -> t._2() > 0 && t._2() >= floor).map(t -> RowFactory.create(t._1(), t._2())), schema);
  }

  private static Dataset<Row> onH3Cells(SparkSession spark, JavaRDD<double[]> points, long n, Kernel kernel, double given, int resolution,
      Map<String, Object> summary) {
    double[] sums = points.aggregate(new double[2], (s, p) -> new double[] {s[0] + p[1], s[1] + p[0]}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    double meanLat = sums[0] / n;
    double meanLon = sums[1] / n;
    H3KernelSpread unknown = new H3KernelSpread(meanLat, meanLon, Double.NaN, kernel, resolution);
    double h = Double.isNaN(given) ? bandwidthByRule(points.map(p -> new double[] {unknown.x(p[0]), unknown.y(p[1]), p[2]})) : given;
    H3KernelSpread spread = new H3KernelSpread(meanLat, meanLon, h, kernel, resolution);
    try {
      spread.rings();
    } catch (IllegalArgumentException e) {
      throw JobFailure.invalid(InputTable.firstLine(e.getMessage().substring(0, 1).toUpperCase(Locale.ROOT) + e.getMessage().substring(1)), "h3_resolution");
    }
    JavaPairRDD<Long, Double> densities = points.flatMapToPair(p -> {
      List<Tuple2<Long, Double>> out = new ArrayList<>();
      double x = spread.x(p[0]);
      double y = spread.y(p[1]);
      for (long cell : spread.cellsNear(p[1], p[0])) {
        double c = spread.contribution(cell, x, y, p[2]);
        if (c > 0) {
          out.add(new Tuple2<>(cell, c));
        }
      }
      return out.iterator();
    }).reduceByKey(Double::sum).cache();
    double max = densities.values().fold(0.0, Math::max);
    double integral = densities.map(t -> t._2() * H3KernelSpread.area_m2(t._1())).fold(0.0, Double::sum);
    double floor = max / 1000;
    summary.put("bandwidth_m", h);
    summary.put("integral", integral);
    StructType schema = new StructType().add("h3_address", DataTypes.StringType, false).add("density", DataTypes.DoubleType, false);
    return spark.createDataFrame(densities.filter(t -> t._2() > 0 && t._2() >= floor).map(t -> RowFactory.create(H3Binner.toAddress(t._1()), t._2())), schema);
  }

  /**
   * {@code KernelDensity.bandwidthByRule} over (x, y, weight) rows spread across the cluster: weighted mean centre,
   * standard distance, and the weighted median distance (the first distance, in increasing order, at which the running
   * weight reaches half the total), found by sorting the distances and summing the weight per sorted partition.
   */
  static double bandwidthByRule(JavaRDD<double[]> xyw) {
    double[] s = xyw.aggregate(new double[3], (a, p) -> new double[] {a[0] + p[2], a[1] + p[2] * p[0], a[2] + p[2] * p[1]},
        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
    double total = s[0];
    if (!(total > 0)) {
      throw JobFailure.invalid("The points carry no weight, so there is no density to estimate.", "weight");
    }
    double mx = s[1] / total;
    double my = s[2] / total;
    // distance, weight
    JavaRDD<double[]> distances = xyw.map(p -> {
      double d = Math.hypot(p[0] - mx, p[1] - my);
      return new double[] {d, p[2]};
    }).sortBy(d -> d[0], true, xyw.getNumPartitions()).cache();
    double sumSquares = distances.map(d -> d[1] * d[0] * d[0]).fold(0.0, Double::sum);
    double standardDistance = Math.sqrt(sumSquares / total);
    List<double[]> partitionWeights = distances.mapPartitionsWithIndex((index, it) -> {
      double w = 0;
      double last = Double.NaN;
      while (it.hasNext()) {
        double[] d = it.next();
        w += d[1];
        last = d[0];
      }
      return List.of(new double[] {index, w, last}).iterator();
    }, true).collect();
    double half = total / 2.0;
    double running = 0;
    int partition = -1;
    double before = 0;
    double median = Double.NaN;
    for (double[] pw : partitionWeights) {
      if (Double.isNaN(pw[2])) {
        continue;
      }
      median = pw[2];
      if (running + pw[1] >= half) {
        partition = (int) pw[0];
        before = running;
        break;
      }
      running += pw[1];
    }
    if (partition >= 0) {
      int target = partition;
      double start = before;
      List<Double> found = distances.mapPartitionsWithIndex((index, it) -> {
        List<Double> out = new ArrayList<>();
        if (index == target) {
          double r = start;
          while (it.hasNext()) {
            double[] d = it.next();
            r += d[1];
            if (r >= half) {
              out.add(d[0]);
              break;
            }
          }
        }
        return out.iterator();
      }, true).collect();
      if (!found.isEmpty()) {
        median = found.get(0);
      }
    }
    distances.unpersist();
    try {
      return KernelDensity.bandwidthFromSpread(total, standardDistance, median);
    } catch (IllegalArgumentException e) {
      throw JobFailure.invalid("All points coincide, so no bandwidth can be derived from their spread; give a bandwidth.", "bandwidth_m");
    }
  }
}
