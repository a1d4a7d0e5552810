package org.madang.engine;

import java.nio.file.Path;
import org.madang.analytics.geo.DistrictIndex;

/**
 * How the engine is set up.
 *
 * @param dataDir the directory that holds {@code warehouse.duckdb} and staging files; created when missing
 * @param districts the city's districts, used to enrich spatial rows with a district code
 * @param h3Resolution the H3 resolution of the {@code h3_cell} column (9 ≈ 0.1 km² hexagons)
 * @param maxUploadBytes files larger than this are refused before reading
 * @param maxColumns files with more columns than this are refused
 * @param maxUncompressedBytes an XLSX (a zip) whose entries expand past this is refused as a zip bomb
 * @param memoryLimit DuckDB's memory limit, e.g. {@code "2GB"}
 * @param threads worker threads for DuckDB and the enrichment
 */
public record EngineOptions(
    Path dataDir,
    DistrictIndex districts,
    int h3Resolution,
    long maxUploadBytes,
    int maxColumns,
    long maxUncompressedBytes,
    String memoryLimit,
    int threads) {

  public static EngineOptions defaults(Path dataDir, DistrictIndex districts) {
    return new EngineOptions(
        dataDir,
        districts,
        9,
        512L * 1024 * 1024,
        1024,
        1024L * 1024 * 1024,
        "2GB",
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public EngineOptions withMaxUploadBytes(long bytes) {
    return new EngineOptions(dataDir, districts, h3Resolution, bytes, maxColumns, maxUncompressedBytes, memoryLimit, threads);
  }

  public EngineOptions withMaxColumns(int columns) {
    return new EngineOptions(dataDir, districts, h3Resolution, maxUploadBytes, columns, maxUncompressedBytes, memoryLimit, threads);
  }
}
