package org.madang.indicators;

import java.io.IOException;
import java.io.InputStream;
import org.madang.MadangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * At start-up of the server, after the demo's datasets ({@code @Order(1)}) and analyses ({@code @Order(2)}): loads the
 * demo's indicators ({@value #REGISTRY}) into an empty registry unless {@code madang.demo=false}, computes every
 * computed indicator, and starts the scheduled recomputation.
 */
@Component
@Order(3)
@ConditionalOnWebApplication
class IndicatorsStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(IndicatorsStartup.class);
  static final String REGISTRY = "demo/seoul/indicators.json";

  private final MadangProperties properties;
  private final IndicatorRepository repository;
  private final IndicatorRegistry registry;
  private final IndicatorComputation computation;

  IndicatorsStartup(MadangProperties properties, IndicatorRepository repository, IndicatorRegistry registry, IndicatorComputation computation) {
    this.properties = properties;
    this.repository = repository;
    this.registry = registry;
    this.computation = computation;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    long start = System.nanoTime();
    if (properties.demo() && repository.countIndicators() == 0) {
      try (InputStream in = new ClassPathResource(REGISTRY).getInputStream()) {
        int n = registry.load(JsonMapper.shared().readTree(in));
        log.info("Loaded the Seoul demo's {} indicators", n);
      }
    }
    int failed = computation.recomputeAll();
    if (failed > 0) {
      log.warn("{} indicator(s) could not be computed; GET /api/indicators shows their errors", failed);
    }
    log.info("Computed the indicators in {} ms", (System.nanoTime() - start) / 1_000_000);
    computation.startSchedule();
  }
}
