package org.madang.feeds.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for openapi.seoul.go.kr: answers each request path with the next of the answers queued for it (the
 * last one repeats), after an optional delay; unknown paths get 404. Records the paths asked for.
 */
final class SeoulOpenApiReplay implements AutoCloseable {

  record Answer(int status, String body, Duration delay) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  SeoulOpenApiReplay() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      asked.add(path);
      Answer a = next(path);
      try {
        if (a.delay() != null) {
          Thread.sleep(a.delay().toMillis());
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException | IOException e) {
        // the client gave up (a timeout test): nothing to answer
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Queues answers for a path such as {@code /KEY/json/RealtimeCityAir/1/100/}. */
  SeoulOpenApiReplay on(String path, Answer... next) {
    answers.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(next));
    return this;
  }

  List<String> asked() {
    return List.copyOf(asked);
  }

  private synchronized Answer next(String path) {
    Deque<Answer> queue = answers.get(path);
    if (queue == null || queue.isEmpty()) {
      return new Answer(404, "<html>not found</html>", null);
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  static Answer ok(String body) {
    return new Answer(200, body, null);
  }

  static Answer fixture(String name) {
    return ok(resource(name));
  }

  static Answer slow(String body, Duration delay) {
    return new Answer(200, body, delay);
  }

  static String resource(String name) {
    try (InputStream in = SeoulOpenApiReplay.class.getResourceAsStream("/feeds/seoul-open-api/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
