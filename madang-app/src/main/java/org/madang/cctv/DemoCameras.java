package org.madang.cctv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.madang.MadangProperties;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's cameras: synthetic positions drawn inside each district in proportion to the real per-district counts
 * shipped with the demo ({@code demo/seoul/cctv_by_gu_utf8bom.csv}, column 소계, 2016: 29,477 cameras): one camera
 * per {@code madang.cctv.demo-ratio} real ones (100 by default: 297 in all), at least one per district, rounded
 * half up. Points are drawn uniformly inside the district's boundary by rejection from its bounding box, with a
 * {@link Random} seeded by {@link #SEED} and the district code, so every start draws the same cameras. Every one is
 * marked {@code synthetic} and named "(합성)"/"(synthetic)"; the first camera of each district shows the platform's
 * test pattern, the others have no stream. Written once, into an empty registry, when the demo is on.
 */
@Component
class DemoCameras {

  static final long SEED = 20161231L;
  static final String COUNTS = "demo/seoul/cctv_by_gu_utf8bom.csv";
  private static final Logger log = LoggerFactory.getLogger(DemoCameras.class);
  private static final Camera.Purpose[] PURPOSES = {Camera.Purpose.CRIME_PREVENTION, Camera.Purpose.TRAFFIC, Camera.Purpose.DISASTER, Camera.Purpose.PARKS};
  private static final String[] PURPOSE_KO = {"방범", "교통", "재난", "공원"};
  private static final String[] PURPOSE_EN = {"crime-prevention", "traffic", "disaster", "park"};

  private final MadangProperties properties;
  private final DistrictIndex districts;
  private final CameraRegistry registry;
  private final TransactionTemplate transaction;

  DemoCameras(MadangProperties properties, DistrictIndex districts, CameraRegistry registry, PlatformTransactionManager transactions) {
    this.properties = properties;
    this.districts = districts;
    this.registry = registry;
    this.transaction = new TransactionTemplate(transactions);
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  void seedIfEmpty() {
    if (!properties.demo() || registry.count() > 0) {
      return;
    }
    List<Camera> cameras = generate(districts, realCounts(), properties.cctv().demoRatio(), SEED);
    transaction.executeWithoutResult(s -> cameras.forEach(registry::save));
    log.info("Demo: {} synthetic cameras drawn inside the districts (1 per {} real ones)", cameras.size(), properties.cctv().demoRatio());
  }

  /** The real cameras per district name (소계 of the shipped file), in file order. */
  static Map<String, Integer> realCounts() {
    try (InputStream in = new ClassPathResource(COUNTS).getInputStream()) {
      String text = CameraFile.decode(in.readAllBytes());
      Map<String, Integer> counts = new LinkedHashMap<>();
      String[] lines = text.split("\\r?\\n");
      for (int i = 1; i < lines.length; i++) {
        String[] cells = lines[i].replace("\"", "").split(",");
        if (cells.length >= 2 && !cells[0].isBlank()) {
          counts.put(cells[0].strip(), Integer.parseInt(cells[1].strip()));
        }
      }
      return counts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many synthetic cameras a district with this many real ones gets. */
  static int scaled(int real, int ratio) {
    return Math.max(1, (int) Math.round(real / (double) ratio));
  }

  /** The synthetic cameras for these counts; a district name the index does not know is skipped. */
  static List<Camera> generate(DistrictIndex index, Map<String, Integer> counts, int ratio, long seed) {
    GeometryFactory geometry = new GeometryFactory();
    List<Camera> cameras = new ArrayList<>();
    counts.forEach((name, real) -> {
      District d = index.findByName(name).orElse(null);
      if (d == null) {
        log.warn("Demo cameras: district {} is not among the city's districts", name);
        return;
      }
      PreparedGeometry inside = PreparedGeometryFactory.prepare(d.boundary());
      Envelope box = d.boundary().getEnvelopeInternal();
      Random random = new Random(seed ^ Long.parseLong(d.code()));
      int n = scaled(real, ratio);
      for (int k = 1; k <= n; k++) {
        double lon;
        double lat;
        do {
          lon = box.getMinX() + random.nextDouble() * box.getWidth();
          lat = box.getMinY() + random.nextDouble() * box.getHeight();
        } while (!inside.contains(geometry.createPoint(new Coordinate(lon, lat))));
        double p = random.nextDouble();
        int purpose = p < 0.7 ? 0 : p < 0.85 ? 1 : p < 0.95 ? 2 : 3;
        boolean pattern = k == 1;
        cameras.add(new Camera(String.format("demo-%s-%03d", d.code(), k),
            d.name() + " " + PURPOSE_KO[purpose] + " CCTV " + k + " (합성)",
            d.nameEn() + " " + PURPOSE_EN[purpose] + " camera " + k + " (synthetic)",
            PURPOSES[purpose], Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6, d.code(), "safety",
            pattern ? Camera.StreamKind.TEST_PATTERN : Camera.StreamKind.NONE, null, true,
            pattern ? Camera.Status.UNKNOWN : Camera.Status.NO_STREAM, null, null, null));
      }
    });
    return cameras;
  }
}
