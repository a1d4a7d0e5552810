package org.madang.analytics.geo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Finds the district that contains a point, and a district by name.
 *
 * <p>Point look-ups go through a JTS {@link STRtree} of prepared boundaries. In front of it sits a coarse raster of the
 * city's extent: a raster cell that lies wholly inside one district answers at once, so only points near a boundary
 * pay for a polygon test, and a boundary cell knows which districts reach into it, so that test asks only those (each
 * through its own {@link IndexedPointInAreaLocator}, a third of the cost of the tree and prepared geometry). Immutable
 * and safe for concurrent use once built.
 */
public final class DistrictIndex {

  private static final int RASTER_SIZE = 512;
  private static final short UNRESOLVED = -1;
  private static final short OUTSIDE = -2;
  /** Raster values from this one down name a boundary cell's list of candidates: list {@code FIRST_LIST - value}. */
  private static final short FIRST_LIST = -3;

  private final List<District> districts;
  private final PreparedGeometry[] prepared;
  private final IndexedPointInAreaLocator[] locators;
  /** For boundary cells: the districts whose area reaches into the cell, in ascending order. */
  private final List<int[]> candidateLists = new ArrayList<>();
  private final STRtree tree = new STRtree();
  private final Map<String, District> byName = new HashMap<>();
  private final Map<String, District> byCode = new HashMap<>();
  private final Envelope bounds;
  private final short[] raster = new short[RASTER_SIZE * RASTER_SIZE];
  private final double cellWidth;
  private final double cellHeight;
  private final GeometryFactory geometryFactory = new GeometryFactory();

  private DistrictIndex(List<District> districts) {
    if (districts.isEmpty()) {
      throw new IllegalArgumentException("a district index needs at least one district");
    }
    if (districts.size() > Short.MAX_VALUE) {
      throw new IllegalArgumentException("too many districts for one index: " + districts.size());
    }
    this.districts = List.copyOf(districts);
    this.prepared = new PreparedGeometry[districts.size()];
    this.locators = new IndexedPointInAreaLocator[districts.size()];
    Envelope all = new Envelope();
    for (int i = 0; i < districts.size(); i++) {
      District d = districts.get(i);
      prepared[i] = PreparedGeometryFactory.prepare(d.boundary());
      locators[i] = new IndexedPointInAreaLocator(d.boundary());
      tree.insert(d.boundary().getEnvelopeInternal(), i);
      all.expandToInclude(d.boundary().getEnvelopeInternal());
      byCode.put(d.code(), d);
      for (String key : nameKeys(d)) {
        byName.putIfAbsent(key, d);
      }
    }
    tree.build();
    this.bounds = all;
    this.cellWidth = all.getWidth() / RASTER_SIZE;
    this.cellHeight = all.getHeight() / RASTER_SIZE;
    fillRaster();
  }

  /** Builds an index over the given districts; codes must be unique. */
  public static DistrictIndex of(List<District> districts) {
    return new DistrictIndex(districts);
  }

  /** All districts, in the order given at construction. */
  public List<District> listDistricts() {
    return districts;
  }

  /** The bounding box of all districts (longitude = x, latitude = y). */
  public Envelope bounds() {
    return new Envelope(bounds);
  }

  /**
   * The position (in {@link #listDistricts()}) of the district containing the point, or -1 when it lies outside
   * every district. Points exactly on a shared boundary go to the first district that covers them.
   */
  public int indexOf(double lon, double lat) {
    if (!(lon >= bounds.getMinX() && lon <= bounds.getMaxX() && lat >= bounds.getMinY() && lat <= bounds.getMaxY())) {
      return -1;
    }
    int cx = Math.min(RASTER_SIZE - 1, (int) ((lon - bounds.getMinX()) / cellWidth));
    int cy = Math.min(RASTER_SIZE - 1, (int) ((lat - bounds.getMinY()) / cellHeight));
    short hit = raster[cy * RASTER_SIZE + cx];
    if (hit >= 0) {
      return hit;
    }
    if (hit == OUTSIDE) {
      return -1;
    }
    if (hit <= FIRST_LIST) {
      Coordinate c = new Coordinate(lon, lat);
      for (int i : candidateLists.get(FIRST_LIST - hit)) {
        if (locators[i].locate(c) != Location.EXTERIOR) {
          return i;
        }
      }
      return -1;
    }
    return locateExactly(lon, lat);
  }

  /** The district containing the point, if any. */
  public Optional<District> findContaining(double lon, double lat) {
    int i = indexOf(lon, lat);
    return i < 0 ? Optional.empty() : Optional.of(districts.get(i));
  }

  /**
   * The district with this name, in the local language or English, ignoring case, spaces and a trailing
   * "-gu"/"구" suffix difference (so "Jongno-gu", "jongno" and "종로구" all match).
   */
  public Optional<District> findByName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byName.get(normalize(name)));
  }

  /** The district with this code, if any. */
  public Optional<District> findByCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  private int locateExactly(double lon, double lat) {
    Point p = geometryFactory.createPoint(new Coordinate(lon, lat));
    @SuppressWarnings("unchecked")
    List<Integer> candidates = tree.query(new Envelope(lon, lon, lat, lat));
    int best = Integer.MAX_VALUE;
    for (int i : candidates) {
      if (i < best && prepared[i].covers(p)) {
        best = i;
      }
    }
    return best == Integer.MAX_VALUE ? -1 : best;
  }

  private void fillRaster() {
    for (int cy = 0; cy < RASTER_SIZE; cy++) {
      for (int cx = 0; cx < RASTER_SIZE; cx++) {
        double x0 = bounds.getMinX() + cx * cellWidth;
        double y0 = bounds.getMinY() + cy * cellHeight;
        Envelope cell = new Envelope(x0, x0 + cellWidth, y0, y0 + cellHeight);
        raster[cy * RASTER_SIZE + cx] = classify(cell);
      }
    }
  }

  private short classify(Envelope cell) {
    @SuppressWarnings("unchecked")
    List<Integer> candidates = tree.query(cell);
    if (candidates.isEmpty()) {
      return OUTSIDE;
    }
    var box = geometryFactory.toGeometry(cell);
    List<Integer> touching = new ArrayList<>();
    for (int i : candidates) {
      if (prepared[i].containsProperly(box)) {
        return (short) i;
      }
      if (prepared[i].intersects(box)) {
        touching.add(i);
      }
    }
    if (touching.isEmpty()) {
      return OUTSIDE;
    }
    if (FIRST_LIST - candidateLists.size() < Short.MIN_VALUE) {
      return UNRESOLVED; // more boundary cells than list numbers: the tree answers the rest
    }
    candidateLists.add(touching.stream().mapToInt(Integer::intValue).sorted().toArray());
    return (short) (FIRST_LIST - (candidateLists.size() - 1));
  }

  private static List<String> nameKeys(District d) {
    List<String> keys = new ArrayList<>();
    for (String n : new String[] {d.name(), d.nameEn()}) {
      if (n == null || n.isBlank()) {
        continue;
      }
      String k = normalize(n);
      keys.add(k);
      String stripped = stripSuffix(k);
      if (!stripped.equals(k)) {
        keys.add(stripped);
      }
    }
    return Collections.unmodifiableList(keys);
  }

  private static String normalize(String name) {
    String k = name.strip().toLowerCase(Locale.ROOT).replace(" ", "");
    return stripSuffix(k);
  }

  private static String stripSuffix(String k) {
    if (k.endsWith("-gu") && k.length() > 3) {
      return k.substring(0, k.length() - 3);
    }
    if (k.endsWith("gu") && k.length() > 4 && k.chars().allMatch(c -> c < 128)) {
      return k.substring(0, k.length() - 2);
    }
    if (k.endsWith("구") && k.length() > 2) {
      return k.substring(0, k.length() - 1);
    }
    return k;
  }
}
