package org.madang.analyses;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.catalog.DatasetService;
import org.madang.engine.analysis.AnalysisKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * At start-up, after the demo city's datasets ({@code @Order(1)}): marks jobs an earlier run left unfinished as failed,
 * then runs the demo's ready analyses ({@code analyses} in {@code demo/seoul/manifest.json}) through the same job path
 * as the API, once, when their result datasets do not exist yet. They run one after another and are waited for, so the
 * demo is complete when the platform reports itself started.
 */
@Component
@Order(2)
class AnalysesStartup implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AnalysesStartup.class);
  private static final String MANIFEST = "demo/seoul/manifest.json";
  private static final Viewer DEMO = new Viewer("madang-demo", EnumSet.of(Role.ADMIN), null);

  private final MadangProperties properties;
  private final AnalysisJobs jobs;
  private final DatasetService datasets;

  AnalysesStartup(MadangProperties properties, AnalysisJobs jobs, DatasetService datasets) {
    this.properties = properties;
    this.jobs = jobs;
    this.datasets = datasets;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    jobs.failUnfinishedJobs();
    if (!properties.demo() || !properties.analyses().demo()) {
      return;
    }
    JsonNode manifest;
    try (InputStream in = new ClassPathResource(MANIFEST).getInputStream()) {
      manifest = JsonMapper.shared().readTree(in);
    }
    long start = System.nanoTime();
    int ran = 0;
    for (JsonNode a : manifest.path("analyses")) {
      String output = a.path("parameters").path("output").path("dataset").asString();
      if (datasets.findVisible(DEMO, output).isPresent()) {
        continue;
      }
      boolean inputsLoaded = true;
      for (JsonNode needed : a.path("needs")) {
        inputsLoaded &= datasets.findVisible(DEMO, needed.asString()).isPresent();
      }
      if (!inputsLoaded) {
        continue;
      }
      AnalysisJob job = jobs.submit(DEMO, AnalysisKind.fromCode(a.path("kind").asString()), a.path("parameters"));
      job = jobs.await(DEMO, job.id(), 120);
      if (!job.status().equals(AnalysisJob.SUCCEEDED)) {
        log.warn("The demo analysis {} ({}) {}: {}", output, job.kind().code(), job.status(), job.error());
      }
      ran++;
    }
    if (ran > 0) {
      log.info("Ran the Seoul demo's {} analyses in {} ms", ran, (System.nanoTime() - start) / 1_000_000);
    }
  }
}
