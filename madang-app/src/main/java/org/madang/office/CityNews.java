package org.madang.office;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madang.MadangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * City news from the configured RSS and Atom feeds ({@code madang.office.news.feeds}), read with Rome on a thread of
 * its own every {@code interval} once the application is ready. A path rather than an address (the default {@code
 * /catalog/changes.atom}) is read from this server. A feed that cannot be reached, answers an error or is not a feed is
 * logged and skipped; the others still make the news. Thread-safe: readers see the last complete reading.
 */
@Component
class CityNews implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CityNews.class);
  private static final int SUMMARY_CHARS = 200;

  private final MadangProperties.Office.News settings;
  private final HttpClient http;
  private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "city-news");
    t.setDaemon(true);
    return t;
  });
  private volatile String ownBase;
  private volatile List<NewsItem> items = List.of();

  @Autowired
  CityNews(MadangProperties properties) {
    this(properties.office().news());
  }

  CityNews(MadangProperties.Office.News settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @EventListener
  void on(WebServerInitializedEvent event) {
    ownBase = "http://127.0.0.1:" + event.getWebServer().getPort();
  }

  @EventListener
  void on(ApplicationReadyEvent ready) {
    if (!settings.feeds().isEmpty() && ownBase != null) {
      reader.scheduleWithFixedDelay(this::refresh, 0, Math.max(1, settings.interval().toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  /** The newest items over all feeds, newest first, at most {@code max-items}. */
  List<NewsItem> listLatest() {
    return items;
  }

  /** Reads every feed now and replaces the news with what was read. */
  void refresh() {
    List<NewsItem> read = new ArrayList<>();
    for (String feed : settings.feeds()) {
      if (feed.startsWith("/") && ownBase == null) {
        log.warn("City news: skipped the feed {} (a path, and this server's address is not known)", feed);
        continue;
      }
      try {
        if (feed.startsWith("/")) {
          // this server's own feed: its links are made relative, so they work from wherever the page is seen
          read(URI.create(ownBase + feed)).stream().map(n -> n.link() != null && n.link().startsWith(ownBase)
              ? new NewsItem(n.title(), n.link().substring(ownBase.length()), n.published(), n.source(), n.summary()) : n).forEach(read::add);
        } else {
          read.addAll(read(URI.create(feed)));
        }
      } catch (IOException | FeedException | IllegalArgumentException e) {
        log.warn("City news: skipped the feed {} ({})", feed, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    read.sort(Comparator.comparing(NewsItem::published, Comparator.nullsLast(Comparator.reverseOrder())));
    items = List.copyOf(read.subList(0, Math.min(read.size(), settings.maxItems())));
  }

  /** One feed's items; throws when the feed cannot be fetched or parsed. */
  List<NewsItem> read(URI feed) throws IOException, InterruptedException, FeedException {
    HttpRequest request = HttpRequest.newBuilder(feed).timeout(settings.timeout())
        .header("Accept", "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5").GET().build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    String source = parsed.getTitle() == null ? feed.getHost() : parsed.getTitle().strip();
    List<NewsItem> out = new ArrayList<>();
    for (SyndEntry e : parsed.getEntries()) {
      if (e.getTitle() == null || e.getTitle().isBlank()) {
        continue;
      }
      Date when = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
      out.add(new NewsItem(e.getTitle().strip(), e.getLink(), when == null ? null : when.toInstant(), source, summary(e)));
    }
    return out;
  }

  private static String summary(SyndEntry e) {
    if (e.getDescription() == null || e.getDescription().getValue() == null) {
      return null;
    }
    String text = e.getDescription().getValue().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.length() <= SUMMARY_CHARS ? text : text.substring(0, SUMMARY_CHARS - 1) + "…";
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
