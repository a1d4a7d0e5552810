package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A client that stops reading is dropped when its buffer is full, and publishing never waits for it. */
class LiveStreamTest {

  /** Sender threads that never get to run: a client whose socket accepts nothing. */
  private static final class StalledSenders implements Executor {
    final List<Runnable> waiting = new ArrayList<>();

    @Override
    public synchronized void execute(Runnable task) {
      waiting.add(task);
    }
  }

  @Test
  void dropsAClientThatFallsBehindWithoutHoldingUpPublishing() {
    StalledSenders stalled = new StalledSenders();
    LiveStream stream = new LiveStream(100, 3, stalled);
    stream.subscribe(null);
    stream.subscribe(null);
    assertThat(stream.clientCount()).isEqualTo(2);

    long first = stream.publish("observations", "{\"n\": 1}");
    for (int i = 2; i <= 1_000; i++) {
      stream.publish("observations", "{\"n\": " + i + "}");
    }

    assertThat(stream.clientCount()).isZero();
    assertThat(stream.publish("observations", "{}")).isEqualTo(first + 1_000);
  }

  @Test
  void aResumingClientGetsRoomForEverythingItMissed() {
    LiveStream stream = new LiveStream(100, 3, new StalledSenders());
    long first = stream.publish("observations", "{}");
    for (int i = 0; i < 50; i++) {
      stream.publish("observations", "{}");
    }

    stream.subscribe(first);

    assertThat(stream.clientCount()).isEqualTo(1);
  }

  @Test
  void keepsAHistoryOfLargeGroupsWithinItsCharacterBound() {
    LiveStream stream = new LiveStream(10_000, 3, new StalledSenders());
    String group = "{\"observations\": \"" + "x".repeat(200_000) + "\"}"; // one committed group of thousands of readings
    for (int i = 0; i < 500; i++) {
      stream.publish("observations", group);
    }
    assertThat(stream.historyChars()).isLessThanOrEqualTo(LiveStream.MAX_HISTORY_CHARS).isGreaterThan(LiveStream.MAX_HISTORY_CHARS / 2);

    long latest = stream.publish("observations", "{}");
    stream.subscribe(latest - 5); // recent events are still kept for a resuming client
    assertThat(stream.clientCount()).isEqualTo(1);
  }
}
