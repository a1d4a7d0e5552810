package org.madang.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.engine.Column;
import org.madang.engine.ColumnProfile;
import org.madang.engine.ColumnRole;
import org.madang.engine.SpatialInfo;
import org.madang.engine.StagedVersion;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Catalog metadata in the metadata database (H2 or PostgreSQL). Callers hold the transaction. */
@Repository
public class CatalogRepository {

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String DATASET_COLUMNS =
      "d.id, d.name, d.sql_name, d.title_ko, d.title_en, d.description_ko, d.description_en, d.organization_id, d.license, "
          + "d.update_frequency, d.source, d.source_url, d.access_level, d.temporal_start, d.temporal_end, d.spatial_coverage, "
          + "d.synthetic, d.current_version, d.created_at, d.updated_at";

  private final JdbcClient jdbc;

  CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ---- organizations

  public List<Organization> listOrganizations() {
    return jdbc.sql("SELECT id, name, title_ko, title_en, description_ko, description_en, kind FROM organizations ORDER BY name")
        .query(CatalogRepository::organization).list();
  }

  public Optional<Organization> findOrganization(String name) {
    return jdbc.sql("SELECT id, name, title_ko, title_en, description_ko, description_en, kind FROM organizations WHERE name = ?")
        .param(name).query(CatalogRepository::organization).optional();
  }

  public Organization createOrganization(String name, String titleKo, String titleEn, String descriptionKo, String descriptionEn, String kind) {
    jdbc.sql("INSERT INTO organizations (name, title_ko, title_en, description_ko, description_en, kind, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(name, titleKo, titleEn, descriptionKo, descriptionEn, kind, now())
        .update();
    return findOrganization(name).orElseThrow();
  }

  private static Organization organization(ResultSet rs, int n) throws SQLException {
    return new Organization(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));
  }

  // ---- datasets

  public List<Dataset> listDatasets() {
    Map<Long, Organization> orgs = new HashMap<>();
    listOrganizations().forEach(o -> orgs.put(o.id(), o));
    Map<Long, List<String>> tags = new HashMap<>();
    jdbc.sql("SELECT dataset_id, tag FROM dataset_tags ORDER BY tag").query(rs -> {
      tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
    });
    return jdbc.sql("SELECT " + DATASET_COLUMNS + " FROM datasets d ORDER BY d.name")
        .query((rs, n) -> dataset(rs, orgs, tags)).list();
  }

  public Optional<Dataset> findDataset(String name) {
    Optional<Long> id = jdbc.sql("SELECT id FROM datasets WHERE name = ?").param(name).query(Long.class).optional();
    return id.map(this::getDataset);
  }

  /** Who created a dataset (a username), if recorded. */
  Optional<String> findCreator(long datasetId) {
    return jdbc.sql("SELECT created_by FROM datasets WHERE id = ?").param(datasetId).query(String.class).optional();
  }

  boolean existsSqlName(String sqlName) {
    return jdbc.sql("SELECT COUNT(*) FROM datasets WHERE sql_name = ?").param(sqlName).query(Long.class).single() > 0;
  }

  Dataset getDataset(long id) {
    Map<Long, Organization> orgs = new HashMap<>();
    listOrganizations().forEach(o -> orgs.put(o.id(), o));
    Map<Long, List<String>> tags = new HashMap<>();
    tags.put(id, jdbc.sql("SELECT tag FROM dataset_tags WHERE dataset_id = ? ORDER BY tag").param(id).query(String.class).list());
    return jdbc.sql("SELECT " + DATASET_COLUMNS + " FROM datasets d WHERE d.id = ?").param(id)
        .query((rs, n) -> dataset(rs, orgs, tags)).single();
  }

  long insertDataset(DatasetSpec spec, String sqlName, long organizationId, String actor) {
    OffsetDateTime now = now();
    jdbc.sql("INSERT INTO datasets (name, sql_name, title_ko, title_en, description_ko, description_en, organization_id, license, "
            + "update_frequency, source, source_url, access_level, temporal_start, temporal_end, spatial_coverage, synthetic, created_by, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(spec.name(), sqlName, spec.titleKo(), spec.titleEn(), spec.descriptionKo(), spec.descriptionEn(), organizationId,
            spec.license(), spec.updateFrequency(), spec.source(), spec.sourceUrl(),
            (spec.access() == null ? AccessLevel.PUBLIC : spec.access()).code(), spec.temporalStart(), spec.temporalEnd(),
            spec.spatialCoverage(), Boolean.TRUE.equals(spec.synthetic()), actor, now, now)
        .update();
    long id = jdbc.sql("SELECT id FROM datasets WHERE name = ?").param(spec.name()).query(Long.class).single();
    replaceTags(id, spec.tags());
    return id;
  }

  void updateDataset(long id, DatasetSpec spec, Long organizationId) {
    Dataset d = getDataset(id);
    jdbc.sql("UPDATE datasets SET title_ko = ?, title_en = ?, description_ko = ?, description_en = ?, organization_id = ?, license = ?, "
            + "update_frequency = ?, source = ?, source_url = ?, access_level = ?, temporal_start = ?, temporal_end = ?, "
            + "spatial_coverage = ?, synthetic = ?, updated_at = ? WHERE id = ?")
        .params(or(spec.titleKo(), d.titleKo()), or(spec.titleEn(), d.titleEn()), or(spec.descriptionKo(), d.descriptionKo()),
            or(spec.descriptionEn(), d.descriptionEn()), organizationId == null ? d.organization().id() : organizationId,
            or(spec.license(), d.license()), or(spec.updateFrequency(), d.updateFrequency()), or(spec.source(), d.source()),
            or(spec.sourceUrl(), d.sourceUrl()), (spec.access() == null ? d.access() : spec.access()).code(),
            or(spec.temporalStart(), d.temporalStart()), or(spec.temporalEnd(), d.temporalEnd()),
            or(spec.spatialCoverage(), d.spatialCoverage()), spec.synthetic() == null ? d.synthetic() : spec.synthetic(), now(), id)
        .update();
    if (spec.tags() != null) {
      replaceTags(id, spec.tags());
    }
  }

  private void replaceTags(long id, List<String> tags) {
    jdbc.sql("DELETE FROM dataset_tags WHERE dataset_id = ?").param(id).update();
    if (tags == null) {
      return;
    }
    tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct()
        .forEach(t -> jdbc.sql("INSERT INTO dataset_tags (dataset_id, tag) VALUES (?, ?)").params(id, t).update());
  }

  void setCurrentVersion(long datasetId, Integer version) {
    jdbc.sql("UPDATE datasets SET current_version = ?, updated_at = ? WHERE id = ?").params(version, now(), datasetId).update();
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static Dataset dataset(ResultSet rs, Map<Long, Organization> orgs, Map<Long, List<String>> tags) throws SQLException {
    long id = rs.getLong(1);
    return new Dataset(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
        orgs.get(rs.getLong(8)), List.copyOf(tags.getOrDefault(id, List.of())), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), AccessLevel.fromCode(rs.getString(13)), rs.getObject(14, LocalDate.class), rs.getObject(15, LocalDate.class),
        rs.getString(16), rs.getBoolean(17), (Integer) rs.getObject(18, Integer.class), rs.getObject(19, OffsetDateTime.class),
        rs.getObject(20, OffsetDateTime.class));
  }

  // ---- versions

  int nextVersionNumber(long datasetId) {
    Integer max = jdbc.sql("SELECT MAX(version) FROM dataset_versions WHERE dataset_id = ?").param(datasetId).query(Integer.class).single();
    return max == null ? 1 : max + 1;
  }

  /** Records a staged version with its columns and profile. */
  long insertVersion(long datasetId, StagedVersion staged, long fileBytes, String fileName, String actor) {
    SpatialInfo s = staged.spatial();
    jdbc.sql("INSERT INTO dataset_versions (dataset_id, version, table_name, row_count, format, encoding, delimiter, file_name, file_bytes, "
            + "spatial_kind, lat_column, lon_column, geometry_column, min_lon, min_lat, max_lon, max_lat, located_rows, missing_location, "
            + "outside_area, warnings, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(datasetId, staged.version(), staged.tableName(), staged.rowCount(), staged.report().format().name(),
            staged.report().encoding(), staged.report().delimiter(), fileName, fileBytes,
            s == null ? null : s.kind().name(), s == null ? null : s.latColumn(), s == null ? null : s.lonColumn(),
            s == null ? null : s.geometryColumn(), s == null ? null : finite(s.minLon()), s == null ? null : finite(s.minLat()),
            s == null ? null : finite(s.maxLon()), s == null ? null : finite(s.maxLat()), s == null ? null : s.locatedRows(),
            s == null ? null : s.missingLocation(), s == null ? null : s.outsideArea(),
            JSON.writeValueAsString(staged.report().warnings()), actor, now())
        .update();
    long versionId = jdbc.sql("SELECT id FROM dataset_versions WHERE dataset_id = ? AND version = ?")
        .params(datasetId, staged.version()).query(Long.class).single();
    Map<String, ColumnProfile> profiles = new HashMap<>();
    staged.profile().forEach(p -> profiles.put(p.column(), p));
    int position = 0;
    for (Column c : staged.columns()) {
      ColumnProfile p = profiles.get(c.name());
      jdbc.sql("INSERT INTO dataset_columns (version_id, position, name, label, data_type, role, null_count, distinct_estimate, min_value, "
              + "max_value, top_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(versionId, position++, c.name(), c.label(), c.type(), c.role().name(),
              p == null ? null : p.nulls(), p == null ? null : p.distinctEstimate(), p == null ? null : clip(p.min()),
              p == null ? null : clip(p.max()), p == null ? null : clipJson(p.topValues()))
          .update();
    }
    return versionId;
  }

  public List<DatasetVersion> listVersions(long datasetId) {
    return jdbc.sql("SELECT id FROM dataset_versions WHERE dataset_id = ? ORDER BY version DESC").param(datasetId)
        .query(Long.class).list().stream().map(this::getVersion).toList();
  }

  public Optional<DatasetVersion> findVersion(long datasetId, int version) {
    return jdbc.sql("SELECT id FROM dataset_versions WHERE dataset_id = ? AND version = ?").params(datasetId, version)
        .query(Long.class).optional().map(this::getVersion);
  }

  void markVersionRemoved(long versionId) {
    jdbc.sql("UPDATE dataset_versions SET removed_at = ? WHERE id = ?").params(now(), versionId).update();
  }

  DatasetVersion getVersion(long versionId) {
    List<DatasetColumn> columns = jdbc.sql("SELECT position, name, label, data_type, role, null_count, distinct_estimate, min_value, max_value, "
            + "top_values FROM dataset_columns WHERE version_id = ? ORDER BY position")
        .param(versionId)
        .query((rs, n) -> new DatasetColumn(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), ColumnRole.valueOf(rs.getString(5)),
            (Long) rs.getObject(6, Long.class), (Long) rs.getObject(7, Long.class), rs.getString(8), rs.getString(9), topValues(rs.getString(10))))
        .list();
    return jdbc.sql("SELECT id, version, table_name, row_count, format, encoding, delimiter, file_name, file_bytes, spatial_kind, lat_column, "
            + "lon_column, geometry_column, min_lon, min_lat, max_lon, max_lat, located_rows, missing_location, outside_area, warnings, "
            + "created_by, created_at, removed_at FROM dataset_versions WHERE id = ?")
        .param(versionId)
        .query((rs, n) -> {
          SpatialInfo spatial = rs.getString(10) == null ? null : new SpatialInfo(SpatialInfo.Kind.valueOf(rs.getString(10)), rs.getString(11),
              rs.getString(12), rs.getString(13), nan(rs, 14), nan(rs, 15), nan(rs, 16), nan(rs, 17), rs.getLong(18), rs.getLong(19), rs.getLong(20));
          List<String> warnings = rs.getString(21) == null ? List.of() : JSON.readValue(rs.getString(21), new TypeReference<List<String>>() {});
          return new DatasetVersion(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
              rs.getString(7), rs.getString(8), (Long) rs.getObject(9, Long.class), spatial, warnings, rs.getString(22),
              rs.getObject(23, OffsetDateTime.class), rs.getObject(24, OffsetDateTime.class), columns);
        })
        .single();
  }

  private static double nan(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String clip(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }

  private static String clipJson(List<ColumnProfile.ValueCount> top) {
    List<ColumnProfile.ValueCount> clipped = top.stream().map(v -> new ColumnProfile.ValueCount(clip(v.value()), v.count())).toList();
    String json = JSON.writeValueAsString(clipped);
    return json.length() <= 8000 ? json : JSON.writeValueAsString(clipped.subList(0, Math.min(3, clipped.size())));
  }

  private static List<ColumnProfile.ValueCount> topValues(String json) {
    if (json == null) {
      return List.of();
    }
    return Arrays.asList(JSON.readValue(json, ColumnProfile.ValueCount[].class));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
