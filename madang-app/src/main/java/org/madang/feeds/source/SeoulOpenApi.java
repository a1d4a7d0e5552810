package org.madang.feeds.source;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * The Seoul Open API's request shape, {@code {base}/{key}/{json|xml}/{service}/{start}/{end}/{arguments...}}, over the
 * JDK HTTP client with connect and read timeouts. Answers the body text; the services' envelopes are read by their
 * pollers.
 */
final class SeoulOpenApi {

  /** A request that failed: the service's own error code (ERROR-500, INFO-100) or a transport problem. */
  static final class Failure extends Exception {
    private final String code;

    Failure(String code, String message) {
      super(message);
      this.code = code;
    }

    Failure(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    /** The service's result code, or {@code HTTP-nnn}, {@code TIMEOUT}, {@code IO}, {@code GARBAGE}. */
    String code() {
      return code;
    }
  }

  /** The service's "no data" answer (INFO-200): nothing to store, and not a failure. */
  static final String NO_DATA = "INFO-200";

  private final String baseUrl;
  private final String key;
  private final Duration timeout;
  private final HttpClient http;

  SeoulOpenApi(String baseUrl, String key, Duration timeout) {
    this.baseUrl = checkedBaseUrl(baseUrl);
    if (key == null || key.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The Seoul Open API pollers are enabled but madang.feeds.pollers.key (SEOUL_OPEN_API_KEY) is empty; get a key at data.seoul.go.kr.");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "madang.feeds.pollers.timeout must be positive.");
    }
    this.key = key.strip();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  private static String checkedBaseUrl(String url) {
    MadangException problem = new MadangException(ErrorCode.INVALID_ARGUMENT,
        "madang.feeds.pollers.base-url must be an http(s) address such as http://openapi.seoul.go.kr:8088, not '" + url + "'.");
    try {
      URI uri = URI.create(url == null ? "" : url.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw problem;
      }
      String s = uri.toString();
      return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    } catch (IllegalArgumentException e) {
      throw problem;
    }
  }

  /** GETs one page of a service; {@code arguments} are path segments after the row range (e.g. an area name). */
  String get(String type, String service, int start, int end, List<String> arguments) throws Failure, InterruptedException {
    StringBuilder path = new StringBuilder(baseUrl).append('/').append(segment(key)).append('/').append(type).append('/')
        .append(service).append('/').append(start).append('/').append(end).append('/');
    for (String a : arguments) {
      path.append(segment(a)).append('/');
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(path.toString())).timeout(timeout).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.net.http.HttpTimeoutException e) {
      throw new Failure("TIMEOUT", service + " did not answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new Failure("IO", service + " could not be reached: " + e.getMessage(), e);
    }
    if (response.statusCode() != 200) {
      throw new Failure("HTTP-" + response.statusCode(), service + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
