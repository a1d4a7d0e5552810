package org.madang.cctv;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One camera of the registry.
 *
 * @param streamUrl the camera's HLS playlist, MJPEG stream or snapshot address; null for a test pattern or a camera
 *     without a stream. Never leaves the server: {@link #toJson()} leaves it out.
 * @param synthetic a demo camera whose position was drawn by {@link DemoCameras}, not a real camera
 * @param lastFrameAt when the newest frame the health check saw was taken (or fetched), null when none was seen
 */
record Camera(
    String id,
    String nameKo,
    String nameEn,
    Purpose purpose,
    double lat,
    double lon,
    String districtCode,
    String organization,
    StreamKind streamKind,
    String streamUrl,
    boolean synthetic,
    Status status,
    String statusDetail,
    OffsetDateTime lastCheckedAt,
    OffsetDateTime lastFrameAt) {

  /** What a camera watches. */
  enum Purpose {
    CRIME_PREVENTION, TRAFFIC, DISASTER, PARKS;

    String code() {
      return Camera.code(this);
    }

    static Purpose fromCode(String code) {
      return byCode(values(), code, "purpose");
    }
  }

  /**
   * How the platform gets pictures of the camera. RTSP is not among them: an RTSP camera needs an external transcoder
   * (e.g. ffmpeg or MediaMTX writing HLS) whose playlist is registered instead.
   */
  enum StreamKind {
    HLS, MJPEG, SNAPSHOT, TEST_PATTERN, NONE;

    String code() {
      return Camera.code(this);
    }

    boolean hasUrl() {
      return this == HLS || this == MJPEG || this == SNAPSHOT;
    }

    /** A still picture can be taken from it (the camera wall's tiles). */
    boolean givesSnapshots() {
      return this == MJPEG || this == SNAPSHOT || this == TEST_PATTERN;
    }

    static StreamKind fromCode(String code) {
      return byCode(values(), code, "stream_kind");
    }
  }

  /** What the last health check found. */
  enum Status {
    ONLINE, STALE, UNREACHABLE, UNKNOWN, NO_STREAM;

    String code() {
      return Camera.code(this);
    }

    static Status fromCode(String code) {
      return byCode(values(), code, "status");
    }
  }

  /** An enum constant's code in files and JSON: its name in lower case with dashes (NO_STREAM → no-stream). */
  private static String code(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant with this code; otherwise an IllegalArgumentException naming the field and every code. */
  private static <E extends Enum<E>> E byCode(E[] values, String code, String field) {
    String wanted = code.strip().toLowerCase(Locale.ROOT);
    for (E e : values) {
      if (code(e).equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException(field + " is one of " + String.join(", ", Arrays.stream(values).map(Camera::code).toList()));
  }

  Camera withStatus(Status newStatus, String detail, OffsetDateTime checkedAt, OffsetDateTime frameAt) {
    return new Camera(id, nameKo, nameEn, purpose, lat, lon, districtCode, organization, streamKind, streamUrl, synthetic, newStatus, detail, checkedAt,
        frameAt);
  }

  /** The camera as every API shows it: where it is and how it is doing, never its stream address. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", nameKo);
    m.put("name_en", nameEn);
    m.put("purpose", purpose.code());
    m.put("lat", lat);
    m.put("lon", lon);
    m.put("district_code", districtCode);
    m.put("organization", organization);
    m.put("stream_kind", streamKind.code());
    m.put("synthetic", synthetic);
    m.put("test_pattern", streamKind == StreamKind.TEST_PATTERN);
    m.put("status", status.code());
    m.put("status_detail", statusDetail);
    m.put("last_checked_at", lastCheckedAt == null ? null : lastCheckedAt.toString());
    m.put("last_frame_at", lastFrameAt == null ? null : lastFrameAt.toString());
    m.put("last_frame_age_s", lastFrameAt == null || lastCheckedAt == null ? null
        : Math.max(0, java.time.Duration.between(lastFrameAt, lastCheckedAt).toSeconds()));
    return m;
  }

  /** Only where the camera is and what it watches: the citizens' view, when camera locations are public. */
  Map<String, Object> toPublicJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", nameKo);
    m.put("name_en", nameEn);
    m.put("purpose", purpose.code());
    m.put("lat", lat);
    m.put("lon", lon);
    m.put("district_code", districtCode);
    m.put("synthetic", synthetic);
    return m;
  }
}
