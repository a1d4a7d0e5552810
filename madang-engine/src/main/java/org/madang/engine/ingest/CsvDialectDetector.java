package org.madang.engine.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import org.madang.engine.ingest.CsvSampleParser.SampleRecord;

/**
 * Finds the delimiter, quoting and header rows of a delimited text file from its decoded start. The delimiter is the
 * candidate ({@code , TAB ; |}) that splits the sample into the most consistent number of fields. Header rows are the
 * leading rows that put text where the body of the table has numbers; statistical tables often have two or three of
 * them ("인구 / 합계 / 남자"), which are joined into one label per column. A table with no numbers is assumed to have
 * one header row.
 *
 * <p>Stateless and thread-safe.
 */
final class CsvDialectDetector {

  private static final char[] CANDIDATES = {',', '\t', ';', '|'};
  private static final int DIALECT_RECORDS = 200;
  private static final int SAMPLE_RECORDS = 20_000;
  private static final int MAX_HEADER_ROWS = 5;

  private CsvDialectDetector() {}

  /**
   * The layout of a file whose decoded start is {@code text}.
   *
   * @param complete whether {@code text} is the whole file
   * @param format CSV or TSV (TSV forces the tab delimiter)
   * @param maxColumns more columns than this are refused at once
   */
  static CsvLayout detect(String text, boolean complete, SourceFormat format, int maxColumns, String fileName) {
    if (text.isBlank()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " is empty.", Map.of("field", "file"));
    }
    char[] delimiters = format == SourceFormat.TSV ? new char[] {'\t'} : CANDIDATES;
    char bestDelimiter = delimiters[0];
    char bestQuote = '"';
    double bestScore = -1;
    for (char d : delimiters) {
      for (char q : new char[] {'"', 0}) {
        List<SampleRecord> records = CsvSampleParser.parse(text, d, q, complete, DIALECT_RECORDS);
        double score = consistency(records, maxColumns);
        if (score > bestScore + 1e-9) {
          bestScore = score;
          bestDelimiter = d;
          bestQuote = q;
        }
      }
    }
    long line = complete ? CsvSampleParser.unclosedQuoteLine(text, bestDelimiter, bestQuote) : -1;
    if (line > 0) {
      throw new MadangException(
          ErrorCode.MALFORMED_FILE,
          "The file " + fileName + " has a quoted field starting on line " + line + " that is never closed.",
          Map.of("line", line));
    }
    List<SampleRecord> records = CsvSampleParser.parse(text, bestDelimiter, bestQuote, complete, SAMPLE_RECORDS);
    if (records.isEmpty()) {
      throw new MadangException(ErrorCode.EMPTY_FILE, "The file " + fileName + " is empty.", Map.of("field", "file"));
    }
    int columns = records.get(0).fields().length;
    if (columns > maxColumns) {
      throw new MadangException(
          ErrorCode.TOO_MANY_COLUMNS,
          "The file " + fileName + " has " + columns + " columns; at most " + maxColumns + " are allowed.",
          Map.of("line", 1, "columns", columns, "maxColumns", maxColumns));
    }
    for (SampleRecord r : records) {
      if (r.fields().length != columns) {
        throw raggedRow(fileName, r.line(), columns, r.fields().length);
      }
    }
    int headerRecords = headerRecords(records, columns);
    if (headerRecords >= records.size()) {
      if (complete) {
        throw new MadangException(
            ErrorCode.EMPTY_FILE, "The file " + fileName + " has a header but no rows.", Map.of("line", records.get(records.size() - 1).line() + 1));
      }
      headerRecords = Math.max(0, records.size() - 1);
    }
    List<String> labels = labels(records.subList(0, headerRecords), columns);
    List<String[]> sample = new ArrayList<>(records.size() - headerRecords);
    for (SampleRecord r : records.subList(headerRecords, records.size())) {
      sample.add(r.fields());
    }
    return new CsvLayout(bestDelimiter, bestQuote, columns, headerRecords, records.get(headerRecords).line(), labels, sample);
  }

  static MadangException raggedRow(String fileName, long line, int expected, int found) {
    return new MadangException(
        ErrorCode.MALFORMED_FILE,
        "Line " + line + " of " + fileName + " has " + found + " fields where the header has " + expected + ".",
        Map.of("line", line, "expectedFields", expected, "foundFields", found));
  }

  /** Share of records with the most common field count, 0 when that count is 1 (no split at all). */
  private static double consistency(List<SampleRecord> records, int maxColumns) {
    if (records.isEmpty()) {
      return 0;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (SampleRecord r : records) {
      counts.merge(r.fields().length, 1, Integer::sum);
    }
    int mode = 1;
    int modeCount = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > mode)) {
        mode = e.getKey();
        modeCount = e.getValue();
      }
    }
    if (mode <= 1) {
      return 0.001; // one column: any delimiter will do, prefer the first
    }
    double share = (double) modeCount / records.size();
    // the header decides the width: a first record of another width is a bad sign
    if (records.get(0).fields().length != mode && records.get(0).fields().length <= maxColumns) {
      share *= 0.5;
    }
    return share + Math.min(mode, 1000) * 1e-6;
  }

  static int headerRecords(List<SampleRecord> records, int columns) {
    int n = records.size();
    if (n == 1) {
      return allNumeric(records.get(0).fields()) ? 0 : 1;
    }
    // the body is judged by the later half of the sample (at least its last row), where no header rows can be
    int bodyStart = n - Math.max(1, Math.min(n - 1, n / 2));
    boolean[] numericColumn = new boolean[columns];
    boolean anyNumeric = false;
    for (int j = 0; j < columns; j++) {
      int nonEmpty = 0;
      int numeric = 0;
      for (int i = bodyStart; i < n; i++) {
        String v = records.get(i).fields()[j].strip();
        if (!v.isEmpty()) {
          nonEmpty++;
          if (ColumnTypeGuesser.looksNumeric(v)) {
            numeric++;
          }
        }
      }
      numericColumn[j] = nonEmpty > 0 && numeric >= 0.9 * nonEmpty && numeric > 0;
      anyNumeric |= numericColumn[j];
    }
    if (!anyNumeric) {
      return 1;
    }
    int headers = -1;
    int limit = Math.min(MAX_HEADER_ROWS, bodyStart);
    for (int i = 0; i < limit; i++) {
      String[] f = records.get(i).fields();
      for (int j = 0; j < columns; j++) {
        String v = f[j].strip();
        if (numericColumn[j] && !v.isEmpty() && !ColumnTypeGuesser.looksNumeric(v)) {
          headers = i;
          break;
        }
      }
    }
    if (headers >= 0) {
      return headers + 1;
    }
    // the first row types like the body: no header at all
    return 0;
  }

  private static boolean allNumeric(String[] fields) {
    for (String f : fields) {
      if (!f.isBlank() && !ColumnTypeGuesser.looksNumeric(f)) {
        return false;
      }
    }
    return true;
  }

  /** One label per column from the header rows: title rows left out, merged cells carried right, parts joined. */
  static List<String> labels(List<SampleRecord> headerRows, int columns) {
    List<String[]> rows = new ArrayList<>();
    for (SampleRecord r : headerRows) {
      String[] f = r.fields();
      int filled = 0;
      for (String v : f) {
        if (!v.isBlank()) {
          filled++;
        }
      }
      boolean title = columns > 2 && filled <= 1 && headerRows.size() > 1;
      if (filled > 0 && !title) {
        rows.add(f);
      }
    }
    List<String> labels = new ArrayList<>(columns);
    for (int j = 0; j < columns; j++) {
      StringBuilder label = new StringBuilder();
      String previous = null;
      for (int r = 0; r < rows.size(); r++) {
        String part = clean(rows.get(r)[j]);
        if (part.isEmpty() && r < rows.size() - 1) {
          for (int k = j - 1; k >= 0 && part.isEmpty(); k--) {
            part = clean(rows.get(r)[k]);
          }
        }
        if (!part.isEmpty() && !part.equals(previous)) {
          if (label.length() > 0) {
            label.append(' ');
          }
          label.append(part);
          previous = part;
        }
      }
      labels.add(label.toString());
    }
    return labels;
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
