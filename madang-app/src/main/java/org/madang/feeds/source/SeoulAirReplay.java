package org.madang.feeds.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.Observation;
import org.madang.feeds.ObservationIntake;
import org.madang.feeds.ObservationIntake.IntakeReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The demo's live feed {@value #FEED}: Seoul's real 2019 daily air quality by district ({@link DailyAirAverages}) replayed
 * on today's clock, so screens move with real patterns (the March 2019 dust episode, the clean summer monsoon) rather
 * than noise. At start the simulated time is today's day of the year and time of day in 2019 (Korea Standard Time); it
 * then runs {@code speed} times faster than real time, wrapping around the year. Every {@code interval}, each district
 * reports its interpolated daily averages, stamped with the real time of the emission (the intake refuses readings from
 * 2019, and screens show "now"); the feed's title says they are replayed. Deterministic: the values depend only on the
 * start time and the clock, and it goes through the same intake as every connector.
 */
final class SeoulAirReplay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SeoulAirReplay.class);
  static final String FEED = "air";
  static final String SOURCE = "simulator";
  static final String FILE = "demo/seoul/air_daily_avg_by_station_2019_cp949.csv";
  static final ZoneOffset KST = ZoneOffset.ofHours(9);

  private final DailyAirAverages averages;
  private final ObservationIntake intake;
  private final Clock clock;
  private final double speed;
  private final Duration interval;
  private Instant realStart;
  private LocalDateTime simulatedStart;
  private ThreadPoolTaskScheduler scheduler;

  SeoulAirReplay(MadangProperties.Feeds.Simulator settings, ObservationIntake intake, Clock clock) {
    if (!(settings.speed() > 0) || settings.interval() == null || settings.interval().toMillis() < 100) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "madang.feeds.simulator.speed must be positive and madang.feeds.simulator.interval at least 100ms.");
    }
    this.averages = load();
    this.intake = intake;
    this.clock = clock;
    this.speed = settings.speed();
    this.interval = settings.interval();
    begin();
  }

  private static DailyAirAverages load() {
    try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
      return DailyAirAverages.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Maps the clock's now onto the same day of the year and time of day in 2019. */
  void begin() {
    realStart = clock.instant();
    LocalDateTime now = LocalDateTime.ofInstant(realStart, KST);
    LocalDate day = LocalDate.ofYearDay(DailyAirAverages.YEAR, Math.min(now.getDayOfYear(), DailyAirAverages.DAYS));
    simulatedStart = day.atTime(now.toLocalTime());
  }

  /** The simulated 2019 time (KST) at an instant. */
  LocalDateTime simulatedAt(Instant instant) {
    double seconds = Duration.between(realStart, instant).toNanos() / 1e9 * speed;
    return simulatedStart.plus((long) Math.floor(seconds * 1000), ChronoUnit.MILLIS);
  }

  /** One emission: every district's values at the simulated time of now, stamped now. */
  List<Observation> emit() {
    Instant now = clock.instant();
    LocalDateTime simulated = simulatedAt(now);
    OffsetDateTime stamp = OffsetDateTime.ofInstant(now, KST).truncatedTo(ChronoUnit.MILLIS);
    List<Observation> batch = new ArrayList<>();
    for (String station : averages.stations()) {
      Map<String, Double> values = averages.at(station, simulated);
      if (!values.isEmpty()) {
        batch.add(Observation.of(station, stamp, values));
      }
    }
    IntakeReceipt receipt = intake.accept(FEED, batch, SOURCE);
    if (!receipt.rejected().isEmpty()) {
      log.warn("The air-quality replay had {} of {} readings refused, first: {}", receipt.rejected().size(), batch.size(),
          receipt.rejected().get(0).reason());
    }
    return batch;
  }

  private void emitSafely() {
    try {
      emit();
    } catch (RuntimeException e) {
      log.warn("The air-quality replay could not store its readings; trying again at the next interval", e);
    }
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    begin();
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("air-replay-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    scheduler.scheduleAtFixedRate(this::emitSafely, interval);
    log.info("Replaying Seoul's 2019 daily air quality as the feed '{}' from {} at {}x", FEED, simulatedStart, speed);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdown();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
