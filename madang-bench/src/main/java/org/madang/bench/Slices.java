package org.madang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a loop over 0..n-1 on a few threads, each thread taking one contiguous slice. */
final class Slices {

  /** The work on one slice [from, to). */
  @FunctionalInterface
  interface SliceTask {
    void run(int from, int to);
  }

  private Slices() {}

  static void run(int n, int threads, SliceTask task) {
    if (threads <= 1) {
      task.run(0, n);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) n * t / threads);
        int to = (int) ((long) n * (t + 1) / threads);
        parts.add(pool.submit(() -> task.run(from, to)));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
