package org.madang.indicators;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.madang.MadangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts what the platform serves, per day in the city's time zone: page views (HTML answers to GET), API calls
 * ({@code /api/**} including CKAN's, OGC API Features, DCAT) and downloads of datasets. Only successful answers count
 * (status below 400). Rows returned by API calls are not counted: one call is one item served, whatever its size.
 * Counts are kept in memory and added to {@code platform_usage} every {@code madang.indicators.usage-flush-interval},
 * at shutdown, and before the platform indicators are computed.
 */
@Component
@ConditionalOnWebApplication
class PlatformUsage extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(PlatformUsage.class);
  private static final Pattern DOWNLOAD = Pattern.compile(".*/datasets/[^/]+/download$");

  enum Kind {
    PAGE_VIEW,
    API_CALL,
    DOWNLOAD;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private record Key(LocalDate day, Kind kind) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final IndicatorRepository repository;
  private final ZoneId zone;
  private final ScheduledExecutorService flusher;

  PlatformUsage(IndicatorRepository repository, MadangProperties properties) {
    this.repository = repository;
    MadangProperties.Indicators settings = properties.indicators();
    this.zone = settings.zone();
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "madang-usage-flush");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1000, settings.usageFlushInterval().toMillis());
    flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
    chain.doFilter(request, response);
    Kind kind = classify(request, response);
    if (kind != null) {
      counts.computeIfAbsent(new Key(LocalDate.now(zone), kind), k -> new LongAdder()).increment();
    }
  }

  private static Kind classify(HttpServletRequest request, HttpServletResponse response) {
    if (response.getStatus() >= 400) {
      return null;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (DOWNLOAD.matcher(path).matches()) {
      return Kind.DOWNLOAD;
    }
    if (path.startsWith("/api/") || path.startsWith("/ogc") || path.equals("/catalog.jsonld")) {
      return Kind.API_CALL;
    }
    String type = response.getContentType();
    if ("GET".equals(request.getMethod()) && type != null && type.startsWith("text/html")) {
      return Kind.PAGE_VIEW;
    }
    return null;
  }

  /** Adds the counts kept in memory to the table. Safe to call from any thread. */
  synchronized void flush() {
    for (Map.Entry<Key, LongAdder> e : counts.entrySet()) {
      long n = e.getValue().sumThenReset();
      if (n > 0) {
        try {
          repository.addUsage(e.getKey().day(), e.getKey().kind().code(), n);
        } catch (RuntimeException ex) {
          e.getValue().add(n);
          throw ex;
        }
      }
    }
    counts.entrySet().removeIf(e -> e.getValue().sum() == 0 && e.getKey().day().isBefore(LocalDate.now(zone)));
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Could not store the platform's usage counts; they stay in memory until the next try", e);
    }
  }

  @PreDestroy
  void stop() {
    flusher.shutdownNow();
    flushQuietly();
  }
}
