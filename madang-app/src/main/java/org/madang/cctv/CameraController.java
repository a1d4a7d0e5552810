package org.madang.cctv;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Point;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.observation.LatestReading;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The camera registry and video access over HTTP. Machine clients use {@code /api/cctv/...} (HTTP Basic or a token);
 * the dashboard uses the same answers under {@code /office/cctv/...} with its session (the security configuration
 * admits only officials and admins there) and {@code /public/cctv/cameras} for the citizens' view.
 *
 * <ul>
 *   <li>{@code GET /api/cctv/cameras?district=&purpose=&status=} (JSON, or GeoJSON with {@code format=geojson} or
 *       {@code Accept: application/geo+json}); officials and admins see status, others only locations and only when
 *       {@code madang.cctv.public-locations} is on.
 *   <li>{@code GET /api/cctv/cameras/{id}}, {@code POST /api/cctv/cameras}, {@code PUT /api/cctv/cameras/{id}},
 *       {@code POST /api/cctv/cameras/import} (a CSV or GeoJSON file, all or nothing): officials and admins.
 *   <li>{@code GET /api/cctv/nearest?lat=&lon=} or {@code ?feed=&station=&district=} (an alert's place).
 *   <li>{@code POST /api/cctv/cameras/{id}/views {"reason": "..."}}: signed video links for an official, audited as
 *       {@code cctv.view}; anyone else gets 403, audited as {@code cctv.view.refused}.
 * </ul>
 */
@RestController
class CameraController {

  private static final double EARTH_RADIUS_M = 6_371_008.8;

  private final CameraRegistry registry;
  private final CameraFile files;
  private final SignedLinks links;
  private final AuditTrail audit;
  private final DistrictIndex districts;
  private final DataEngine engine;
  private final TransactionTemplate transaction;
  private final MadangProperties.Cctv settings;

  CameraController(CameraRegistry registry, StreamClient streams, SignedLinks links, AuditTrail audit, DistrictIndex districts, DataEngine engine,
      CatalogRepository catalog, PlatformTransactionManager transactions, MadangProperties properties) {
    this.registry = registry;
    this.files = new CameraFile(districts, streams, name -> catalog.findOrganization(name).isPresent());
    this.links = links;
    this.audit = audit;
    this.districts = districts;
    this.engine = engine;
    this.transaction = new TransactionTemplate(transactions);
    this.settings = properties.cctv();
  }

  static boolean mayWatch(Viewer viewer) {
    return viewer.has(Role.OFFICIAL) || viewer.isAdmin();
  }

  // ---------- the registry ----------

  @GetMapping({"/api/cctv/cameras", "/office/cctv/cameras"})
  ResponseEntity<Map<String, Object>> list(
      @RequestParam(required = false) String district,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String format,
      @RequestHeader(name = "Accept", required = false) String accept) {
    Viewer viewer = Viewer.current();
    boolean full = mayWatch(viewer);
    if (!full && !settings.publicLocations()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Camera locations are shown to officials only here (madang.cctv.public-locations).",
          Map.of("field", "cameras"));
    }
    return answer(filtered(district, purpose, status), full, format, accept);
  }

  @GetMapping("/public/cctv/cameras")
  ResponseEntity<Map<String, Object>> listPublic(@RequestParam(required = false) String district) {
    if (!settings.publicLocations()) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Camera locations are not public on this platform.", Map.of("field", "cameras"));
    }
    return answer(filtered(district, null, null), false, "geojson", null);
  }

  private List<Camera> filtered(String district, String purpose, String status) {
    Camera.Purpose p = null;
    Camera.Status s = null;
    try {
      p = purpose == null || purpose.isBlank() ? null : CameraFile.purpose(purpose);
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + purpose + "' is not a purpose; " + e.getMessage() + ".", Map.of("field", "purpose"));
    }
    try {
      s = status == null || status.isBlank() ? null : Camera.Status.fromCode(status);
    } catch (IllegalArgumentException e) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + status + "' is not a status; " + e.getMessage() + ".", Map.of("field", "status"));
    }
    return registry.listCameras(district == null || district.isBlank() ? null : district.strip(), p, s);
  }

  private static ResponseEntity<Map<String, Object>> answer(List<Camera> cameras, boolean full, String format, String accept) {
    boolean geo = "geojson".equalsIgnoreCase(format) || (accept != null && accept.contains("application/geo+json") && !accept.startsWith("application/json"));
    Map<String, Object> body = new LinkedHashMap<>();
    if (geo) {
      body.put("type", "FeatureCollection");
      body.put("features", cameras.stream().map(c -> feature(c, full ? c.toJson() : c.toPublicJson())).toList());
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json")).body(body);
    }
    body.put("cameras", cameras.stream().map(c -> full ? c.toJson() : c.toPublicJson()).toList());
    return ResponseEntity.ok(body);
  }

  private static Map<String, Object> feature(Camera c, Map<String, Object> properties) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "Feature");
    f.put("id", c.id());
    f.put("geometry", Map.of("type", "Point", "coordinates", List.of(c.lon(), c.lat())));
    f.put("properties", properties);
    return f;
  }

  @GetMapping({"/api/cctv/cameras/{id}", "/office/cctv/cameras/{id}"})
  Map<String, Object> get(@PathVariable String id) {
    requireOfficial("read camera details");
    return registry.getCamera(id).toJson();
  }

  @PostMapping({"/api/cctv/cameras", "/office/cctv/cameras"})
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    requireOfficial("register cameras");
    Camera camera = files.one(text(body));
    transaction.executeWithoutResult(s -> {
      if (registry.findCamera(camera.id()).isPresent()) {
        throw new MadangException(ErrorCode.CONFLICT, "Camera '" + camera.id() + "' exists; change it with PUT.", Map.of("field", "id"));
      }
      registry.save(camera);
      audit.record(Viewer.current().username(), "cctv.camera.create", "camera", camera.id(), null);
    });
    return ResponseEntity.status(HttpStatus.CREATED).body(registry.getCamera(camera.id()).toJson());
  }

  @PutMapping({"/api/cctv/cameras/{id}", "/office/cctv/cameras/{id}"})
  Map<String, Object> replace(@PathVariable String id, @RequestBody Map<String, Object> body) {
    requireOfficial("change cameras");
    Map<String, String> fields = text(body);
    if (fields.get("id") != null && !fields.get("id").equals(id)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The body's id differs from the address's.", Map.of("field", "id"));
    }
    fields.put("id", id);
    Camera camera = files.one(fields);
    transaction.executeWithoutResult(s -> {
      registry.getCamera(id);
      registry.save(camera);
      audit.record(Viewer.current().username(), "cctv.camera.update", "camera", id, null);
    });
    return registry.getCamera(id).toJson();
  }

  /** A CSV or GeoJSON file (multipart field {@code file}); every camera or none. Cameras with an existing id are replaced. */
  @PostMapping(path = {"/api/cctv/cameras/import", "/office/cctv/cameras/import"}, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> importFile(@RequestPart("file") MultipartFile file) throws IOException {
    requireOfficial("import cameras");
    if (file.getSize() > 50L << 20) {
      throw new MadangException(ErrorCode.FILE_TOO_LARGE, "A camera file may be at most 50 MB.", Map.of("field", "file"));
    }
    List<Camera> cameras = files.read(file.getOriginalFilename(), file.getBytes());
    int[] created = {0};
    transaction.executeWithoutResult(s -> {
      for (Camera c : cameras) {
        if (registry.save(c)) {
          created[0]++;
        }
      }
      audit.record(Viewer.current().username(), "cctv.camera.import", "camera", file.getOriginalFilename(), cameras.size() + " cameras");
    });
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("imported", cameras.size());
    body.put("created", created[0]);
    body.put("replaced", cameras.size() - created[0]);
    return body;
  }

  private static Map<String, String> text(Map<String, Object> body) {
    Map<String, String> m = new LinkedHashMap<>();
    body.forEach((k, v) -> m.put(k, v == null ? null : String.valueOf(v)));
    return m;
  }

  private static void requireOfficial(String what) {
    if (!mayWatch(Viewer.current())) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only officials and admins may " + what + ".", Map.of("field", "role"));
    }
  }

  // ---------- the nearest cameras ----------

  /**
   * The cameras nearest a place, nearest first, each with its distance and whether it lies in the place's district:
   * given by {@code lat}/{@code lon}, or as an alert gives it ({@code feed}, {@code station}, {@code district}): the
   * station's last known position, else the district's centre (an interior point of its boundary).
   */
  @GetMapping({"/api/cctv/nearest", "/office/cctv/nearest"})
  Map<String, Object> nearest(
      @RequestParam(required = false) Double lat,
      @RequestParam(required = false) Double lon,
      @RequestParam(required = false) String feed,
      @RequestParam(required = false) String station,
      @RequestParam(required = false) String district,
      @RequestParam(required = false) Integer limit) {
    requireOfficial("see which cameras cover a place");
    int n = limit == null ? settings.alertCameras() : limit;
    if (n < 1 || n > 50) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'limit' is 1 to 50.", Map.of("field", "limit"));
    }
    String placedBy;
    if (lat != null && lon != null) {
      placedBy = "point";
    } else {
      LatestReading reading = feed == null || station == null ? null
          : engine.observations().listLatest(feed).stream().filter(r -> r.station().equals(station) && r.lat() != null && r.lon() != null).findFirst()
              .orElse(null);
      if (reading != null) {
        lat = reading.lat();
        lon = reading.lon();
        if (district == null) {
          district = reading.districtCode();
        }
        placedBy = "station";
      } else if (district != null && districts.findByCode(district).isPresent()) {
        Point centre = districts.findByCode(district).get().boundary().getInteriorPoint();
        lat = centre.getY();
        lon = centre.getX();
        placedBy = "district";
      } else {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Give lat and lon, a feed and station with a known position, or a district code.",
            Map.of("field", "lat"));
      }
    }
    double atLat = lat;
    double atLon = lon;
    String inDistrict = district;
    record Near(Camera camera, double distance) {}
    List<Near> near = new ArrayList<>();
    for (Camera c : registry.listCameras(null, null, null)) {
      near.add(new Near(c, distanceMeters(atLat, atLon, c.lat(), c.lon())));
    }
    near.sort(Comparator.comparingDouble(Near::distance));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Near x : near.subList(0, Math.min(n, near.size()))) {
      Map<String, Object> m = x.camera().toJson();
      m.put("distance_m", Math.round(x.distance()));
      m.put("in_district", inDistrict != null && inDistrict.equals(x.camera().districtCode()));
      out.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lat", atLat);
    body.put("lon", atLon);
    body.put("placed_by", placedBy);
    body.put("district_code", inDistrict);
    body.put("in_district", inDistrict == null ? 0 : near.stream().filter(x -> inDistrict.equals(x.camera().districtCode())).count());
    body.put("cameras", out);
    return body;
  }

  static double distanceMeters(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  // ---------- video ----------

  /**
   * Signed links to a camera's video for an official who says why (audited as {@code cctv.view} with the reason);
   * anyone else gets 403, and the refusal is audited as {@code cctv.view.refused}.
   */
  @PostMapping({"/api/cctv/cameras/{id}/views", "/office/cctv/cameras/{id}/views"})
  ResponseEntity<Map<String, Object>> view(@PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
    Viewer viewer = Viewer.current();
    String reason = body == null || body.get("reason") == null ? "" : String.valueOf(body.get("reason")).strip();
    if (!mayWatch(viewer)) {
      audit.record(viewer.username(), "cctv.view.refused", "camera", id, "roles: " + viewer.roles() + (reason.isEmpty() ? "" : "; reason given: " + reason));
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only officials and admins may see camera video; this request was recorded.",
          Map.of("field", "role"));
    }
    if (reason.isEmpty() || reason.length() > 500) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "Say why you look at this camera (1 to 500 characters); every view is recorded.",
          Map.of("field", "reason"));
    }
    Camera camera = registry.getCamera(id);
    if (camera.streamKind() == Camera.StreamKind.NONE) {
      throw new MadangException(ErrorCode.NOT_FOUND, "Camera " + id + " has no stream.", Map.of("field", "id"));
    }
    Instant expires = links.expiresFromNow();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("camera", id);
    answer.put("stream_kind", camera.streamKind().code());
    answer.put("expires_at", expires.toString());
    answer.put("snapshot", camera.streamKind().givesSnapshots() ? links.link(viewer.username(), id, SignedLinks.Kind.SNAPSHOT, null, expires) : null);
    answer.put("mjpeg", camera.streamKind() == Camera.StreamKind.MJPEG || camera.streamKind() == Camera.StreamKind.TEST_PATTERN
        ? links.link(viewer.username(), id, SignedLinks.Kind.MJPEG, null, expires) : null);
    answer.put("hls", camera.streamKind() == Camera.StreamKind.HLS ? links.link(viewer.username(), id, SignedLinks.Kind.HLS, null, expires) : null);
    audit.record(viewer.username(), "cctv.view", "camera", id, "reason: " + reason);
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }
}
