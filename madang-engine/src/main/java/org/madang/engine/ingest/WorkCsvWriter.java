package org.madang.engine.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rows of a non-CSV source (XLSX, JSON, GeoJSON) as a headerless UTF-8 CSV for DuckDB to read, and guesses
 * column types from the first rows on the way. A null is written as an empty unquoted field, which DuckDB reads as
 * NULL; rows may be shorter than the widest one (DuckDB pads them with NULL).
 *
 * <p>Not thread-safe.
 */
final class WorkCsvWriter implements AutoCloseable {

  static final int SAMPLE_ROWS = 20_000;

  private final Writer out;
  private final List<String[]> sample = new ArrayList<>();
  private long rows;
  private int width;

  WorkCsvWriter(Path file) {
    try {
      this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String[] row) {
    try {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.write(',');
        }
        String v = row[i];
        if (v != null && !v.isEmpty()) {
          if (needsQuotes(v)) {
            out.write('"');
            out.write(v.replace("\"", "\"\""));
            out.write('"');
          } else {
            out.write(v);
          }
        }
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows++;
    width = Math.max(width, row.length);
    if (sample.size() < SAMPLE_ROWS) {
      sample.add(row);
    }
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ';
  }

  long rows() {
    return rows;
  }

  int width() {
    return width;
  }

  /** The first rows written, for guessing types. */
  List<String[]> sample() {
    return sample;
  }

  /** Source columns for the given names and labels, typed from the sample. */
  List<SourceColumn> columns(List<String> names, List<String> labels) {
    ColumnTypeGuesser guesser = new ColumnTypeGuesser(names.size());
    for (String[] row : sample) {
      guesser.accept(row);
    }
    List<SourceColumn> columns = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      columns.add(guesser.column(i, names.get(i), labels.get(i)));
    }
    return columns;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
