package org.madang.analytics.location;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads Beasley's OR-Library p-median files ({@code pmed1.txt} … {@code pmed40.txt}): a line {@code n m p}, then m
 * lines {@code i j cost} of undirected edges between 1-based vertices.
 *
 * <p>Some vertex pairs are listed more than once with different costs; as OR-Library's notes specify, the <b>last</b>
 * occurrence wins (keeping the minimum instead changes the published optima, e.g. 5718 instead of 5819 for pmed1).
 * The allocation costs are then all-pairs shortest paths, here n runs of Dijkstra's algorithm over the edge list
 * (equal to Floyd's algorithm on the cost matrix, which OR-Library prescribes). A graph in which some vertex cannot
 * reach another is refused. Self-loops are ignored (a vertex is at distance 0 from itself).
 */
public final class OrLibraryPmedReader {

  private OrLibraryPmedReader() {}

  /** Reads an instance file; the instance is named after the file without its extension. */
  public static OrLibraryInstance read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      return read(name, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read OR-Library file " + file, e);
    }
  }

  /** Reads an instance from text. */
  public static OrLibraryInstance read(String name, Reader text) {
    Tokens tokens = new Tokens(text);
    int n = tokens.nextInt("the number of vertices");
    int m = tokens.nextInt("the number of edges");
    int p = tokens.nextInt("p");
    if (n < 1) {
      throw new IllegalArgumentException(name + " declares " + n + " vertices; an instance needs at least one");
    }
    if (m < 0 || p < 1 || p > n) {
      throw new IllegalArgumentException(name + " declares " + m + " edges and p = " + p + " for " + n
          + " vertices; p must be between 1 and the number of vertices");
    }
    long[] edgeCost = new long[(int) Math.min((long) n * n, Integer.MAX_VALUE - 8)];
    if ((long) n * n > edgeCost.length) {
      throw new IllegalArgumentException(name + " has too many vertices (" + n + ") for an in-memory distance matrix");
    }
    Arrays.fill(edgeCost, -1);
    for (int e = 0; e < m; e++) {
      int i = tokens.nextInt("edge " + (e + 1) + "'s first vertex");
      int j = tokens.nextInt("edge " + (e + 1) + "'s second vertex");
      int cost = tokens.nextInt("edge " + (e + 1) + "'s cost");
      if (i < 1 || i > n || j < 1 || j > n) {
        throw new IllegalArgumentException(name + ": edge " + (e + 1) + " joins vertices " + i + " and " + j
            + ", but the vertices are numbered 1 to " + n);
      }
      if (cost < 0) {
        throw new IllegalArgumentException(name + ": edge " + (e + 1) + " has a negative cost " + cost);
      }
      if (i == j) {
        continue;
      }
      edgeCost[(i - 1) * n + (j - 1)] = cost;
      edgeCost[(j - 1) * n + (i - 1)] = cost;
    }
    double[] distances = allPairsShortestPaths(name, n, edgeCost);
    return new OrLibraryInstance(name, n, m, p, DistanceMatrix.of(distances, n, n));
  }

  private static double[] allPairsShortestPaths(String name, int n, long[] edgeCost) {
    int[] degree = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (edgeCost[i * n + j] >= 0) {
          degree[i]++;
        }
      }
    }
    int[][] neighbour = new int[n][];
    long[][] cost = new long[n][];
    for (int i = 0; i < n; i++) {
      neighbour[i] = new int[degree[i]];
      cost[i] = new long[degree[i]];
      int k = 0;
      for (int j = 0; j < n; j++) {
        long c = edgeCost[i * n + j];
        if (c >= 0) {
          neighbour[i][k] = j;
          cost[i][k++] = c;
        }
      }
    }
    double[] result = new double[n * n];
    long[] distance = new long[n];
    long[] heapKey = new long[Math.max(16, n)];
    int[] heapVertex = new int[Math.max(16, n)];
    for (int source = 0; source < n; source++) {
      Arrays.fill(distance, Long.MAX_VALUE);
      distance[source] = 0;
      int size = 0;
      heapKey[size] = 0;
      heapVertex[size++] = source;
      while (size > 0) {
        long d = heapKey[0];
        int v = heapVertex[0];
        size--;
        if (size > 0) {
          siftDown(heapKey, heapVertex, size, heapKey[size], heapVertex[size]);
        }
        if (d > distance[v]) {
          continue;
        }
        for (int k = 0; k < neighbour[v].length; k++) {
          int w = neighbour[v][k];
          long nd = d + cost[v][k];
          if (nd < distance[w]) {
            distance[w] = nd;
            if (size == heapKey.length) {
              heapKey = Arrays.copyOf(heapKey, size * 2);
              heapVertex = Arrays.copyOf(heapVertex, size * 2);
            }
            siftUp(heapKey, heapVertex, size++, nd, w);
          }
        }
      }
      for (int t = 0; t < n; t++) {
        if (distance[t] == Long.MAX_VALUE) {
          throw new IllegalArgumentException(name + "'s graph is disconnected: vertex " + (t + 1)
              + " cannot be reached from vertex " + (source + 1));
        }
        result[source * n + t] = distance[t];
      }
    }
    return result;
  }

  private static void siftUp(long[] key, int[] vertex, int at, long k, int v) {
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (key[parent] <= k) {
        break;
      }
      key[at] = key[parent];
      vertex[at] = vertex[parent];
      at = parent;
    }
    key[at] = k;
    vertex[at] = v;
  }

  /** Places (k, v) from the root down in a heap of {@code size} entries. */
  private static void siftDown(long[] key, int[] vertex, int size, long k, int v) {
    int at = 0;
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && key[child + 1] < key[child]) {
        child++;
      }
      if (key[child] >= k) {
        break;
      }
      key[at] = key[child];
      vertex[at] = vertex[child];
      at = child;
    }
    key[at] = k;
    vertex[at] = v;
  }

  /** Whitespace-separated integers with a named error for anything else. */
  private static final class Tokens {
    private final BufferedReader reader;
    private String[] parts = new String[0];
    private int at;
    private int line;

    Tokens(Reader text) {
      this.reader = new BufferedReader(text);
    }

    int nextInt(String what) {
      try {
        while (at >= parts.length) {
          String l = reader.readLine();
          if (l == null) {
            throw new IllegalArgumentException("the file ends before " + what);
          }
          line++;
          String trimmed = l.strip();
          parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
          at = 0;
        }
        String token = parts[at++];
        try {
          return Integer.parseInt(token);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("line " + line + " should hold " + what + " as a whole number, not \""
              + token + "\"");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
