package org.madang.feeds.source;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Seoul Open API service polled on a schedule: each round makes the service's requests, reads each answer into
 * observations and hands them to the intake. A failed request (an error envelope, a timeout, garbage) is logged and
 * counted, and the round goes on with the next request; the next round comes as scheduled.
 */
abstract class SeoulOpenApiPoller {

  private static final Logger log = LoggerFactory.getLogger(SeoulOpenApiPoller.class);
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request of a round: the answer type, the row range and the path arguments after it. */
  record Request(String type, int start, int end, List<String> arguments) {}

  private final String service;
  private final SeoulOpenApi api;
  private final ObservationIntake intake;
  final Clock clock;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong empty = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile String lastFailure;

  SeoulOpenApiPoller(String service, SeoulOpenApi api, ObservationIntake intake, Clock clock) {
    this.service = service;
    this.api = api;
    this.intake = intake;
    this.clock = clock;
  }

  String service() {
    return service;
  }

  /** The requests of one round. */
  abstract List<Request> requests();

  /** The observations in one answer, by feed; a failure for an error envelope or an answer that cannot be read. */
  abstract Map<String, List<Observation>> read(String body, Request request) throws SeoulOpenApi.Failure;

  /** One round. */
  final void poll() {
    for (Request r : requests()) {
      requests.incrementAndGet();
      try {
        String body = api.get(r.type(), service, r.start(), r.end(), r.arguments());
        for (Map.Entry<String, List<Observation>> e : read(body, r).entrySet()) {
          if (!e.getValue().isEmpty()) {
            IntakeReceipt receipt = intake.accept(e.getKey(), e.getValue(), "poller:" + service);
            stored.addAndGet(receipt.accepted());
            rejected.addAndGet(receipt.rejected().size());
            if (!receipt.rejected().isEmpty()) {
              log.info("{}: {} of {} observations for feed {} refused, first: {}", service, receipt.rejected().size(),
                  e.getValue().size(), e.getKey(), receipt.rejected().get(0).reason());
            }
          }
        }
        count("ok");
      } catch (SeoulOpenApi.Failure f) {
        if (SeoulOpenApi.NO_DATA.equals(f.code())) {
          empty.incrementAndGet();
          count("no_data");
          log.info("{} {}: no data ({})", service, r.arguments(), f.getMessage());
        } else {
          fail(r, f.code() + ": " + f.getMessage(), null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        fail(r, e.toString(), e);
      }
    }
  }

  private void fail(Request r, String what, Exception e) {
    failures.incrementAndGet();
    lastFailure = what;
    count("failed");
    if (e == null) {
      log.warn("{} {} failed: {}; polling again at the next interval", service, r.arguments(), what);
    } else {
      log.warn("{} {} failed; polling again at the next interval", service, r.arguments(), e);
    }
  }

  private void count(String outcome) {
    Metrics.counter("madang.feeds.poller.requests", "service", service, "outcome", outcome).increment();
  }

  /** Parses JSON, or fails as garbage. */
  static JsonNode json(String body, String service) throws SeoulOpenApi.Failure {
    try {
      JsonNode root = JSON.readTree(body);
      if (root == null || !root.isObject()) {
        throw new SeoulOpenApi.Failure("GARBAGE", service + " answered something that is not a JSON object");
      }
      return root;
    } catch (JacksonException e) {
      throw new SeoulOpenApi.Failure("GARBAGE", service + " answered something that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Checks a RESULT node (keys {@code CODE}/{@code MESSAGE}, or {@code RESULT.CODE}/{@code RESULT.MESSAGE} as citydata
   * writes them): INFO-000 passes, anything else is a failure with the service's code.
   */
  static void checkResult(JsonNode result, String service) throws SeoulOpenApi.Failure {
    String code = text(result, "CODE", "RESULT.CODE");
    String message = text(result, "MESSAGE", "RESULT.MESSAGE");
    if (code == null) {
      throw new SeoulOpenApi.Failure("GARBAGE", service + " answered without a RESULT code");
    }
    if (!code.equals("INFO-000")) {
      throw new SeoulOpenApi.Failure(code, service + " answered " + code + (message == null ? "" : " " + message));
    }
  }

  /** The first of the named members that holds a non-empty text or number, as text. */
  static String text(JsonNode node, String... names) {
    if (node == null) {
      return null;
    }
    for (String n : names) {
      JsonNode v = node.get(n);
      if (v != null && (v.isString() || v.isNumber())) {
        String s = v.asString().strip();
        if (!s.isEmpty()) {
          return s;
        }
      }
    }
    return null;
  }

  /** A number, also when the service sends it as text ("4000"); null when absent or not a number ("점검중"). */
  static Double number(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isString()) {
      try {
        double d = Double.parseDouble(v.asString().strip().replace(",", ""));
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  long requestCount() {
    return requests.get();
  }

  long failureCount() {
    return failures.get();
  }

  long emptyCount() {
    return empty.get();
  }

  long storedCount() {
    return stored.get();
  }

  long rejectedCount() {
    return rejected.get();
  }

  String lastFailure() {
    return lastFailure;
  }
}
