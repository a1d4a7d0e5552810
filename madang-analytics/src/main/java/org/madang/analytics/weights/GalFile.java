package org.madang.analytics.weights;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GAL files, the neighbour-list format of GeoDa and PySAL: a header line with the feature count (either
 * {@code n} or {@code 0 n shapefile idfield}), then per feature a line {@code id count} followed by the ids of its
 * count neighbours (on one or more lines). Weights are binary; features keep the file's order and ids.
 */
public final class GalFile {

  private GalFile() {}

  /** Reads a GAL file. */
  public static SpatialWeights read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read GAL file " + file, e);
    }
  }

  /** Reads GAL text. */
  public static SpatialWeights read(Reader text) {
    List<String> tokens = new ArrayList<>();
    List<Integer> lineOfToken = new ArrayList<>();
    try {
      BufferedReader lines = new BufferedReader(text);
      String line;
      int number = 0;
      List<String> header = null;
      while ((line = lines.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        if (header == null) {
          header = List.of(parts);
          continue;
        }
        for (String p : parts) {
          tokens.add(p);
          lineOfToken.add(number);
        }
      }
      if (header == null) {
        throw new IllegalArgumentException("the GAL file is empty");
      }
      int n = parseCount(header.size() >= 2 ? header.get(1) : header.get(0), 1);
      List<String> ids = new ArrayList<>(n);
      List<List<String>> neighbourIds = new ArrayList<>(n);
      int at = 0;
      for (int f = 0; f < n; f++) {
        if (at + 1 >= tokens.size()) {
          throw new IllegalArgumentException("the GAL file announces " + n + " features but lists only " + f);
        }
        ids.add(tokens.get(at));
        int count = parseCount(tokens.get(at + 1), lineOfToken.get(at + 1));
        at += 2;
        if (at + count > tokens.size()) {
          throw new IllegalArgumentException("feature " + ids.get(f) + " announces " + count + " neighbours but the file ends");
        }
        neighbourIds.add(tokens.subList(at, at + count));
        at += count;
      }
      if (at != tokens.size()) {
        throw new IllegalArgumentException("line " + lineOfToken.get(at) + " of the GAL file is past the " + n + " announced features");
      }
      Map<String, Integer> position = new HashMap<>();
      for (int i = 0; i < n; i++) {
        if (position.put(ids.get(i), i) != null) {
          throw new IllegalArgumentException("feature " + ids.get(i) + " appears twice in the GAL file");
        }
      }
      int[][] rows = new int[n][];
      for (int i = 0; i < n; i++) {
        List<String> names = neighbourIds.get(i);
        rows[i] = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
          Integer j = position.get(names.get(k));
          if (j == null) {
            throw new IllegalArgumentException(
                "feature " + ids.get(i) + " names neighbour " + names.get(k) + ", which the GAL file does not list");
          }
          rows[i][k] = j;
        }
      }
      return SpatialWeights.ofNeighbours(ids, rows).transformed(WeightsTransform.BINARY);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read GAL text", e);
    }
  }

  private static int parseCount(String token, int line) {
    try {
      int v = Integer.parseInt(token);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("line " + line + " of the GAL file should hold a count, not \"" + token + "\"");
    }
  }
}
