package org.madang.feeds.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.madang.engine.MadangException;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;

/**
 * An intake that keeps every batch (and every refusal reported to it) in memory and accepts all of it; {@link #hold()}
 * makes it block like a stuck store.
 */
final class RecordingIntake implements ObservationIntake, RefusalSink {

  record Batch(String feed, List<Observation> observations, String source) {}

  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
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

  @Override
  public void payloadRefused(String feed, String source, MadangException why) {
    refusals.add(feed + " " + source + ": " + why.getMessage());
  }

  @Override
  public void recordsRefused(String feed, String source, List<Rejection> rejections) {
    rejections.forEach(r -> refusals.add(feed + " " + source + ": " + r.reason()));
  }

  /** What was reported refused, as "feed source: reason". */
  List<String> refusals() {
    return List.copyOf(refusals);
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
