package org.madang.analytics.weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Binary contiguity weights for polygons, as PySAL builds them: <b>queen</b> neighbours share at least one vertex,
 * <b>rook</b> neighbours share at least one edge (two consecutive vertices).
 *
 * <p>Vertices closer than a snapping tolerance count as the same vertex, so boundaries digitised twice with tiny
 * coordinate noise still touch; a tolerance of 0 asks for exact equality. Vertices are grouped by a hash grid of the
 * tolerance's size and joined when within the tolerance of each other (transitively), so the result does not depend
 * on where grid lines fall. Polygons that touch only where one has a vertex in the middle of the other's edge are not
 * neighbours (PySAL behaves the same). O(v) for v vertices in all.
 */
public final class ContiguityWeights {

  private ContiguityWeights() {}

  /** Queen contiguity: polygons sharing a vertex (within {@code snapTolerance}) are neighbours. */
  public static SpatialWeights queen(List<String> ids, List<? extends Geometry> polygons, double snapTolerance) {
    return build(ids, polygons, snapTolerance, false);
  }

  /** Rook contiguity: polygons sharing an edge (both ends within {@code snapTolerance}) are neighbours. */
  public static SpatialWeights rook(List<String> ids, List<? extends Geometry> polygons, double snapTolerance) {
    return build(ids, polygons, snapTolerance, true);
  }

  private static SpatialWeights build(
      List<String> ids, List<? extends Geometry> polygons, double tolerance, boolean rook) {
    if (ids.size() != polygons.size()) {
      throw new IllegalArgumentException(
          "need one id per polygon: " + ids.size() + " ids, " + polygons.size() + " polygons");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("the snapping tolerance must be 0 or a positive distance, got " + tolerance);
    }
    List<double[]> coordinates = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    List<int[]> ringRanges = new ArrayList<>();
    for (int f = 0; f < polygons.size(); f++) {
      Geometry g = polygons.get(f);
      if (g == null) {
        throw new IllegalArgumentException("feature " + ids.get(f) + " has no geometry");
      }
      for (int part = 0; part < g.getNumGeometries(); part++) {
        Geometry p = g.getGeometryN(part);
        if (!(p instanceof Polygon polygon)) {
          throw new IllegalArgumentException(
              "feature " + ids.get(f) + " is a " + p.getGeometryType() + "; contiguity needs polygons");
        }
        addRing(polygon.getExteriorRing(), f, coordinates, owner, ringRanges);
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          addRing(polygon.getInteriorRingN(h), f, coordinates, owner, ringRanges);
        }
      }
    }
    int[] vertexGroup = groupVertices(coordinates, tolerance);
    List<Set<Integer>> neighbourSets = new ArrayList<>();
    for (int f = 0; f < polygons.size(); f++) {
      neighbourSets.add(new HashSet<>());
    }
    if (rook) {
      Map<Long, List<Integer>> ownersByEdge = new HashMap<>();
      for (int[] range : ringRanges) {
        for (int v = range[0]; v + 1 < range[1]; v++) {
          int a = vertexGroup[v];
          int b = vertexGroup[v + 1];
          if (a == b) {
            continue;
          }
          long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
          ownersByEdge.computeIfAbsent(key, k -> new ArrayList<>(2)).add(owner.get(v));
        }
      }
      link(ownersByEdge.values(), neighbourSets);
    } else {
      Map<Integer, List<Integer>> ownersByVertex = new HashMap<>();
      for (int v = 0; v < vertexGroup.length; v++) {
        ownersByVertex.computeIfAbsent(vertexGroup[v], k -> new ArrayList<>(2)).add(owner.get(v));
      }
      link(ownersByVertex.values(), neighbourSets);
    }
    int[][] rows = new int[polygons.size()][];
    for (int f = 0; f < rows.length; f++) {
      rows[f] = neighbourSets.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
    }
    return SpatialWeights.ofSortedBinary(ids, rows);
  }

  private static void addRing(
      LineString ring, int feature, List<double[]> coordinates, List<Integer> owner, List<int[]> ringRanges) {
    int start = coordinates.size();
    for (Coordinate c : ring.getCoordinates()) {
      coordinates.add(new double[] {c.x, c.y});
      owner.add(feature);
    }
    ringRanges.add(new int[] {start, coordinates.size()});
  }

  private static void link(Iterable<List<Integer>> sharers, List<Set<Integer>> neighbourSets) {
    for (List<Integer> features : sharers) {
      if (features.size() < 2) {
        continue;
      }
      int[] distinct = features.stream().mapToInt(Integer::intValue).distinct().toArray();
      for (int a : distinct) {
        for (int b : distinct) {
          if (a != b) {
            neighbourSets.get(a).add(b);
          }
        }
      }
    }
  }

  /** Groups vertices that lie within the tolerance of each other (union-find over a hash grid). */
  private static int[] groupVertices(List<double[]> coordinates, double tolerance) {
    int n = coordinates.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    if (tolerance == 0) {
      Map<String, Integer> first = new HashMap<>();
      for (int i = 0; i < n; i++) {
        double[] c = coordinates.get(i);
        Integer other = first.putIfAbsent(c[0] + "," + c[1], i);
        if (other != null) {
          union(parent, i, other);
        }
      }
    } else {
      Map<Long, List<Integer>> cells = new HashMap<>();
      double t2 = tolerance * tolerance;
      for (int i = 0; i < n; i++) {
        double[] c = coordinates.get(i);
        long cx = (long) Math.floor(c[0] / tolerance);
        long cy = (long) Math.floor(c[1] / tolerance);
        for (long dx = -1; dx <= 1; dx++) {
          for (long dy = -1; dy <= 1; dy++) {
            List<Integer> there = cells.get(cellKey(cx + dx, cy + dy));
            if (there == null) {
              continue;
            }
            for (int j : there) {
              double[] o = coordinates.get(j);
              double ex = o[0] - c[0];
              double ey = o[1] - c[1];
              if (ex * ex + ey * ey <= t2) {
                union(parent, i, j);
              }
            }
          }
        }
        cells.computeIfAbsent(cellKey(cx, cy), k -> new ArrayList<>(2)).add(i);
      }
    }
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = find(parent, i);
    }
    return group;
  }

  private static long cellKey(long cx, long cy) {
    return cx * 0x9E3779B97F4A7C15L ^ (cy + 0x632BE59BD9B4E019L) * 0xC2B2AE3D27D4EB4FL;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
