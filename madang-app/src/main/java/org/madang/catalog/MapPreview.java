package org.madang.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.madang.engine.ColumnRole;
import org.madang.engine.SpatialInfo;

/**
 * What the dataset page's map draws over the district boundaries, and where the browser fetches it: located rows
 * as points, geometries as GeoJSON, or row counts per district. The URLs are page URLs (session sign-in counts),
 * not {@code /api}, whose chain is stateless.
 *
 * @param kind {@code points}, {@code geometries} or {@code districts}
 * @param dataUrl the rows or GeoJSON to fetch
 * @param latField the latitude field of fetched rows (points), else null
 * @param lonField the longitude field of fetched rows (points), else null
 * @param labelField the field named in a point's popup (points), or null when there is no good one
 * @param districtField the district code field of fetched rows (districts), else null
 * @param styleField a field whose values choose each feature's colour (analysis results: hot spot class, facility
 *     role, cluster, density class, bus route), else null
 */
record MapPreview(String kind, String dataUrl, String latField, String lonField, String labelField, String districtField, String styleField) {

  /** Points fetched for the map, at most (the engine's page limit). */
  static final int MAX_POINTS = 32_000;

  /** Columns that analyses write to say how a feature is classed; the first one a version has colours its map. */
  static final List<String> STYLE_COLUMNS = List.of("hotspot_class", "facility_role", "cluster", "density_class", "bus_route");

  /** The map of a version, if it is located at all. */
  static Optional<MapPreview> of(Dataset dataset, DatasetVersion version) {
    if (version == null || version.spatial() == null) {
      return Optional.empty();
    }
    SpatialInfo spatial = version.spatial();
    String base = "/datasets/" + dataset.name();
    String style = findStyleColumn(version.columns()).orElse(null);
    return switch (spatial.kind()) {
      case POINTS -> {
        String label = findLabelColumn(version.columns()).orElse(null);
        String fields = spatial.latColumn() + "," + spatial.lonColumn() + (label == null ? "" : "," + label) + (style == null ? "" : "," + style);
        yield Optional.of(new MapPreview("points", base + "/rows?fields=" + fields + "&limit=" + MAX_POINTS,
            spatial.latColumn(), spatial.lonColumn(), label, null, style));
      }
      case GEOMETRIES -> Optional.of(new MapPreview("geometries", base + "/download?format=geojson", null, null, null, null, style));
      case DISTRICTS -> version.columns().stream().filter(c -> c.role() == ColumnRole.DISTRICT).findFirst()
          .map(c -> new MapPreview("districts", base + "/rows?fields=" + c.name() + "&limit=" + MAX_POINTS, null, null, null, c.name(), null));
    };
  }

  /** The analysis class column of a version, if it has one. */
  static Optional<String> findStyleColumn(List<DatasetColumn> columns) {
    for (String name : STYLE_COLUMNS) {
      if (columns.stream().anyMatch(c -> c.role() == ColumnRole.DATA && c.name().equals(name))) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /**
   * The column that names a row best: a text column whose header says name (이름, 명, name), else the first text
   * column of the source.
   */
  static Optional<String> findLabelColumn(List<DatasetColumn> columns) {
    List<DatasetColumn> text = columns.stream()
        .filter(c -> c.role() == ColumnRole.DATA && c.type() != null && c.type().toUpperCase(Locale.ROOT).startsWith("VARCHAR"))
        .toList();
    return text.stream().filter(c -> namesSomething(c.label()) || namesSomething(c.name())).findFirst()
        .or(() -> text.stream().findFirst()).map(DatasetColumn::name);
  }

  private static boolean namesSomething(String header) {
    if (header == null) {
      return false;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    return h.endsWith("명") || h.contains("이름") || h.contains("명칭") || h.contains("name") || h.endsWith("_nm") || h.equals("nm");
  }
}
