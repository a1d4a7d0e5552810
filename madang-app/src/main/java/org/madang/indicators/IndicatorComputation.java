package org.madang.indicators;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.madang.MadangProperties;
import org.madang.engine.Column;
import org.madang.engine.DataEngine;
import org.madang.engine.TablePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the {@code sql} and {@code platform} indicators: at start-up ({@link IndicatorsStartup}), every {@code
 * madang.indicators.recompute-interval}, and on an admin's request. Each indicator's computed values are replaced in
 * one transaction; manual values are never touched. An indicator that fails keeps its previous values and records the
 * error, which the API shows; the others go on.
 */
@Component
class IndicatorComputation {

  private static final Logger log = LoggerFactory.getLogger(IndicatorComputation.class);
  /** Rows a query may return; a city's years × districts are far fewer. */
  static final int MAX_ROWS = 100_000;

  private final IndicatorRepository repository;
  private final DataEngine engine;
  private final PlatformMeasures platform;
  private final TransactionTemplate transaction;
  private final MadangProperties properties;
  private ScheduledExecutorService schedule;

  IndicatorComputation(IndicatorRepository repository, DataEngine engine, PlatformMeasures platform, TransactionTemplate transaction,
      MadangProperties properties) {
    this.repository = repository;
    this.engine = engine;
    this.platform = platform;
    this.transaction = transaction;
    this.properties = properties;
  }

  /** Recomputes every computed indicator; returns how many failed. */
  synchronized int recomputeAll() {
    int failed = 0;
    for (Indicator indicator : repository.listIndicators()) {
      if (indicator.method().computed() && !recompute(indicator)) {
        failed++;
      }
    }
    return failed;
  }

  /** Recomputes one indicator; false (with the error recorded on it) when it failed. */
  synchronized boolean recompute(Indicator indicator) {
    try {
      List<IndicatorValue> values = switch (indicator.method()) {
        case SQL -> fromQuery(indicator.query());
        case PLATFORM -> fromSeries(platform.measure(indicator.measure()));
        case MANUAL -> throw new IllegalStateException(indicator.code() + " is entered by hand");
      };
      transaction.executeWithoutResult(status -> {
        repository.replaceComputedValues(indicator.code(), values);
        repository.recordComputed(indicator.code());
      });
      return true;
    } catch (RuntimeException e) {
      log.warn("Indicator {} could not be computed: {}", indicator.code(), e.getMessage());
      try {
        repository.recordError(indicator.code(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      } catch (RuntimeException again) {
        log.warn("Could not record the error of indicator {}", indicator.code(), again);
      }
      return false;
    }
  }

  /** Rows {@code (year, value)} or {@code (year, district_code, value)}; a NULL district code is the city; NULL values are skipped. */
  private List<IndicatorValue> fromQuery(String sql) {
    TablePage page = engine.query(sql, MAX_ROWS);
    String year = column(page, "year");
    String value = column(page, "value");
    String district = page.columns().stream().map(Column::name).filter(n -> n.equalsIgnoreCase("district_code")).findFirst().orElse(null);
    if (year == null || value == null) {
      throw new IllegalArgumentException("The query must return the columns year and value (and district_code for a district breakdown); it returns "
          + String.join(", ", page.columns().stream().map(Column::name).toList()) + ".");
    }
    List<IndicatorValue> values = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Map<String, Object> row : page.rows()) {
      Object y = row.get(year);
      Object v = row.get(value);
      if (v == null) {
        continue;
      }
      if (!(y instanceof Number yn) || yn.doubleValue() != Math.rint(yn.doubleValue())) {
        throw new IllegalArgumentException("The query returned a year that is not a whole number: " + y + ".");
      }
      if (!(v instanceof Number vn) || !Double.isFinite(vn.doubleValue())) {
        throw new IllegalArgumentException("The query returned a value that is not a finite number: " + v + ".");
      }
      Object d = district == null ? null : row.get(district);
      String code = d == null ? null : String.valueOf(d);
      if (!seen.add(yn.intValue() + "/" + code)) {
        throw new IllegalArgumentException("The query returned two values for the year " + yn.intValue()
            + (code == null ? " for the city" : " and district " + code) + ".");
      }
      values.add(new IndicatorValue(yn.intValue(), code, vn.doubleValue(), false, null, null, null));
    }
    return values;
  }

  private static String column(TablePage page, String name) {
    return page.columns().stream().map(Column::name).filter(n -> n.toLowerCase(Locale.ROOT).equals(name)).findFirst().orElse(null);
  }

  private static List<IndicatorValue> fromSeries(SortedMap<Integer, Double> series) {
    return series.entrySet().stream().map(e -> new IndicatorValue(e.getKey(), null, e.getValue(), false, null, null, null)).toList();
  }

  /** Recomputes every {@code madang.indicators.recompute-interval} from now on. */
  synchronized void startSchedule() {
    if (schedule != null) {
      return;
    }
    long every = Math.max(1000, properties.indicators().recomputeInterval().toMillis());
    schedule = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "madang-indicators");
      t.setDaemon(true);
      return t;
    });
    schedule.scheduleWithFixedDelay(() -> {
      try {
        recomputeAll();
      } catch (RuntimeException e) {
        log.warn("The scheduled recomputation of the indicators failed", e);
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
  }
}
