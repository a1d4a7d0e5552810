package org.madang.analyses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.triangulate.DelaunayTriangulationBuilder;
import org.madang.analytics.geo.H3Binner;
import org.madang.analytics.transit.GravityModel;
import org.madang.analytics.transit.TransitNetwork;
import org.madang.analytics.transit.TripDemand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Seoul night-bus scenario the demo ships: cells, candidate links and <b>synthetic</b> late-night (00–05 h) trips
 * between them, made from real published tables in {@code demo/seoul}. Seoul designed its Owl Bus routes (2013) from
 * late-night phone-call and taxi data that are not public, so the trips here are a model, not a measurement.
 *
 * <ol>
 *   <li><b>Cells.</b> The 424 administrative dongs (representative points, {@code admdong_centroids_latlon.csv}) are
 *       grouped by the H3 resolution-7 cell (about 5 km²) their point falls in: about a hundred cells keep a design
 *       run within seconds on two cores, where 424 dongs would take minutes per run. A cell's stop is the
 *       resident-weighted mean of its dongs' points; it is named after its most populous dong.
 *   <li><b>Residents</b> per dong: 2021 Q2 resident registration ({@code population_by_dong_2021Q2.tsv}, joined on
 *       district and dong name, 제 before a number ignored, · read as .). 항동 (구로구) has no representative point and is left out.
 *   <li><b>Activity</b>: bus stops ({@code bus_stop_locations_cp949.csv}, virtual stops left out) and public-bike
 *       stations ({@code bike_station_info_cp949.csv}) inside Seoul's boundary, each counted at the dong whose point
 *       is nearest.
 *   <li><b>How many trips.</b> Route 100's real boardings by stop and hour (January 2021, {@code
 *       bus_ridership_by_stop_hour_202101_sample.csv}) give the boardings per stop and night in hours 00–04; every
 *       Seoul stop is credited with that mean, so the night's trips are that mean times the stops in the cells.
 *   <li><b>Where they start and end.</b> Origins: half by the cell's share of bus stops, half by its share of bike
 *       stations (where people are late at night); destinations: by its share of residents (going home).
 *   <li><b>Links</b>: the Delaunay triangulation of the cells' stops, less edges longer than {@value #MAX_LINK_KM} km
 *       unless a minimum spanning tree needs them (the network stays connected); road kilometres are the straight
 *       distance × {@value #DETOUR}, minutes at a night-bus speed of {@value #NIGHT_BUS_KMH} km/h.
 *   <li><b>Trips</b> by {@link GravityModel} (doubly constrained, exp(−{@value #DECAY_PER_MINUTE} · minutes) over the
 *       fastest path, seed {@value #SEED}), in whole trips.
 * </ol>
 *
 * How the demo's three files were made, and checked against the inputs by {@link SeoulNightBusScenarioTest}:
 * {@code mvn -o -q -pl madang-app -am test -Dtest=SeoulNightBusScenarioTest -Dmadang.write-night-bus=true}.
 */
final class SeoulNightBusScenario {

  static final String CELLS = "seoul_night_bus_cells.csv";
  static final String LINKS = "seoul_night_bus_links.csv";
  static final String DEMAND = "seoul_night_bus_demand.csv";

  static final int H3_RESOLUTION = 7;
  static final double MAX_LINK_KM = 4.5;
  static final double DETOUR = 1.25;
  static final double NIGHT_BUS_KMH = 30;
  static final double DECAY_PER_MINUTE = 0.05;
  static final long SEED = 2013;
  /** Days in January 2021, the month of the route-100 ridership. */
  static final int DAYS = 31;
  /** Hours 00–04: the night the Owl Bus serves while the subway and day buses do not run. */
  static final int NIGHT_HOURS = 5;

  private static final Charset CP949 = Charset.forName("MS949");

  record Cell(int id, String h3, String name, String district, int dongs, long residents, int busStops, int bikeStations, double lat, double lon) {}

  record Link(int from, int to, double km, double minutes) {}

  /**
   * @param boardingsPerStopNight route 100's mean boardings per stop and night, hours 00–04
   * @param leftOut dongs of the population table without a representative point
   */
  record Scenario(
      List<Cell> cells, List<Link> links, TripDemand demand, double[] origins, double[] destinations, double boardingsPerStopNight,
      double totalTrips, List<String> leftOut) {}

  private record Dong(String district, String name, double lat, double lon) {}

  private SeoulNightBusScenario() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "src/main/resources/demo/seoul");
    write(build(folder, SEED), folder);
  }

  static void write(Scenario s, Path folder) throws IOException {
    Files.writeString(folder.resolve(CELLS), cellsCsv(s), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(LINKS), linksCsv(s), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve(DEMAND), demandCsv(s), StandardCharsets.UTF_8);
  }

  static Scenario build(Path folder, long seed) {
    List<Dong> dongs = readDongs(folder.resolve("admdong_centroids_latlon.csv"));
    Map<String, Long> population = readPopulation(folder.resolve("population_by_dong_2021Q2.tsv"));
    List<String> leftOut = new ArrayList<>();
    Map<String, Boolean> placed = new HashMap<>();
    dongs.forEach(d -> placed.put(key(d.district(), d.name()), true));
    population.keySet().stream().filter(k -> !placed.containsKey(k)).sorted().forEach(leftOut::add);
    PreparedGeometry seoul = seoulBoundary(folder.resolve("seoul_gu_juso2015_simple.geojson"));
    int[] stops = countNearest(dongs, seoul, readPoints(folder.resolve("bus_stop_locations_cp949.csv"), CP949, 4, 3, 5, "가상정류장"));
    int[] bikes = countNearest(dongs, seoul, readPoints(folder.resolve("bike_station_info_cp949.csv"), CP949, 4, 5, -1, null));

    // dongs → H3 cells, ordered by address so that cell numbers do not depend on file order
    H3Binner h3 = H3Binner.atResolution(H3_RESOLUTION);
    TreeMap<String, List<Integer>> members = new TreeMap<>();
    for (int i = 0; i < dongs.size(); i++) {
      members.computeIfAbsent(H3Binner.toAddress(h3.cellOf(dongs.get(i).lat(), dongs.get(i).lon())), k -> new ArrayList<>()).add(i);
    }
    List<Cell> cells = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
      long residents = 0;
      int busStops = 0;
      int bikeStations = 0;
      double lat = 0;
      double lon = 0;
      int biggest = -1;
      long biggestResidents = -1;
      for (int i : e.getValue()) {
        Dong d = dongs.get(i);
        long r = population.getOrDefault(key(d.district(), d.name()), 0L);
        residents += r;
        busStops += stops[i];
        bikeStations += bikes[i];
        lat += r * d.lat();
        lon += r * d.lon();
        if (r > biggestResidents) {
          biggestResidents = r;
          biggest = i;
        }
      }
      Dong head = dongs.get(biggest);
      int others = e.getValue().size() - 1;
      cells.add(new Cell(cells.size() + 1, e.getKey(), head.name() + (others > 0 ? " 외 " + others : ""), head.district(), e.getValue().size(),
          residents, busStops, bikeStations, round(lat / residents, 6), round(lon / residents, 6)));
    }
    List<Link> links = links(cells);
    int n = cells.size();
    double[][] times = new double[n][n];
    for (double[] row : times) {
      java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    for (Link l : links) {
      times[l.from() - 1][l.to() - 1] = l.minutes();
      times[l.to() - 1][l.from() - 1] = l.minutes();
    }
    TransitNetwork network = TransitNetwork.of(times);

    double boardings = nightBoardingsPerStop(folder.resolve("bus_ridership_by_stop_hour_202101_sample.csv"));
    double totalStops = cells.stream().mapToInt(Cell::busStops).sum();
    double totalBikes = cells.stream().mapToInt(Cell::bikeStations).sum();
    double totalResidents = cells.stream().mapToLong(Cell::residents).sum();
    double total = boardings * totalStops;
    double[] origins = new double[n];
    double[] destinations = new double[n];
    for (int i = 0; i < n; i++) {
      Cell c = cells.get(i);
      origins[i] = total * (0.5 * c.busStops() / totalStops + 0.5 * c.bikeStations() / totalBikes);
      destinations[i] = total * c.residents() / totalResidents;
    }
    TripDemand demand = GravityModel.trips(network, origins, destinations, DECAY_PER_MINUTE, seed);
    return new Scenario(cells, links, demand, origins, destinations, boardings, total, leftOut);
  }

  /** Route 100's boardings in hours 00–04 per stop (both directions' stops are rows) and night. */
  static double nightBoardingsPerStop(Path file) {
    List<List<String>> rows = csv(read(file, StandardCharsets.UTF_8));
    long boardings = 0;
    for (List<String> row : rows.subList(1, rows.size())) {
      for (int hour = 0; hour < NIGHT_HOURS; hour++) {
        boardings += Long.parseLong(row.get(4 + 2 * hour).strip());
      }
    }
    return (double) boardings / (rows.size() - 1) / DAYS;
  }

  /**
   * Delaunay edges of the cells' stops no longer than {@link #MAX_LINK_KM}, plus the longer ones a minimum spanning
   * tree of the triangulation needs.
   */
  static List<Link> links(List<Cell> cells) {
    int n = cells.size();
    double lat0 = cells.stream().mapToDouble(Cell::lat).average().orElse(37.55);
    GeometryFactory factory = new GeometryFactory();
    List<Coordinate> points = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (Cell c : cells) {
      Coordinate p = new Coordinate(x(c.lon(), lat0), y(c.lat()));
      points.add(p);
      index.put(p.x + "," + p.y, c.id() - 1);
    }
    DelaunayTriangulationBuilder builder = new DelaunayTriangulationBuilder();
    builder.setSites(points);
    Geometry edges = builder.getEdges(factory);
    List<int[]> pairs = new ArrayList<>();
    for (int g = 0; g < edges.getNumGeometries(); g++) {
      Coordinate[] c = edges.getGeometryN(g).getCoordinates();
      int a = index.get(c[0].x + "," + c[0].y);
      int b = index.get(c[1].x + "," + c[1].y);
      pairs.add(new int[] {Math.min(a, b), Math.max(a, b)});
    }
    pairs.sort(Comparator.<int[]>comparingDouble(p -> points.get(p[0]).distance(points.get(p[1]))).thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    List<Link> links = new ArrayList<>();
    for (int[] p : pairs) {
      double km = points.get(p[0]).distance(points.get(p[1]));
      int ra = root(parent, p[0]);
      int rb = root(parent, p[1]);
      boolean spanning = ra != rb;
      if (spanning) {
        parent[ra] = rb;
      }
      if (km <= MAX_LINK_KM || spanning) {
        double road = round(km * DETOUR, 2);
        links.add(new Link(p[0] + 1, p[1] + 1, road, round(road / NIGHT_BUS_KMH * 60, 1)));
      }
    }
    links.sort(Comparator.comparingInt(Link::from).thenComparingInt(Link::to));
    return links;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** Kilometres east of the meridian 0 at the scale of latitude {@code lat0} (equirectangular; fine across a city). */
  private static double x(double lon, double lat0) {
    return lon * 111.320 * Math.cos(Math.toRadians(lat0));
  }

  private static double y(double lat) {
    return lat * 110.574;
  }

  // ---- the files the demo ships

  static String cellsCsv(Scenario s) {
    StringBuilder out = new StringBuilder("cell,h3_address,name,district,dongs,residents,bus_stops,bike_stations,lat,lon\n");
    for (Cell c : s.cells()) {
      out.append(c.id()).append(',').append(c.h3()).append(',').append(c.name()).append(',').append(c.district()).append(',').append(c.dongs())
          .append(',').append(c.residents()).append(',').append(c.busStops()).append(',').append(c.bikeStations()).append(',')
          .append(number(c.lat())).append(',').append(number(c.lon())).append('\n');
    }
    return out.toString();
  }

  static String linksCsv(Scenario s) {
    StringBuilder out = new StringBuilder("from_cell,to_cell,km,minutes,geometry\n");
    for (Link l : s.links()) {
      Cell a = s.cells().get(l.from() - 1);
      Cell b = s.cells().get(l.to() - 1);
      out.append(l.from()).append(',').append(l.to()).append(',').append(number(l.km())).append(',').append(number(l.minutes()))
          .append(",\"LINESTRING (").append(number(a.lon())).append(' ').append(number(a.lat())).append(", ").append(number(b.lon())).append(' ')
          .append(number(b.lat())).append(")\"\n");
    }
    return out.toString();
  }

  static String demandCsv(Scenario s) {
    StringBuilder out = new StringBuilder("origin_cell,destination_cell,trips\n");
    int n = s.cells().size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double t = s.demand().trips(i, j);
        if (t > 0) {
          out.append(i + 1).append(',').append(j + 1).append(',').append((long) t).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }

  // ---- reading the inputs

  private static List<Dong> readDongs(Path file) {
    List<List<String>> rows = csv(read(file, StandardCharsets.UTF_8));
    List<Dong> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      out.add(new Dong(r.get(2).strip(), r.get(3).strip(), Double.parseDouble(r.get(5)), Double.parseDouble(r.get(6))));
    }
    return out;
  }

  /** Residents (인구 합계 계) per district and dong; the 합계 and 소계 rows are left out. */
  private static Map<String, Long> readPopulation(Path file) {
    Map<String, Long> out = new HashMap<>();
    List<String> lines = read(file, StandardCharsets.UTF_8).lines().toList();
    for (String line : lines.subList(3, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f.length < 5 || f[1].strip().equals("합계") || f[2].strip().equals("소계") || f[2].strip().equals("합계")) {
        continue;
      }
      out.put(key(f[1].strip(), f[2].strip()), Long.parseLong(f[4].replace(",", "").strip()));
    }
    return out;
  }

  /** District and dong name, with spaces removed, · as . (종로5·6가동) and 제 before a number dropped (홍제제1동 → 홍제1동). */
  static String key(String district, String dong) {
    return district.replace(" ", "") + "|" + dong.replace(" ", "").replace('·', '.').replaceAll("제+([0-9])", "$1");
  }

  /** Longitude/latitude points of a CSV, less rows whose column {@code typeColumn} is {@code skipType}. */
  private static List<double[]> readPoints(Path file, Charset charset, int latColumn, int lonColumn, int typeColumn, String skipType) {
    List<List<String>> rows = csv(read(file, charset));
    List<double[]> out = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      if (typeColumn >= 0 && r.get(typeColumn).strip().equals(skipType)) {
        continue;
      }
      try {
        double lat = Double.parseDouble(r.get(latColumn).strip());
        double lon = Double.parseDouble(r.get(lonColumn).strip());
        if (lat != 0 && lon != 0) {
          out.add(new double[] {lon, lat});
        }
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        // a row without coordinates counts nowhere
      }
    }
    return out;
  }

  /** For each dong, the points inside Seoul whose nearest dong point it is. */
  private static int[] countNearest(List<Dong> dongs, PreparedGeometry seoul, List<double[]> points) {
    GeometryFactory factory = new GeometryFactory();
    int[] counts = new int[dongs.size()];
    double lat0 = 37.55;
    for (double[] p : points) {
      if (!seoul.covers(factory.createPoint(new Coordinate(p[0], p[1])))) {
        continue;
      }
      int best = -1;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int i = 0; i < dongs.size(); i++) {
        double dx = x(p[0], lat0) - x(dongs.get(i).lon(), lat0);
        double dy = y(p[1]) - y(dongs.get(i).lat());
        double d = dx * dx + dy * dy;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
      counts[best]++;
    }
    return counts;
  }

  private static PreparedGeometry seoulBoundary(Path file) {
    JsonNode root = JsonMapper.shared().readTree(read(file, StandardCharsets.UTF_8));
    GeometryFactory factory = new GeometryFactory();
    List<Polygon> polygons = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      JsonNode g = f.path("geometry");
      List<JsonNode> polys = new ArrayList<>();
      if (g.path("type").asString().equals("Polygon")) {
        polys.add(g.path("coordinates"));
      } else {
        g.path("coordinates").forEach(polys::add);
      }
      for (JsonNode poly : polys) {
        LinearRing shell = ring(factory, poly.get(0));
        LinearRing[] holes = new LinearRing[poly.size() - 1];
        for (int h = 1; h < poly.size(); h++) {
          holes[h - 1] = ring(factory, poly.get(h));
        }
        polygons.add(factory.createPolygon(shell, holes));
      }
    }
    Geometry union = factory.createMultiPolygon(polygons.toArray(Polygon[]::new)).buffer(0);
    return PreparedGeometryFactory.prepare(union);
  }

  private static LinearRing ring(GeometryFactory factory, JsonNode coordinates) {
    Coordinate[] c = new Coordinate[coordinates.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = new Coordinate(coordinates.get(i).get(0).asDouble(), coordinates.get(i).get(1).asDouble());
    }
    return factory.createLinearRing(c);
  }

  private static String read(Path file, Charset charset) {
    try {
      String s = Files.readString(file, charset);
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180 rows (quoted fields with commas, doubled quotes, CRLF or LF). */
  static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
          rows.add(row);
        }
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
