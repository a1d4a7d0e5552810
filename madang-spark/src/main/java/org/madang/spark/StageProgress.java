package org.madang.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's stages and tasks as progress events, at most one every {@code interval_ms} (a few per second) plus one at
 * each stage's start and end. The fraction is the share of finished tasks among the tasks of the stages submitted so
 * far (Spark does not say up front how many stages a query will have), never lower than the last one sent and below 1
 * until the job's {@code done}.
 */
final class StageProgress extends SparkListener {

  private final JobEvents events;
  private final long intervalNanos;
  private final Map<Integer, long[]> tasksByStage = new HashMap<>();
  private final Map<Integer, String> names = new HashMap<>();
  private int stagesDone;
  private long lastEmitted;
  private double lastFraction;

  StageProgress(JobEvents events, long interval_ms) {
    this.events = events;
    this.intervalNanos = interval_ms * 1_000_000;
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    int id = submitted.stageInfo().stageId();
    tasksByStage.put(id, new long[] {0, submitted.stageInfo().numTasks()});
    names.put(id, submitted.stageInfo().name());
    emit(id, true);
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    long[] tasks = tasksByStage.get(end.stageId());
    if (tasks != null && end.taskInfo().successful()) {
      tasks[0] = Math.min(tasks[1], tasks[0] + 1);
    }
    emit(end.stageId(), false);
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    int id = completed.stageInfo().stageId();
    long[] tasks = tasksByStage.get(id);
    if (tasks != null) {
      tasks[0] = tasks[1];
    }
    stagesDone++;
    emit(id, true);
  }

  private void emit(int stage, boolean always) {
    long now = System.nanoTime();
    if (!always && now - lastEmitted < intervalNanos) {
      return;
    }
    lastEmitted = now;
    long done = 0;
    long total = 0;
    for (long[] t : tasksByStage.values()) {
      done += t[0];
      total += t[1];
    }
    long[] here = tasksByStage.getOrDefault(stage, new long[2]);
    double fraction = Math.max(lastFraction, total == 0 ? 0 : Math.min(0.99, (double) done / total));
    lastFraction = fraction;
    events.progress(stage, names.getOrDefault(stage, ""), here[0], here[1], stagesDone, fraction);
  }
}
