package org.madang.engine.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * An analysis prepared for Apache Spark by {@link AnalysisRunner#prepareSpark}: its inputs exported as Parquet under
 * {@code workDir/inputs/<source>} and its fully resolved spec in {@code jobFile} ({@code workDir/job.json}). Run
 * {@code org.madang.spark.SparkAnalysisJob <jobFile>} (a child process or spark-submit), then read the result with
 * {@link AnalysisRunner#readSparkResult}.
 *
 * @param outputDir where the job writes its result ({@code rows/} Parquet and {@code summary.json}); it appears whole
 *     or not at all
 * @param inputs the dataset versions exported, for the lineage
 */
public record SparkJob(AnalysisKind kind, Path workDir, Path jobFile, Path outputDir, List<AnalysisLineage.Input> inputs) {

  public SparkJob {
    inputs = List.copyOf(inputs);
  }
}
