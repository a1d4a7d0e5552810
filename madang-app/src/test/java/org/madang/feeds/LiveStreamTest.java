package org.madang.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A client that stops reading is dropped when its buffer is full, and publishing never waits for it; the opening event
 * is written by the request thread.
 */
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

  /**
   * The first write of a stream must happen on the request thread, inside Spring's initialization of the emitter: a
   * first write from a sender thread raced Spring Security's header writing after the filter chain on Tomcat's
   * unsynchronized headers (a NullPointerException in MimeHeaders with 1,000 clients connecting). With sender threads
   * that never run, what the request thread writes when Spring initializes the emitter is all the client gets.
   */
  @Test
  void theOpeningEventIsWrittenByTheRequestThreadWhenSpringInitializesTheEmitter() throws Exception {
    LiveStream stream = new LiveStream(100, 3, new StalledSenders());
    long first = stream.publish("observations", "{}");
    for (int i = 0; i < 200; i++) {
      stream.publish("observations", "{}");
    }

    List<String> fresh = initializeOnThisThread(stream.subscribe(null));
    List<String> resumedTooLate = initializeOnThisThread(stream.subscribe(first - 1_000));

    assertThat(fresh).hasSize(1);
    assertThat(fresh.get(0)).startsWith(Thread.currentThread().getName() + ": ").contains(":keep-alive");
    assertThat(resumedTooLate).hasSize(1);
    assertThat(resumedTooLate.get(0)).contains("event:reset");
  }

  /**
   * Initializes the emitter as Spring's return value handler does on the request thread (its {@code initialize} and
   * {@code Handler} are package-private, hence reflection) and returns the writes made: "thread: text".
   */
  private static List<String> initializeOnThisThread(SseEmitter emitter) throws Exception {
    List<String> writes = new ArrayList<>();
    Class<?> handler = Class.forName(ResponseBodyEmitter.class.getName() + "$Handler");
    Object recorder = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (proxy, method, args) -> {
      if (method.getName().equals("send")) {
        StringBuilder text = new StringBuilder();
        if (args[0] instanceof Collection<?> items) {
          items.forEach(i -> text.append(((ResponseBodyEmitter.DataWithMediaType) i).getData()));
        } else {
          text.append(args[0]);
        }
        writes.add(Thread.currentThread().getName() + ": " + text);
      }
      return null;
    });
    Method initialize = ResponseBodyEmitter.class.getDeclaredMethod("initialize", handler);
    initialize.setAccessible(true);
    initialize.invoke(emitter, recorder);
    return writes;
  }
}
