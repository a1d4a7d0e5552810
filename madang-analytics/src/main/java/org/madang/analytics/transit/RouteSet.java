package org.madang.analytics.transit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bus routes, each a sequence of nodes (0-based here; 1-based in files and {@link #toString()}). Buses run both ways
 * along a route, as in Mandl's and Mumford's instances.
 */
public final class RouteSet {

  private final int[][] routes;

  private RouteSet(int[][] routes) {
    this.routes = routes;
  }

  /** Routes of 0-based node ids; each needs at least two nodes. */
  public static RouteSet of(List<int[]> routes) {
    int[][] copy = new int[routes.size()][];
    for (int r = 0; r < copy.length; r++) {
      int[] route = routes.get(r);
      if (route.length < 2) {
        throw new IllegalArgumentException("route " + (r + 1) + " has " + route.length
            + " node(s); a route needs at least two");
      }
      copy[r] = route.clone();
    }
    if (copy.length == 0) {
      throw new IllegalArgumentException("a route set needs at least one route");
    }
    return new RouteSet(copy);
  }

  static RouteSet wrap(int[][] routes) {
    return new RouteSet(routes);
  }

  /**
   * Reads a route-set file: one route a line, 1-based node ids joined by {@code -} (e.g. {@code 1-2-3-6}); blank lines
   * and lines starting with {@code #} are skipped.
   */
  public static RouteSet read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file.toString(), reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Parses route-set text; {@code source} names it in error messages. */
  public static RouteSet parse(String source, Reader text) {
    List<int[]> routes = new ArrayList<>();
    BufferedReader reader = new BufferedReader(text);
    int lineNumber = 0;
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        routes.add(parseRoute(source, lineNumber, trimmed));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (routes.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no route");
    }
    return new RouteSet(routes.toArray(int[][]::new));
  }

  /** One route written as 1-based ids joined by {@code -}. */
  static int[] parseRoute(String source, int lineNumber, String text) {
    String[] tokens = text.split("-", -1);
    if (tokens.length < 2) {
      throw new IllegalArgumentException(source + " line " + lineNumber + ": \"" + text
          + "\" is not a route; a route is at least two node ids joined by '-'");
    }
    int[] route = new int[tokens.length];
    for (int k = 0; k < tokens.length; k++) {
      String token = tokens[k].strip();
      int id;
      try {
        id = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(source + " line " + lineNumber + ": \"" + token
            + "\" is not a node id (routes are 1-based node ids joined by '-')");
      }
      if (id < 1) {
        throw new IllegalArgumentException(source + " line " + lineNumber + ": node id " + id
            + " is not valid; node ids start at 1");
      }
      route[k] = id - 1;
    }
    return route;
  }

  public int routeCount() {
    return routes.length;
  }

  /** Route r's nodes, 0-based. */
  public int[] route(int r) {
    return routes[r].clone();
  }

  /** All routes, 0-based. */
  public List<int[]> routes() {
    return Arrays.stream(routes).map(int[]::clone).toList();
  }

  int[][] view() {
    return routes;
  }

  /** The routes as lists of 1-based ids, as files and reports write them. */
  public List<List<Integer>> oneBased() {
    return Arrays.stream(routes).map(r -> Arrays.stream(r).mapToObj(v -> v + 1).toList()).toList();
  }

  /** The file form: one route a line, 1-based ids joined by {@code -}. */
  @Override
  public String toString() {
    return Arrays.stream(routes)
        .map(r -> Arrays.stream(r).mapToObj(v -> Integer.toString(v + 1)).collect(Collectors.joining("-")))
        .collect(Collectors.joining("\n"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RouteSet other && Arrays.deepEquals(routes, other.routes);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(routes);
  }
}
