package org.madang.analytics.hotspot;

/**
 * DBSCAN's outcome: a cluster label per point (0, 1, ... or {@link #NOISE}) in input order, and which points are core.
 * Clusters are numbered in the order of their first core point by input position.
 */
public final class DbscanResult {

  /** The label of points in no cluster. */
  public static final int NOISE = -1;

  private final int[] labels;
  private final boolean[] core;
  private final int clusterCount;

  DbscanResult(int[] labels, boolean[] core, int clusterCount) {
    this.labels = labels;
    this.core = core;
    this.clusterCount = clusterCount;
  }

  /** The number of clusters found. */
  public int clusterCount() {
    return clusterCount;
  }

  /** The number of points. */
  public int size() {
    return labels.length;
  }

  /** The cluster of a point, or {@link #NOISE}. */
  public int label(int point) {
    return labels[point];
  }

  /** All labels in input order (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** Whether a point is a core point. */
  public boolean isCore(int point) {
    return core[point];
  }

  /** How many points are noise. */
  public int noiseCount() {
    int count = 0;
    for (int l : labels) {
      if (l == NOISE) {
        count++;
      }
    }
    return count;
  }

  /** The number of points in each cluster, by label. */
  public int[] clusterSizes() {
    int[] sizes = new int[clusterCount];
    for (int l : labels) {
      if (l >= 0) {
        sizes[l]++;
      }
    }
    return sizes;
  }
}
