package org.madang.feeds.source;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.feeds.ObservationIntake;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the Seoul Open API pollers ({@code madang.feeds.pollers.*}) on a scheduler of their own, one thread, each poller
 * every {@code interval} after its previous round ended: a slow or hanging service delays only the pollers, never the
 * application's other scheduled work. The first round starts at once.
 */
final class SeoulOpenApiPollers implements SmartLifecycle {

  private final List<SeoulOpenApiPoller> pollers = new ArrayList<>();
  private final Duration interval;
  private ThreadPoolTaskScheduler scheduler;

  SeoulOpenApiPollers(MadangProperties.Feeds.Pollers settings, ObservationIntake intake, Clock clock) {
    if (settings.interval() == null || settings.interval().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "madang.feeds.pollers.interval must be at least 1s.");
    }
    SeoulOpenApi api = new SeoulOpenApi(settings.baseUrl(), settings.key(), settings.timeout());
    this.interval = settings.interval();
    pollers.add(new RealtimeCityAirPoller(api, intake, clock));
    List<String> areas = settings.areas() == null ? List.of() : settings.areas().stream().filter(a -> !a.isBlank()).toList();
    if (!areas.isEmpty()) {
      pollers.add(new CitydataPoller(api, intake, clock, areas));
    }
    List<String> links = settings.links() == null ? List.of() : settings.links().stream().filter(l -> !l.isBlank()).toList();
    if (!links.isEmpty()) {
      pollers.add(new TrafficInfoPoller(api, intake, clock, links));
    }
  }

  List<SeoulOpenApiPoller> pollers() {
    return List.copyOf(pollers);
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("seoul-open-api-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    for (SeoulOpenApiPoller p : pollers) {
      scheduler.scheduleWithFixedDelay(p::poll, interval);
    }
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
