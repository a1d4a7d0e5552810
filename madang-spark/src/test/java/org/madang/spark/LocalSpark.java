package org.madang.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** One Spark session on {@code local[2]} for every test class of the JVM (Spark allows one context per JVM). */
final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkAnalysisJob.session(new SparkConf(), "local[2]", "tests");
    }
    return session;
  }
}
