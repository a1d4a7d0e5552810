package org.madang.feeds.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;

/** An intake that keeps every batch in memory and accepts all of it; {@link #hold()} makes it block like a stuck store. */
final class RecordingIntake implements ObservationIntake {

  record Batch(String feed, List<Observation> observations, String source) {}

  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch entered = new CountDownLatch(1);

  @Override
  public IntakeReceipt accept(String feed, List<Observation> batch, String source) {
    entered.countDown();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    batches.add(new Batch(feed, List.copyOf(batch), source));
    return new IntakeReceipt(batch.size(), 0, List.of());
  }

  /** From now on, calls block until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void release() {
    gate.countDown();
  }

  /** Whether some call has reached the intake. */
  boolean reached() {
    return entered.getCount() == 0;
  }

  List<Batch> batches() {
    return List.copyOf(batches);
  }

  List<Observation> observations(String feed) {
    List<Observation> all = new ArrayList<>();
    for (Batch b : batches) {
      if (b.feed().equals(feed)) {
        all.addAll(b.observations());
      }
    }
    return all;
  }
}
