package org.madang.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Wall-clock samples of one measured step, in seconds; the benchmarks quote the median and show every run. */
final class Samples {

  private final List<Double> seconds = new ArrayList<>();

  void add(double s) {
    seconds.add(s);
  }

  boolean isEmpty() {
    return seconds.isEmpty();
  }

  double median() {
    if (seconds.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The runs as "1.23, 1.31, 1.25". */
  String runs() {
    return seconds.stream().map(s -> format(s)).collect(Collectors.joining(", "));
  }

  static String format(double s) {
    if (Double.isNaN(s)) {
      return "–";
    }
    return s >= 100 ? String.format(Locale.ROOT, "%.0f", s)
        : s >= 10 ? String.format(Locale.ROOT, "%.1f", s)
        : s >= 0.1 ? String.format(Locale.ROOT, "%.2f", s)
        : String.format(Locale.ROOT, "%.3f", s);
  }

  /** Seconds since a {@link System#nanoTime()} reading. */
  static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
