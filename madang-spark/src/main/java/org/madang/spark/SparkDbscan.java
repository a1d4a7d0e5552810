package org.madang.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.madang.analytics.hotspot.DbscanClustering;
import org.madang.analytics.hotspot.DbscanParameters;
import org.madang.analytics.hotspot.DbscanResult;
import scala.Tuple2;

/**
 * DBSCAN on Spark over a partitioned grid with halo merging, giving the embedded run's clusters.
 *
 * <ol>
 *   <li>The plane (the engine's projection, {@link PlanePoint}) is cut into square tiles of side {@code max(4·eps,
 *       parameters.tile_m)}; each point is owned by its tile and also sent, as a halo point, to every neighbouring
 *       tile within 2·eps of it.
 *   <li>Each tile's points (owned and halo, in increasing id) are clustered by the analytics kernel {@link
 *       DbscanClustering}. With a halo of 2·eps, every point within eps of an owned point has its whole
 *       eps-neighbourhood in the tile, so the owned points' core flags, their clusters and their border assignment
 *       (the kernel's rule: the cluster of the nearest core point, ties to the lowest id) are those of the whole plane;
 *       halo points farther out can only look less dense, never denser.
 *   <li>A halo point that is core in a tile links that tile's local cluster with its owner tile's local cluster;
 *       the driver joins the links with union-find, and numbers the clusters by their lowest-id core point, as the
 *       kernel numbers them when it sees all points in id order.
 * </ol>
 *
 * Output: every point once (from its owner tile): {@code _id, lon, lat, label, cluster, core}.
 */
final class SparkDbscan {

  private SparkDbscan() {}

  /** A point of a tile: owned by it or in its halo, with its local cluster once clustered. */
  record TilePoint(long id, double lon, double lat, String label, double x, double y, long tile, boolean owned, int local, boolean core)
      implements Serializable {

    TilePoint in(long otherTile, boolean own) {
      return new TilePoint(id, lon, lat, label, x, y, otherTile, own, local, core);
    }

    TilePoint clustered(int cluster, boolean isCore) {
      return new TilePoint(id, lon, lat, label, x, y, tile, owned, cluster, isCore);
    }

    String localCluster() {
      return tile + ":" + local;
    }
  }

  static Dataset<Row> run(SparkSession spark, JobFile job, Map<String, Object> summary) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("label", null);
    Dataset<Row> in = InputTable.read(spark, job, "input", List.of("lon", "lat"), List.of("_id", "label"), defaults);
    PlanePoint plane = PlanePoint.of(job);
    double eps = job.parameters().path("eps_m").asDouble();
    int minPoints = job.integerParameter("min_points");
    try {
      new DbscanParameters(eps, minPoints);
    } catch (IllegalArgumentException e) {
      throw JobFailure.invalid("parameters.eps_m and min_points must be a positive distance and count: " + InputTable.firstLine(e.getMessage()), "parameters.eps_m");
    }
    double side = Math.max(4 * eps, job.parameters().path("tile_m").asDouble(0));
    double halo = 2 * eps * (1 + 1e-9) + 1e-6;

    JavaRDD<TilePoint> points = in.javaRDD().map(r -> {
      double x = plane.x(r.getDouble(0));
      double y = plane.y(r.getDouble(1));
      long tile = tile((long) Math.floor(x / side), (long) Math.floor(y / side));
      return new TilePoint(Long.parseLong(r.getString(2)), r.getDouble(0), r.getDouble(1), r.isNullAt(3) ? null : r.getString(3), x, y, tile, true, -1, false);
    });
    JavaPairRDD<Long, TilePoint> placed = points.flatMapToPair(p -> {
      List<Tuple2<Long, TilePoint>> out = new ArrayList<>();
      long cx = (long) Math.floor(p.x() / side);
      long cy = (long) Math.floor(p.y() / side);
      for (long dx = -1; dx <= 1; dx++) {
        for (long dy = -1; dy <= 1; dy++) {
          boolean own = dx == 0 && dy == 0;
          long tx = cx + dx;
          long ty = cy + dy;
          boolean near = p.x() >= tx * side - halo && p.x() < (tx + 1) * side + halo && p.y() >= ty * side - halo && p.y() < (ty + 1) * side + halo;
          if (own || near) {
            out.add(new Tuple2<>(tile(tx, ty), p.in(tile(tx, ty), own)));
          }
        }
      }
      return out.iterator();
    });
    JavaRDD<TilePoint> clustered = placed.groupByKey().flatMap(t -> clusterTile(t._2(), new DbscanParameters(eps, minPoints)).iterator()).cache();

    // links between local clusters through halo core points, and each local cluster's lowest core id
    JavaPairRDD<Long, String> ownedCores = clustered.filter(p -> p.owned() && p.core()).mapToPair(p -> new Tuple2<>(p.id(), p.localCluster()));
    JavaPairRDD<Long, String> haloCores = clustered.filter(p -> !p.owned() && p.core()).mapToPair(p -> new Tuple2<>(p.id(), p.localCluster()));
    List<Tuple2<String, String>> links = haloCores.join(ownedCores).values().collect();
    Map<String, Long> lowestCore = ownedCores.mapToPair(t -> new Tuple2<>(t._2(), t._1())).reduceByKey(Math::min).collectAsMap();

    Map<String, String> parent = new HashMap<>();
    for (String k : lowestCore.keySet()) {
      parent.put(k, k);
    }
    for (Tuple2<String, String> link : links) {
      parent.putIfAbsent(link._1(), link._1());
      parent.putIfAbsent(link._2(), link._2());
      String a = root(parent, link._1());
      String b = root(parent, link._2());
      if (!a.equals(b)) {
        parent.put(a, b);
      }
    }
    Map<String, Long> lowestOfRoot = new HashMap<>();
    for (Map.Entry<String, Long> e : lowestCore.entrySet()) {
      lowestOfRoot.merge(root(parent, e.getKey()), e.getValue(), Math::min);
    }
    List<String> roots = new ArrayList<>(lowestOfRoot.keySet());
    roots.sort(Comparator.comparing(lowestOfRoot::get));
    Map<String, Integer> number = new HashMap<>();
    for (int i = 0; i < roots.size(); i++) {
      number.put(roots.get(i), i);
    }
    HashMap<String, Integer> global = new HashMap<>();
    for (String k : parent.keySet()) {
      Integer n = number.get(root(parent, k));
      if (n == null) {
        throw new IllegalStateException("the local cluster " + k + " reaches no core point of its own tile");
      }
      global.put(k, n);
    }
    Broadcast<HashMap<String, Integer>> labels = spark.sparkContext().broadcast(global, scala.reflect.ClassTag$.MODULE$.apply(HashMap.class));
    JavaRDD<Row> rows = clustered.filter(TilePoint::owned).map(p -> {
      int cluster = p.local() < 0 ? -1 : labels.value().get(p.localCluster());
      return RowFactory.create(p.id(), p.lon(), p.lat(), p.label(), cluster, p.core());
    });
    StructType schema = new StructType().add("_id", DataTypes.LongType, false).add("lon", DataTypes.DoubleType, false)
        .add("lat", DataTypes.DoubleType, false).add("label", DataTypes.StringType, true).add("cluster", DataTypes.IntegerType, false)
        .add("core", DataTypes.BooleanType, false);
    Dataset<Row> result = spark.createDataFrame(rows, schema).cache();
    summary.put("points", result.count());
    summary.put("clusters", roots.size());
    return result;
  }

  /**
   * One tile's points clustered by the kernel, in increasing id (so that ties go to the lowest id). A far point is
   * added last, beyond any eps of the others: a tile's few points near the projection's origin could otherwise look
   * like longitude/latitude degrees to the kernel's check, which the whole city never does.
   */
  static List<TilePoint> clusterTile(Iterable<TilePoint> tile, DbscanParameters parameters) {
    List<TilePoint> list = new ArrayList<>();
    tile.forEach(list::add);
    list.sort(Comparator.comparingLong(TilePoint::id));
    int n = list.size();
    double[] x = new double[n + 1];
    double[] y = new double[n + 1];
    double maxX = 0;
    for (int i = 0; i < n; i++) {
      x[i] = list.get(i).x();
      y[i] = list.get(i).y();
      maxX = Math.max(maxX, x[i]);
    }
    x[n] = maxX + 200 + 4 * parameters.eps_m();
    y[n] = y[0];
    DbscanResult result = DbscanClustering.run(x, y, parameters);
    List<TilePoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(list.get(i).clustered(result.label(i), result.isCore(i)));
    }
    return out;
  }

  private static long tile(long tx, long ty) {
    return (tx << 32) ^ (ty & 0xffffffffL);
  }

  private static String root(Map<String, String> parent, String k) {
    String r = k;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    // path compression
    String c = k;
    while (!parent.get(c).equals(r)) {
      String next = parent.get(c);
      parent.put(c, r);
      c = next;
    }
    return r;
  }
}
