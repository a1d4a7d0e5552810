package org.madang.bench;

import org.madang.analytics.geo.DistrictIndex;

/**
 * Assigns every point to its dong with {@link DistrictIndex#indexOf(double, double)} and counts points per dong, the
 * same answer as PostGIS's {@code ST_Contains} join grouped by dong. Each thread counts one contiguous slice of the
 * points; the counts are added.
 */
final class DistrictAssignment {

  private DistrictAssignment() {}

  /** Points per dong by position in the index; the last entry counts points in no dong. */
  static long[] countPerDistrict(DistrictIndex index, double[] lon, double[] lat, int threads) {
    int districts = index.listDistricts().size();
    long[][] perThread = new long[Math.max(1, threads)][];
    int[] next = new int[1];
    Slices.run(lon.length, threads, (from, to) -> {
      long[] counts = new long[districts + 1];
      for (int i = from; i < to; i++) {
        int d = index.indexOf(lon[i], lat[i]);
        counts[d < 0 ? districts : d]++;
      }
      synchronized (perThread) {
        perThread[next[0]++] = counts;
      }
    });
    long[] total = new long[districts + 1];
    for (long[] counts : perThread) {
      for (int i = 0; i < total.length; i++) {
        total[i] += counts[i];
      }
    }
    return total;
  }
}
