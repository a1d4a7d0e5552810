package org.madang.cctv;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madang.MadangProperties;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks every camera's stream every {@code madang.cctv.check-interval}: reachable, and how old its newest frame is
 * (online, stale after {@code madang.cctv.stale-after}, unreachable). A change of status is stored, published as
 * {@link CameraStatusChanged}, and reported to the platform feed {@code cctv} (measure {@code unreachable}: 1 or 0),
 * whose alert rule (V9) raises an alert on the dashboard when a camera becomes unreachable and resolves it when it
 * comes back. Checks run on a small pool of their own, each bounded by the stream client's time limits; only in the
 * server (not in the command line's short-lived contexts).
 */
@Component
@ConditionalOnWebApplication
class CameraHealthCheck implements AutoCloseable {

  static final String FEED = "cctv";
  private static final Logger log = LoggerFactory.getLogger(CameraHealthCheck.class);

  private final CameraRegistry registry;
  private final CameraPictures pictures;
  private final ObservationIntake intake;
  private final ApplicationEventPublisher events;
  private final Duration interval;
  private final Duration staleAfter;
  private final ExecutorService checkers;
  private final ScheduledExecutorService timer;

  CameraHealthCheck(CameraRegistry registry, CameraPictures pictures, ObservationIntake intake, ApplicationEventPublisher events, MadangProperties properties) {
    this.registry = registry;
    this.pictures = pictures;
    this.intake = intake;
    this.events = events;
    this.interval = properties.cctv().checkInterval();
    this.staleAfter = properties.cctv().staleAfter();
    this.checkers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "cctv-check");
      t.setDaemon(true);
      return t;
    });
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cctv-check-timer");
      t.setDaemon(true);
      return t;
    });
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long every = Math.max(1000, interval.toMillis());
    timer.scheduleWithFixedDelay(() -> {
      try {
        checkAll();
      } catch (RuntimeException e) {
        log.warn("The camera health check failed", e);
      }
    }, Math.min(every, 5000), every, TimeUnit.MILLISECONDS);
  }

  /** Checks every camera with a stream now and waits for the results. */
  void checkAll() {
    List<Future<?>> running = new ArrayList<>();
    for (Camera c : registry.listCameras(null, null, null)) {
      if (c.streamKind() != Camera.StreamKind.NONE) {
        running.add(checkers.submit(() -> check(c)));
      }
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("A camera check failed", e.getCause());
      }
    }
  }

  /** Checks one camera, stores what it found and reports a change; returns the new status. */
  Camera.Status check(Camera camera) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    Camera.Status status;
    String detail;
    Instant frame = null;
    try {
      frame = camera.streamKind() == Camera.StreamKind.HLS ? pictures.newestHlsFrame(camera) : pictures.snapshot(camera).takenAt();
      Duration age = Duration.between(frame, now.toInstant());
      status = age.compareTo(staleAfter) > 0 ? Camera.Status.STALE : Camera.Status.ONLINE;
      detail = status == Camera.Status.STALE ? "the newest frame is " + age.toSeconds() + " s old" : null;
    } catch (StreamClient.CameraUnavailable e) {
      status = Camera.Status.UNREACHABLE;
      detail = e.getMessage();
    } catch (RuntimeException e) {
      status = Camera.Status.UNREACHABLE;
      detail = "the check failed: " + e.getClass().getSimpleName();
      log.warn("Checking camera {} failed", camera.id(), e);
    }
    registry.updateStatus(camera.id(), status, detail, now, frame == null ? null : frame.atOffset(ZoneOffset.UTC));
    if (status != camera.status()) {
      events.publishEvent(new CameraStatusChanged(camera.id(), camera.districtCode(), camera.lat(), camera.lon(), status.code(), camera.status().code(), detail));
      boolean down = status == Camera.Status.UNREACHABLE;
      if (down || camera.status() == Camera.Status.UNREACHABLE) {
        report(camera, down, now);
      }
    }
    return status;
  }

  /** Tells the feed {@code cctv} whether the camera is reachable; its alert rule does the rest. */
  private void report(Camera camera, boolean unreachable, OffsetDateTime at) {
    try {
      ObservationIntake.IntakeReceipt receipt = intake.accept(FEED,
          List.of(new Observation(camera.id(), at, camera.lat(), camera.lon(), Map.of("unreachable", unreachable ? 1.0 : 0.0), Map.of())), "cctv-health");
      if (!receipt.rejected().isEmpty()) {
        log.warn("The cctv feed refused the state of camera {}: {}", camera.id(), receipt.rejected().get(0).reason());
      }
    } catch (RuntimeException e) {
      log.warn("The state of camera {} could not be reported to the cctv feed", camera.id(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    checkers.shutdownNow();
  }
}
