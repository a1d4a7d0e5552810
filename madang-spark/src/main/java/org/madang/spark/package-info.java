/**
 * Runs Madang's analyses on Apache Spark: {@link org.madang.spark.SparkAnalysisJob} reads a job.json written by the
 * engine (or by hand, for data on shared storage), computes on the cluster and writes Parquet rows and a summary.
 */
package org.madang.spark;
