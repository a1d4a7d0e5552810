package org.madang.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.engine.IngestProgress;
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
 * Loads the Seoul demo city ({@code demo/seoul/manifest.json}: organizations and real datasets) into an empty catalog
 * on start, unless {@code madang.demo=false}. Each dataset goes through the same ingest path as any upload.
 */
@Component
@Order(1)
class DemoCityLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoCityLoader.class);
  static final String MANIFEST = "demo/seoul/manifest.json";
  private static final Viewer DEMO = new Viewer("madang-demo", EnumSet.of(Role.ADMIN), null);

  private final MadangProperties properties;
  private final CatalogRepository repository;
  private final DatasetService datasets;

  DemoCityLoader(MadangProperties properties, CatalogRepository repository, DatasetService datasets) {
    this.properties = properties;
    this.repository = repository;
    this.datasets = datasets;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!properties.demo() || !repository.listDatasets().isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    JsonNode manifest;
    try (InputStream in = new ClassPathResource(MANIFEST).getInputStream()) {
      manifest = JsonMapper.shared().readTree(in);
    }
    for (JsonNode o : manifest.path("organizations")) {
      if (repository.findOrganization(o.path("name").asString()).isEmpty()) {
        repository.createOrganization(o.path("name").asString(), o.path("title").asString(), text(o, "title_en"), text(o, "description"),
            text(o, "description_en"), o.path("kind").asString("department"));
      }
    }
    Path dir = properties.dataDir().resolve("uploads");
    Files.createDirectories(dir);
    int loaded = 0;
    for (JsonNode d : manifest.path("datasets")) {
      String file = d.path("file").asString();
      Path tmp = dir.resolve("demo-" + file);
      try (InputStream in = new ClassPathResource("demo/seoul/" + file).getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        // some Seoul bus routes stop just outside the city (e.g. 부평IC): such datasets say so, and their rows are kept with a warning
        UploadOptions options = new UploadOptions(null, null, null, null, null, d.path("allow_outside_area").asBoolean(false));
        datasets.ingest(DEMO, d.path("name").asString(), spec(d), tmp, file, options, IngestProgress.NONE, true);
        loaded++;
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    log.info("Loaded the Seoul demo city: {} datasets in {} ms", loaded, (System.nanoTime() - start) / 1_000_000);
  }

  private static DatasetSpec spec(JsonNode d) {
    List<String> tags = new ArrayList<>();
    d.path("tags").forEach(t -> tags.add(t.asString()));
    return new DatasetSpec(d.path("name").asString(), d.path("title").asString(), text(d, "title_en"), text(d, "description"),
        text(d, "description_en"), d.path("organization").asString(), tags, text(d, "license"), text(d, "update_frequency"),
        text(d, "source"), text(d, "source_url"), AccessLevel.fromCode(d.path("access").asString("public")), date(d, "temporal_start"),
        date(d, "temporal_end"), text(d, "spatial_coverage") == null ? "서울특별시 (Seoul)" : text(d, "spatial_coverage"),
        d.path("synthetic").asBoolean(false));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static LocalDate date(JsonNode n, String field) {
    String s = text(n, field);
    return s == null ? null : LocalDate.parse(s);
  }
}
