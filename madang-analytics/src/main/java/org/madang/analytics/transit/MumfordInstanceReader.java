package org.madang.analytics.transit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an instance in Christine Mumford's text format (the CEC 2013 instances Mandl, Mumford0–3): in one folder,
 * {@code NAMETravelTimes.txt}, an n × n matrix of link times in minutes with {@code Inf} where there is no link, and
 * {@code NAMEDemand.txt}, the n × n demand matrix; one matrix row a line, values separated by blanks, blank lines
 * between rows allowed. {@code NAMECoords.txt} (a line n, then n lines "x y", for drawing only) is checked for its node
 * count when present. A malformed file is refused with an {@link IllegalArgumentException} naming the file and line.
 */
public final class MumfordInstanceReader {

  private static final String TIMES = "TravelTimes.txt";
  private static final String DEMAND = "Demand.txt";
  private static final String COORDS = "Coords.txt";

  private MumfordInstanceReader() {}

  /** Reads the one instance in a folder, named by its {@code *TravelTimes.txt} file. */
  public static TransitInstance read(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(folder + " is not a folder");
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + TIMES)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        names.add(fileName.substring(0, fileName.length() - TIMES.length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + folder, e);
    }
    if (names.size() != 1) {
      throw new IllegalArgumentException(folder + " should hold exactly one NAME" + TIMES + " file, found "
          + (names.isEmpty() ? "none" : names.stream().sorted().map(s -> s + TIMES).toList()));
    }
    return read(folder, names.get(0));
  }

  /** Reads {@code NAMETravelTimes.txt} and {@code NAMEDemand.txt} from a folder. */
  public static TransitInstance read(Path folder, String name) {
    Path timesFile = folder.resolve(name + TIMES);
    Path demandFile = folder.resolve(name + DEMAND);
    if (!Files.isRegularFile(demandFile)) {
      throw new IllegalArgumentException(demandFile + " is missing: an instance needs its demand matrix");
    }
    double[][] times = readMatrix(timesFile, true);
    double[][] demand = readMatrix(demandFile, false);
    if (demand.length != times.length) {
      throw new IllegalArgumentException(demandFile + " has demand for " + demand.length + " nodes but "
          + timesFile.getFileName() + " describes a network of " + times.length
          + " nodes; demand must be between nodes of the network");
    }
    Path coordsFile = folder.resolve(name + COORDS);
    if (Files.isRegularFile(coordsFile)) {
      checkCoords(coordsFile, times.length);
    }
    TransitNetwork network;
    try {
      network = TransitNetwork.of(times);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(timesFile + ": " + e.getMessage(), e);
    }
    TripDemand trips;
    try {
      trips = TripDemand.of(demand);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(demandFile + ": " + e.getMessage(), e);
    }
    return new TransitInstance(name, network, trips);
  }

  /** A square matrix, one row a non-blank line; {@code Inf} allowed when {@code infinity}. */
  static double[][] readMatrix(Path file, boolean infinity) {
    List<double[]> rows = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] tokens = trimmed.split("[\\s,]+");
        double[] row = new double[tokens.length];
        for (int k = 0; k < tokens.length; k++) {
          row[k] = value(file, lineNumber, k + 1, tokens[k], infinity);
        }
        if (!rows.isEmpty() && row.length != rows.get(0).length) {
          throw new IllegalArgumentException(file + " line " + lineNumber + ": " + row.length
              + " values where the first row has " + rows.get(0).length);
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no matrix");
    }
    if (rows.size() != rows.get(0).length) {
      throw new IllegalArgumentException(file + " line " + lineNumber + ": the matrix has " + rows.size()
          + " rows of " + rows.get(0).length + " values; it must be square");
    }
    return rows.toArray(double[][]::new);
  }

  private static double value(Path file, int line, int column, String token, boolean infinity) {
    if (token.equalsIgnoreCase("inf") || token.equalsIgnoreCase("infinity")) {
      if (infinity) {
        return Double.POSITIVE_INFINITY;
      }
      throw new IllegalArgumentException(file + " line " + line + ", value " + column
          + ": \"" + token + "\" is not allowed here, only finite numbers");
    }
    try {
      double v = Double.parseDouble(token);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      if (v < 0) {
        throw new IllegalArgumentException(file + " line " + line + ", value " + column + ": " + token
            + " is negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " line " + line + ", value " + column + ": \"" + token
          + "\" is not a number" + (infinity ? " or Inf" : ""));
    }
  }

  private static void checkCoords(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.isEmpty()).toList();
      if (lines.isEmpty()) {
        throw new IllegalArgumentException(file + " is empty");
      }
      int declared;
      try {
        declared = Integer.parseInt(lines.get(0));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + " line 1: \"" + lines.get(0)
            + "\" should be the number of nodes");
      }
      if (declared != n || lines.size() - 1 != n) {
        throw new IllegalArgumentException(file + " describes " + declared + " nodes with " + (lines.size() - 1)
            + " coordinate lines, but the network has " + n + " nodes");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
