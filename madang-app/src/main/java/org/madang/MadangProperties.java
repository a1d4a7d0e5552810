package org.madang;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Madang's own settings, under {@code madang.*} in application.yml (each key is documented there).
 *
 * @param dataDir where DuckDB, H2 and staging files live
 * @param demo load the demo city on first start
 * @param adminPassword the first admin's password; generated and printed once when empty
 */
@ConfigurationProperties("madang")
public record MadangProperties(
    @DefaultValue("./madang-data") Path dataDir,
    @DefaultValue("true") boolean demo,
    String adminPassword,
    City city,
    Ingest ingest,
    Engine engine,
    Analyses analyses) {

  /** The city the platform serves: its district boundaries and names. */
  public record City(
      Resource boundaries,
      @DefaultValue("SIG_CD") String codeProperty,
      @DefaultValue("SIG_KOR_NM") String nameProperty,
      @DefaultValue("SIG_ENG_NM") String nameEnProperty,
      @DefaultValue("서울특별시") String name,
      @DefaultValue("Seoul") String nameEn) {}

  /** Limits and enrichment of uploads. */
  public record Ingest(
      @DefaultValue("512MB") DataSize maxUploadBytes,
      @DefaultValue("1024") int maxColumns,
      @DefaultValue("9") int h3Resolution) {}

  /** DuckDB settings. */
  public record Engine(@DefaultValue("2GB") String memoryLimit, @DefaultValue("0") int threads) {}

  /**
   * Background analyses ({@code POST /api/analyses/{kind}}).
   *
   * @param workers analyses that run at the same time
   * @param queue analyses that may wait for a worker; more are refused with 503 until some finish
   * @param demo run the Seoul demo's analyses after the demo datasets load
   */
  public record Analyses(@DefaultValue("2") int workers, @DefaultValue("16") int queue, @DefaultValue("true") boolean demo) {}
}
