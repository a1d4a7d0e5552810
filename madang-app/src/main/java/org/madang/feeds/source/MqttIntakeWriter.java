package org.madang.feeds.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.madang.feeds.ObservationIntake.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread between Paho and the store: takes received messages from a bounded queue, groups several into one
 * {@link ObservationIntake#accept} call per feed, and acknowledges each message only after the call that stored it
 * returned. Paho's callback thread only parses and enqueues, so a commit never holds up reading from the broker until
 * the queue is full, and then the broker keeps the messages.
 */
final class MqttIntakeWriter {

  private static final Logger log = LoggerFactory.getLogger(MqttIntakeWriter.class);
  private static final long MAX_RETRY_MILLIS = 5_000;

  /**
   * What the broker delivered: the feed, the MQTT ids to acknowledge, the observations it carried, and what was refused
   * before the intake (the whole payload, or some of its records).
   */
  record Delivery(String feed, int messageId, int qos, List<Observation> observations, MadangException refusal,
      List<Rejection> refusedRecords) {
    Delivery {
      observations = List.copyOf(observations);
      refusedRecords = List.copyOf(refusedRecords);
    }

    int weight() {
      return Math.max(1, observations.size());
    }
  }

  /** Sends the PUBACK of a message; thrown errors mean the connection is gone and the broker will send it again. */
  interface Acknowledger {
    void acknowledge(int messageId, int qos) throws Exception;
  }

  private final ObservationIntake intake;
  private final RefusalSink refusals;
  private final Acknowledger acknowledger;
  private final int batch;
  private final int capacity;
  private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
  private final Semaphore room;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private volatile boolean running;
  private Thread thread;

  /**
   * @param capacity observations that may wait in the queue
   * @param batch observations per intake call at most (a message larger than this goes alone)
   */
  MqttIntakeWriter(ObservationIntake intake, RefusalSink refusals, Acknowledger acknowledger, int capacity, int batch) {
    this.intake = intake;
    this.refusals = refusals;
    this.acknowledger = acknowledger;
    this.capacity = capacity;
    this.batch = batch;
    this.room = new Semaphore(capacity);
  }

  synchronized void start() {
    running = true;
    thread = new Thread(this::run, "mqtt-intake");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Finishes the batch in hand (waiting at most {@code wait} for the store) and stops; what is still queued stays
   * unacknowledged, so the broker sends it again to the next session.
   */
  void stop(long waitMillis) {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t == null) {
      return;
    }
    try {
      if (waitMillis > 0) {
        t.join(waitMillis);
      }
      if (t.isAlive()) {
        t.interrupt();
        t.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }

  /**
   * Queues a message, waiting while the queue is full. Returns false (the message stays unacknowledged) when the writer
   * stops meanwhile.
   */
  boolean enqueue(Delivery delivery) throws InterruptedException {
    int permits = Math.min(delivery.weight(), capacity);
    while (!room.tryAcquire(permits, 200, TimeUnit.MILLISECONDS)) {
      if (!running) {
        return false;
      }
    }
    if (!running) {
      room.release(permits);
      return false;
    }
    queue.add(delivery);
    return true;
  }

  long stored() {
    return stored.get();
  }

  long duplicates() {
    return duplicates.get();
  }

  long rejected() {
    return rejected.get();
  }

  long acknowledged() {
    return acknowledged.get();
  }

  int queued() {
    return capacity - room.availablePermits();
  }

  private void run() {
    while (running) {
      try {
        Delivery first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<Delivery> group = new ArrayList<>();
        group.add(first);
        int weight = first.weight();
        for (Delivery next; (next = queue.peek()) != null && weight + next.weight() <= batch; ) {
          group.add(queue.poll());
          weight += next.weight();
        }
        write(group);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("The MQTT intake writer failed; it goes on with the next messages", e);
      }
    }
  }

  private void write(List<Delivery> group) throws InterruptedException {
    Map<String, List<Delivery>> byFeed = new LinkedHashMap<>();
    for (Delivery d : group) {
      byFeed.computeIfAbsent(d.feed(), f -> new ArrayList<>()).add(d);
    }
    for (Map.Entry<String, List<Delivery>> e : byFeed.entrySet()) {
      List<Observation> observations = new ArrayList<>();
      for (Delivery d : e.getValue()) {
        observations.addAll(d.observations());
      }
      if (!observations.isEmpty() && !store(e.getKey(), observations)) {
        return;
      }
      for (Delivery d : e.getValue()) {
        quarantine(d);
        acknowledge(d);
      }
    }
  }

  /** Stores until the intake answers; false when the writer was stopped first (nothing is acknowledged then). */
  private boolean store(String feed, List<Observation> observations) throws InterruptedException {
    long wait = 100;
    while (true) {
      try {
        IntakeReceipt receipt = intake.accept(feed, observations, "mqtt");
        stored.addAndGet(receipt.accepted());
        duplicates.addAndGet(receipt.duplicates());
        rejected.addAndGet(receipt.rejected().size());
        if (!receipt.rejected().isEmpty()) {
          log.debug("Feed {}: {} of {} MQTT observations refused, first: {}", feed, receipt.rejected().size(),
              observations.size(), receipt.rejected().get(0).reason());
        }
        return true;
      } catch (MadangException e) {
        if (e.code().type() == ErrorCode.Type.USER) {
          // the intake refuses the batch as a whole (an unknown feed, say): sending it again would not change that
          rejected.addAndGet(observations.size());
          log.warn("Feed {}: {} MQTT observations refused: {}", feed, observations.size(), e.getMessage());
          return true;
        }
        log.warn("Feed {}: cannot store {} MQTT observations yet ({}); retrying in {} ms", feed, observations.size(),
            e.getMessage(), wait);
      } catch (RuntimeException e) {
        log.warn("Feed {}: cannot store {} MQTT observations yet; retrying in {} ms", feed, observations.size(), wait, e);
      }
      if (!running) {
        return false;
      }
      Thread.sleep(wait);
      wait = Math.min(wait * 2, MAX_RETRY_MILLIS);
    }
  }

  /** Reports what was refused before the intake; a failure to record it must not hold up the acknowledgement. */
  private void quarantine(Delivery d) {
    try {
      if (d.refusal() != null) {
        refusals.payloadRefused(d.feed(), "mqtt", d.refusal());
      } else if (!d.refusedRecords().isEmpty()) {
        refusals.recordsRefused(d.feed(), "mqtt", d.refusedRecords());
      }
    } catch (RuntimeException e) {
      log.warn("Could not quarantine what MQTT message {} on feed {} had refused", d.messageId(), d.feed(), e);
    }
  }

  private void acknowledge(Delivery d) {
    try {
      if (d.qos() > 0) {
        acknowledger.acknowledge(d.messageId(), d.qos());
      }
      acknowledged.incrementAndGet();
    } catch (Exception e) {
      log.debug("PUBACK of MQTT message {} not sent ({}); the broker sends it again", d.messageId(), e.toString());
    } finally {
      room.release(Math.min(d.weight(), capacity));
    }
  }
}
