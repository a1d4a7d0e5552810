package org.madang.analytics.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tabulates records in plain Java the way DuckDB's {@code GROUP BY CUBE} does, to give the tests their tables. */
final class CubeOfRecords {

  private final List<String> dimensions;
  private final List<Measure> measures;
  private final Map<List<Object>, Accumulator> cells = new LinkedHashMap<>();

  CubeOfRecords(List<String> dimensions, List<Measure> measures) {
    this.dimensions = dimensions;
    this.measures = measures;
  }

  /** Adds {@code n} records with these dimension values and no measure values (a COUNT table). */
  CubeOfRecords add(int n, Object... key) {
    for (int i = 0; i < n; i++) {
      record(key, new Double[measures.size()]);
    }
    return this;
  }

  /** Adds one record; {@code values} has one entry per measure (ignored for COUNT, null for a missing value). */
  CubeOfRecords record(Object[] key, Double... values) {
    int k = dimensions.size();
    for (int mask = 0; mask < (1 << k); mask++) {
      List<Object> cellKey = new ArrayList<>(Arrays.asList(key));
      for (int d = 0; d < k; d++) {
        if ((mask & (1 << d)) != 0) {
          cellKey.set(d, null);
        }
      }
      cellKey.add(mask);
      cells.computeIfAbsent(cellKey, x -> new Accumulator(measures.size())).add(values);
    }
    return this;
  }

  AggregateTable table() {
    List<TableCell> out = new ArrayList<>();
    if (cells.isEmpty()) {
      out.add(new TableCell(Arrays.asList(new Object[dimensions.size()]), (1 << dimensions.size()) - 1, 0, empty()));
    }
    cells.forEach((key, acc) -> {
      int mask = (Integer) key.get(key.size() - 1);
      List<Magnitude> magnitudes = new ArrayList<>();
      for (int m = 0; m < measures.size(); m++) {
        magnitudes.add(measures.get(m).isMagnitude()
            ? new Magnitude(acc.contributors[m], acc.sum[m], acc.absoluteSum[m], acc.largest[m], acc.second[m])
            : Magnitude.ofCount(acc.records));
      }
      out.add(new TableCell(key.subList(0, key.size() - 1), mask, acc.records, magnitudes));
    });
    return new AggregateTable(dimensions, measures, out);
  }

  private List<Magnitude> empty() {
    return measures.stream().map(m -> Magnitude.ofCount(0)).toList();
  }

  private static final class Accumulator {
    long records;
    final long[] contributors;
    final double[] sum;
    final double[] absoluteSum;
    final double[] largest;
    final double[] second;

    Accumulator(int measures) {
      contributors = new long[measures];
      sum = new double[measures];
      absoluteSum = new double[measures];
      largest = new double[measures];
      second = new double[measures];
    }

    void add(Double[] values) {
      records++;
      for (int m = 0; m < values.length; m++) {
        Double v = values[m];
        if (v == null) {
          continue;
        }
        contributors[m]++;
        sum[m] += v;
        double a = Math.abs(v);
        absoluteSum[m] += a;
        if (a > largest[m]) {
          second[m] = largest[m];
          largest[m] = a;
        } else if (a > second[m]) {
          second[m] = a;
        }
      }
    }
  }
}
