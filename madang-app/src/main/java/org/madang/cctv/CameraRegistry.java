package org.madang.cctv;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cameras, in table {@code cctv_cameras}. Thread-safe; writes run in the caller's transaction when there is one. */
@Repository
class CameraRegistry {

  private static final String COLUMNS = "id, name_ko, name_en, purpose, lat, lon, district_code, organization, stream_kind, stream_url, synthetic, "
      + "status, status_detail, last_checked_at, last_frame_at";

  private final JdbcClient jdbc;

  CameraRegistry(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Cameras matching every given filter (null: any), by id. */
  List<Camera> listCameras(String districtCode, Camera.Purpose purpose, Camera.Status status) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cctv_cameras WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (districtCode != null) {
      sql.append(" AND district_code = ?");
      params.add(districtCode);
    }
    if (purpose != null) {
      sql.append(" AND purpose = ?");
      params.add(purpose.code());
    }
    if (status != null) {
      sql.append(" AND status = ?");
      params.add(status.code());
    }
    sql.append(" ORDER BY id");
    return jdbc.sql(sql.toString()).params(params).query(CameraRegistry::camera).list();
  }

  Optional<Camera> findCamera(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM cctv_cameras WHERE id = ?").param(id).query(CameraRegistry::camera).optional();
  }

  /** @throws MadangException NOT_FOUND naming the camera */
  Camera getCamera(String id) {
    return findCamera(id).orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no camera '" + id + "'.", Map.of("field", "id")));
  }

  long count() {
    return jdbc.sql("SELECT count(*) FROM cctv_cameras").query(Long.class).single();
  }

  /** Writes a camera, replacing the one with its id (keeping nothing of it but its creation time); returns true when it was new. */
  boolean save(Camera c) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("UPDATE cctv_cameras SET name_ko = ?, name_en = ?, purpose = ?, lat = ?, lon = ?, district_code = ?, organization = ?, "
            + "stream_kind = ?, stream_url = ?, synthetic = ?, status = ?, status_detail = ?, last_checked_at = ?, last_frame_at = ?, updated_at = ? WHERE id = ?")
        .params(c.nameKo(), c.nameEn(), c.purpose().code(), c.lat(), c.lon(), c.districtCode(), c.organization(), c.streamKind().code(), c.streamUrl(),
            c.synthetic(), c.status().code(), c.statusDetail(), c.lastCheckedAt(), c.lastFrameAt(), now, c.id())
        .update();
    if (updated > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO cctv_cameras (" + COLUMNS + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(c.id(), c.nameKo(), c.nameEn(), c.purpose().code(), c.lat(), c.lon(), c.districtCode(), c.organization(), c.streamKind().code(),
            c.streamUrl(), c.synthetic(), c.status().code(), c.statusDetail(), c.lastCheckedAt(), c.lastFrameAt(), now, now)
        .update();
    return true;
  }

  /** Records what a health check found. */
  void updateStatus(String id, Camera.Status status, String detail, OffsetDateTime checkedAt, OffsetDateTime frameAt) {
    jdbc.sql("UPDATE cctv_cameras SET status = ?, status_detail = ?, last_checked_at = ?, last_frame_at = COALESCE(?, last_frame_at) WHERE id = ?")
        .params(status.code(), detail == null || detail.length() <= 500 ? detail : detail.substring(0, 497) + "...", checkedAt, frameAt, id)
        .update();
  }

  private static Camera camera(ResultSet rs, int n) throws SQLException {
    return new Camera(rs.getString(1), rs.getString(2), rs.getString(3), Camera.Purpose.fromCode(rs.getString(4)), rs.getDouble(5), rs.getDouble(6),
        rs.getString(7), rs.getString(8), Camera.StreamKind.fromCode(rs.getString(9)), rs.getString(10), rs.getBoolean(11),
        Camera.Status.fromCode(rs.getString(12)), rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class));
  }
}
