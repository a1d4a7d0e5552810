package org.madang.feeds;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One Server-Sent Events stream (a feed's observations, or alerts) with resume. Every event gets an id larger than
 * all before it, also across restarts (ids start from the clock in microseconds), and the last {@code history} events
 * (at most {@link #MAX_HISTORY_CHARS} characters of them) are kept, so a client reconnecting with {@code Last-Event-ID} first gets what it missed. When what it missed is no
 * longer kept (or the server restarted), it gets a {@code reset} event first: reload the current state, then follow.
 *
 * <p>Publishing never waits for a client: each client has a bounded queue drained by a shared pool of sender threads,
 * and a client whose queue is full is dropped (its connection closed); it comes back with its last id. Thread-safe.
 */
final class LiveStream {

  /** An event as sent; {@code id} 0 marks a keep-alive comment. */
  record Event(long id, String name, String json) {}

  private static final Event KEEP_ALIVE = new Event(0, null, null);

  /**
   * The history also stops at this many characters of JSON: an event carries a whole committed group, which under
   * batched load is thousands of observations, so a count alone let 10,000 of them fill a 2 GB heap in a soak.
   */
  static final long MAX_HISTORY_CHARS = 16L << 20;

  private final int history;
  private final int clientBuffer;
  private final Executor senders;
  private final ArrayDeque<Event> ring;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private long lastId;
  private long historyChars;

  LiveStream(int history, int clientBuffer, Executor senders) {
    this.history = history;
    this.clientBuffer = clientBuffer;
    this.senders = senders;
    this.ring = new ArrayDeque<>(Math.min(history, 1024));
    this.lastId = System.currentTimeMillis() * 1000;
  }

  /** Appends an event to the history and queues it for every client; returns its id. */
  synchronized long publish(String name, String json) {
    Event e = new Event(++lastId, name, json);
    ring.addLast(e);
    historyChars += json.length();
    while (ring.size() > history || (historyChars > MAX_HISTORY_CHARS && ring.size() > 1)) {
      historyChars -= ring.removeFirst().json().length();
    }
    for (Client c : clients) {
      c.offer(e);
    }
    return e.id();
  }

  /**
   * A new client. With {@code lastEventId}, the events after it come first, or a {@code reset} event when some of
   * them are no longer kept.
   */
  SseEmitter subscribe(Long lastEventId) {
    SseEmitter emitter = new SseEmitter(0L);
    Client client;
    synchronized (this) {
      List<Event> missed = new ArrayList<>();
      boolean reset = false;
      if (lastEventId != null) {
        long oldestKept = ring.isEmpty() ? lastId + 1 : ring.peekFirst().id();
        reset = lastEventId < oldestKept - 1 || lastEventId > lastId;
        if (!reset) {
          for (Event e : ring) {
            if (e.id() > lastEventId) {
              missed.add(e);
            }
          }
        }
      }
      client = new Client(emitter, Math.max(clientBuffer, missed.size() + 1));
      // The opening event is sent here, on the request thread: Spring holds it until it initializes the emitter on this
      // same thread and then writes and flushes it there, so the response is committed (and Spring Security's headers
      // written) before any sender thread writes. A first write from a sender thread raced the request thread's header
      // writing after the filter chain (HeaderWriterFilter) on Tomcat's unsynchronized headers: a NullPointerException
      // in MimeHeaders when 1,000 clients connected (docs/BENCHMARKS.md, SSE fan-out).
      try {
        emitter.send(reset
            ? SseEmitter.event().name("reset").data("{\"reason\":\"the events after your last one are no longer kept; reload and follow\"}", MediaType.APPLICATION_JSON)
            : SseEmitter.event().comment("keep-alive"));
      } catch (IOException | IllegalStateException e) {
        return emitter; // not initialized yet, so this does not happen; a client that cannot be written to is not registered
      }
      for (Event e : missed) {
        client.offer(e);
      }
      clients.add(client);
    }
    Client c = client;
    emitter.onCompletion(() -> clients.remove(c));
    emitter.onTimeout(() -> clients.remove(c));
    emitter.onError(t -> clients.remove(c));
    return emitter;
  }

  void keepAlive() {
    for (Client c : clients) {
      c.offer(KEEP_ALIVE);
    }
  }

  int clientCount() {
    return clients.size();
  }

  synchronized long historyChars() {
    return historyChars;
  }

  /** Closes every client, as at shutdown. */
  void closeAll() {
    for (Client c : clients) {
      c.drop();
    }
  }

  private final class Client {
    private final SseEmitter emitter;
    private final ArrayBlockingQueue<Event> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    Client(SseEmitter emitter, int capacity) {
      this.emitter = emitter;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(Event e) {
      if (closed) {
        return;
      }
      if (!queue.offer(e)) {
        drop();
        return;
      }
      if (scheduled.compareAndSet(false, true)) {
        senders.execute(this::drain);
      }
    }

    private void drain() {
      try {
        Event e;
        while (!closed && (e = queue.poll()) != null) {
          if (e.id() == 0 && e.name() == null) {
            emitter.send(SseEmitter.event().comment("keep-alive"));
          } else if (e.id() == 0) {
            emitter.send(SseEmitter.event().name(e.name()).data(e.json(), MediaType.APPLICATION_JSON));
          } else {
            emitter.send(SseEmitter.event().id(Long.toString(e.id())).name(e.name()).data(e.json(), MediaType.APPLICATION_JSON));
          }
        }
      } catch (IOException | IllegalStateException e) {
        closed = true;
        clients.remove(this);
      } finally {
        scheduled.set(false);
        if (!closed && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
          senders.execute(this::drain);
        }
      }
    }

    /** Closes the connection from a sender thread: a publisher never waits on a client's socket. */
    void drop() {
      if (closed) {
        return;
      }
      closed = true;
      clients.remove(this);
      queue.clear();
      senders.execute(() -> {
        try {
          emitter.complete();
        } catch (RuntimeException ignored) {
          // already gone
        }
      });
    }
  }
}
