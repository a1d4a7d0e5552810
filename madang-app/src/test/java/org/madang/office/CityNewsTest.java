package org.madang.office;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.MadangProperties;

/**
 * City news read with Rome from feeds served by a local JDK HTTP server: an RSS fixture is read with its dates, links
 * and text; feeds that fail (an error status, garbage, a server that never answers, an unknown host) are skipped and
 * the others still make the news.
 */
class CityNewsTest {

  private HttpServer server;
  private String base;
  private final CountDownLatch released = new CountDownLatch(1);

  @BeforeEach
  void serveFeeds() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/rss.xml", exchange -> {
      byte[] body;
      try (InputStream in = CityNewsTest.class.getResourceAsStream("/office/seoul-news-rss.xml")) {
        body = in.readAllBytes();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=UTF-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/broken", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.createContext("/garbage", exchange -> {
      byte[] body = "<html><body>not a feed".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/silent", exchange -> {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    released.countDown();
    server.stop(0);
  }

  private CityNews news(int maxItems, String... feeds) {
    return new CityNews(new MadangProperties.Office.News(List.of(feeds), Duration.ofMinutes(10), Duration.ofMillis(800), maxItems));
  }

  @Test
  void readsAnRssFeedNewestFirstWithLinksDatesAndPlainText() {
    CityNews news = news(30, base + "/rss.xml");
    news.refresh();

    List<NewsItem> items = news.listLatest();
    assertThat(items).extracting(NewsItem::title).containsExactly("둘째 소식", "첫째 소식", "날짜 없는 소식");
    NewsItem newest = items.get(0);
    assertThat(newest.link()).isEqualTo("http://example.invalid/news/2");
    assertThat(newest.published()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(newest.source()).isEqualTo("시험용 시정 소식");
    assertThat(newest.summary()).isEqualTo("본문 강조");
    assertThat(items.get(2).published()).isNull();
  }

  @Test
  void skipsFeedsThatFailAndKeepsTheOthers() {
    CityNews news = news(30, base + "/broken", base + "/garbage", base + "/silent", "http://unknown-host.invalid/feed", "/catalog/changes.atom",
        base + "/rss.xml");
    news.refresh();

    assertThat(news.listLatest()).extracting(NewsItem::title).containsExactly("둘째 소식", "첫째 소식", "날짜 없는 소식");
  }

  @Test
  void keepsAtMostTheConfiguredNumberOfItems() {
    CityNews news = news(2, base + "/rss.xml");
    news.refresh();

    assertThat(news.listLatest()).extracting(NewsItem::title).containsExactly("둘째 소식", "첫째 소식");
  }
}
