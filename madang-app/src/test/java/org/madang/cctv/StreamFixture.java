package org.madang.cctv;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A camera served by the test itself on loopback: {@code /snapshot.jpg} (one JPEG), {@code /stream.mjpeg} (an endless
 * MJPEG stream, a frame every 100 ms), {@code /live.m3u8} (an HLS media playlist of two segments timed now),
 * {@code /seg0.ts} and {@code /seg1.ts}, {@code /old.m3u8} (a playlist whose newest frame is ten minutes old),
 * {@code /redirect-to-metadata} (a redirect to 169.254.169.254) and
 * {@code /redirect-to-snapshot}. Counts the requests it gets.
 */
final class StreamFixture implements AutoCloseable {

  static final byte[] JPEG = TestPattern.frame("fixture", Instant.parse("2026-01-01T00:00:00Z"));
  static final byte[] SEGMENT = "fake-mpeg-ts-segment-bytes".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  StreamFixture() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "stream-fixture");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/snapshot.jpg", e -> send(e, 200, "image/jpeg", JPEG));
    server.createContext("/seg0.ts", e -> send(e, 200, "video/mp2t", SEGMENT));
    server.createContext("/seg1.ts", e -> send(e, 200, "video/mp2t", SEGMENT));
    server.createContext("/live.m3u8", e -> {
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
      String playlist = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PROGRAM-DATE-TIME:" + start + "\n"
          + "#EXTINF:2.0,\nseg0.ts\n#EXTINF:2.0,\n/seg1.ts\n";
      send(e, 200, "application/vnd.apple.mpegurl", playlist.getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/old.m3u8", e -> {
      OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10).truncatedTo(ChronoUnit.MILLIS);
      String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-PROGRAM-DATE-TIME:" + start + "\n#EXTINF:2.0,\nseg0.ts\n";
      send(e, 200, "application/vnd.apple.mpegurl", playlist.getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/redirect-to-metadata", e -> {
      e.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      send(e, 302, "text/plain", new byte[0]);
    });
    server.createContext("/redirect-to-snapshot", e -> {
      e.getResponseHeaders().add("Location", "/snapshot.jpg");
      send(e, 302, "text/plain", new byte[0]);
    });
    server.createContext("/stream.mjpeg", e -> {
      requests.incrementAndGet();
      e.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=fixture");
      e.sendResponseHeaders(200, 0);
      try (OutputStream out = e.getResponseBody()) {
        for (int i = 0; i < 600; i++) {
          out.write(("--fixture\r\nContent-Type: image/jpeg\r\nContent-Length: " + JPEG.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(JPEG);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          Thread.sleep(100);
        }
      } catch (IOException | InterruptedException viewerLeft) {
        // the proxy closed the stream
      }
    });
    server.start();
  }

  private void send(HttpExchange e, int status, String type, byte[] body) throws IOException {
    requests.incrementAndGet();
    e.getResponseHeaders().add("Content-Type", type);
    e.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(body);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
