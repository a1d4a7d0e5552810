package org.madang.cctv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.madang.MadangProperties;
import org.springframework.stereotype.Component;

/**
 * Requests to cameras, and only to addresses the {@link AddressPolicy} allows: the connection goes to the addresses
 * our own DNS resolver checked (so a name cannot resolve to a public address for the check and to a private one for
 * the connection), redirects are followed by hand (at most {@code madang.cctv.max-redirects}, each checked again), only
 * {@code http} and {@code https}, with connect, read and total time limits and a size limit on every body. No system
 * proxy, no cookies, no retries. Thread-safe.
 */
@Component
class StreamClient implements AutoCloseable {

  /** Why a camera gave no picture, in one sentence fit for its status and for a 502's detail. */
  static final class CameraUnavailable extends RuntimeException {
    private final boolean refused;

    CameraUnavailable(String reason, boolean refused) {
      super(reason, null, false, false);
      this.refused = refused;
    }

    /** The SSRF guard refused the address (as opposed to a camera that did not answer). */
    boolean refused() {
      return refused;
    }
  }

  /** A whole body. {@code lastModified} is the Last-Modified header, or null. */
  record Fetched(byte[] body, String contentType, URI uri, Instant lastModified) {}

  /** An open response with status 200, to be read and closed by the caller. */
  interface Opened extends AutoCloseable {
    InputStream body();

    String contentType();

    URI uri();

    @Override
    void close();
  }

  private final AddressPolicy policy;
  private final PoolingHttpClientConnectionManager connections;
  private final CloseableHttpClient http;
  private final int maxRedirects;
  private final Duration totalTime;

  @org.springframework.beans.factory.annotation.Autowired
  StreamClient(MadangProperties properties) {
    this(AddressPolicy.allowing(properties.cctv().allowedPrivateNetworks()), properties.cctv().connectTimeout(), properties.cctv().readTimeout(),
        properties.cctv().maxRedirects());
  }

  StreamClient(AddressPolicy policy, Duration connectTimeout, Duration readTimeout, int maxRedirects) {
    this.policy = policy;
    this.maxRedirects = maxRedirects;
    this.totalTime = connectTimeout.plus(readTimeout.multipliedBy(2));
    DnsResolver guarded = new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress a : addresses) {
          String why = policy.refusal(a).orElse(null);
          if (why != null) {
            throw new RefusedAddress(host + " resolves to " + why);
          }
        }
        return addresses;
      }

      @Override
      public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
      }
    };
    this.connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(guarded)
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .build())
        .setMaxConnTotal(64)
        .setMaxConnPerRoute(8)
        .build();
    this.http = HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).setResponseTimeout(Timeout.of(readTimeout)).build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .setUserAgent("Madang-CCTV/1")
        .build();
  }

  /** The address is one a camera may have: http or https, and not a literal address the guard refuses. */
  Refusal check(URI uri) {
    if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
      return new Refusal("only http and https stream addresses are accepted");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return new Refusal("the stream address has no host");
    }
    if (uri.getUserInfo() != null) {
      return new Refusal("the stream address may not carry a user name or password");
    }
    String host = uri.getHost();
    if (host.matches("[0-9.]+") || host.startsWith("[")) {
      try {
        InetAddress a = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        String why = policy.refusal(a).orElse(null);
        if (why != null) {
          return new Refusal(why);
        }
      } catch (UnknownHostException e) {
        return new Refusal("the stream address's host is not an address");
      }
    }
    return null;
  }

  /** Why an address is refused before any request. */
  record Refusal(String reason) {}

  /**
   * The whole body at the address, after redirects.
   *
   * @throws CameraUnavailable when the address is refused, the camera does not answer in time, answers other than 200,
   *     or sends more than {@code maxBytes}
   */
  Fetched fetch(URI uri, long maxBytes) {
    long deadline = System.nanoTime() + totalTime.toNanos();
    try (Opened opened = open(uri)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16384];
      InputStream in = opened.body();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        if (out.size() > maxBytes) {
          throw new CameraUnavailable("the camera sent more than " + maxBytes + " bytes", false);
        }
        if (System.nanoTime() > deadline) {
          throw new CameraUnavailable("the camera took longer than " + totalTime.toSeconds() + " s to send its picture", false);
        }
      }
      Instant lastModified = ((OpenedResponse) opened).lastModified();
      return new Fetched(out.toByteArray(), opened.contentType(), opened.uri(), lastModified);
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * An open response with status 200 at the address, after redirects.
   *
   * @throws CameraUnavailable as {@link #fetch}
   */
  Opened open(URI uri) {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      Refusal refusal = check(current);
      if (refusal != null) {
        throw new CameraUnavailable(refusal.reason(), true);
      }
      ClassicHttpResponse response;
      HttpGet request = new HttpGet(current);
      try {
        response = http.executeOpen(null, request, null);
      } catch (IOException e) {
        throw unavailable(e);
      }
      int code = response.getCode();
      if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
        Header location = response.getFirstHeader("Location");
        abort(request, response);
        if (location == null) {
          throw new CameraUnavailable("the camera answered with a redirect without a Location", false);
        }
        if (hop >= maxRedirects) {
          throw new CameraUnavailable("the camera redirected more than " + maxRedirects + " times", false);
        }
        try {
          current = current.resolve(location.getValue().strip());
        } catch (IllegalArgumentException e) {
          throw new CameraUnavailable("the camera redirected to an address that is not one", false);
        }
        continue;
      }
      if (code != 200) {
        abort(request, response);
        throw new CameraUnavailable("the camera answered HTTP " + code, false);
      }
      return new OpenedResponse(request, response, current);
    }
  }

  private static CameraUnavailable unavailable(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedAddress r) {
        return new CameraUnavailable(r.getMessage(), true);
      }
    }
    if (e instanceof SocketTimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
      return new CameraUnavailable("the camera did not answer in time", false);
    }
    if (e instanceof UnknownHostException) {
      return new CameraUnavailable("the camera's host name is not known: " + e.getMessage(), false);
    }
    return new CameraUnavailable("the camera could not be reached: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()),
        false);
  }

  /**
   * Drops the connection rather than reading the rest of the body, which for an MJPEG stream never ends (closing the
   * body of a chunked response reads it to its end).
   */
  private static void abort(HttpGet request, ClassicHttpResponse response) {
    request.cancel();
    try {
      response.close();
    } catch (IOException ignored) {
      // the connection is discarded either way
    }
  }

  /** The DNS answer held an address the guard refuses. */
  private static final class RefusedAddress extends UnknownHostException {
    RefusedAddress(String message) {
      super(message);
    }
  }

  private record OpenedResponse(HttpGet request, ClassicHttpResponse response, URI uri) implements Opened {

    @Override
    public InputStream body() {
      HttpEntity entity = response.getEntity();
      try {
        return entity == null ? InputStream.nullInputStream() : entity.getContent();
      } catch (IOException e) {
        throw unavailable(e);
      }
    }

    @Override
    public String contentType() {
      HttpEntity entity = response.getEntity();
      return entity == null ? null : entity.getContentType();
    }

    Instant lastModified() {
      Header h = response.getFirstHeader("Last-Modified");
      if (h == null) {
        return null;
      }
      try {
        return ZonedDateTime.parse(h.getValue(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    public void close() {
      abort(request, response);
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
    connections.close();
  }
}
