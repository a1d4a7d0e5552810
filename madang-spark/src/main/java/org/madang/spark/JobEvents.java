package org.madang.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job's standard output: one JSON object per line ({@code started}, {@code progress}, {@code done}, {@code error}),
 * nothing else. Whoever launched the job (the app, a script) reads it line by line; logs go to standard error.
 * Thread-safe (Spark's listener bus calls {@link #progress} from its own thread).
 */
final class JobEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  JobEvents(PrintStream out) {
    this.out = out;
  }

  void started(String appId, String master) {
    Map<String, Object> e = event("started");
    e.put("app_id", appId);
    e.put("master", master);
    write(e);
  }

  void progress(int stage, String name, long tasksDone, long tasksTotal, int stagesDone, double fraction) {
    Map<String, Object> e = event("progress");
    e.put("stage", stage);
    e.put("name", name);
    e.put("tasks_done", tasksDone);
    e.put("tasks_total", tasksTotal);
    e.put("stages_done", stagesDone);
    e.put("fraction", Math.round(fraction * 1000) / 1000.0);
    write(e);
  }

  void done(long rows) {
    Map<String, Object> e = event("done");
    e.put("rows", rows);
    write(e);
  }

  void error(JobFailure failure) {
    Map<String, Object> e = event("error");
    e.put("code", failure.code().name());
    e.put("message", failure.getMessage());
    if (failure.field() != null) {
      e.put("field", failure.field());
    }
    write(e);
  }

  private static Map<String, Object> event(String name) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", name);
    return e;
  }

  private synchronized void write(Map<String, Object> event) {
    try {
      out.println(JSON.writeValueAsString(event));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }
}
