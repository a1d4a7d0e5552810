package org.madang.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two job outputs row by row (sorted), for run-standalone-cluster.sh: {@code OutputComparison <output-a>
 * <output-b>}; exit 0 and one line when they hold the same rows.
 */
final class OutputComparison {

  private OutputComparison() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    List<Row> a = spark.read().parquet(args[0] + "/rows").orderBy("key", "destination").collectAsList();
    List<Row> b = spark.read().parquet(args[1] + "/rows").orderBy("key", "destination").collectAsList();
    boolean same = a.equals(b);
    System.out.println(same ? "same " + a.size() + " rows on both" : "DIFFERENT: " + a.size() + " rows against " + b.size());
    spark.stop();
    System.exit(same ? 0 : 1);
  }
}
