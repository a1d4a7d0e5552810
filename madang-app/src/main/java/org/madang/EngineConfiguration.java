package org.madang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.engine.DataEngine;
import org.madang.engine.EngineOptions;
import org.madang.engine.geo.DistrictBoundaries;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the embedded engine on the data dir; shared by every module. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  @Bean
  DistrictIndex districtIndex(MadangProperties properties) throws IOException {
    MadangProperties.City city = properties.city();
    try (InputStream in = city.boundaries().getInputStream()) {
      return DistrictBoundaries.read(in, city.codeProperty(), city.nameProperty(), city.nameEnProperty());
    }
  }

  @Bean(destroyMethod = "close")
  DataEngine dataEngine(MadangProperties properties, DistrictIndex districts) throws IOException {
    Files.createDirectories(properties.dataDir());
    int threads = properties.engine().threads() > 0 ? properties.engine().threads() : Runtime.getRuntime().availableProcessors();
    EngineOptions options =
        new EngineOptions(
            properties.dataDir(),
            districts,
            properties.ingest().h3Resolution(),
            properties.ingest().maxUploadBytes().toBytes(),
            properties.ingest().maxColumns(),
            1024L * 1024 * 1024,
            properties.engine().memoryLimit(),
            threads);
    return DataEngine.open(options);
  }
}
