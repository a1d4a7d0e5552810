package org.madang.engine.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the decoded start of a delimited file into records, RFC 4180 style: a field that starts with the quote
 * character runs to the next lone quote and may hold delimiters and line breaks; {@code ""} inside it is one quote. A
 * quote inside an unquoted field is an ordinary character. Lines end with LF, CRLF or CR, mixed as they come; blank
 * lines are skipped.
 *
 * <p>Stateless and thread-safe.
 */
final class CsvSampleParser {

  /** One record and the 1-based line it starts on. */
  record SampleRecord(String[] fields, long line) {}

  private CsvSampleParser() {}

  /**
   * The records of {@code text}. When {@code complete} is false the text was cut from a longer file, and the last
   * record (which may be cut) is dropped.
   *
   * @param quote the quote character, or 0 for none
   * @param maxRecords stop after this many records
   */
  static List<SampleRecord> parse(CharSequence text, char delimiter, char quote, boolean complete, int maxRecords) {
    List<SampleRecord> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    long line = 1;
    long recordLine = 1;
    boolean inQuotes = false;
    boolean fieldStart = true;
    boolean quotedField = false;
    int n = text.length();
    int i = 0;
    while (i < n && records.size() < maxRecords) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == quote) {
          if (i + 1 < n && text.charAt(i + 1) == quote) {
            field.append(quote);
            i += 2;
            continue;
          }
          inQuotes = false;
        } else {
          if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
            line++;
          }
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        quotedField = false;
        i++;
        continue;
      }
      if (c == '\n' || c == '\r') {
        fields.add(field.toString());
        field.setLength(0);
        boolean blank = fields.size() == 1 && fields.get(0).isEmpty() && !quotedField;
        if (!blank) {
          records.add(new SampleRecord(fields.toArray(String[]::new), recordLine));
        }
        fields.clear();
        fieldStart = true;
        quotedField = false;
        i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        line++;
        recordLine = line;
        continue;
      }
      if (fieldStart && quote != 0 && c == quote) {
        inQuotes = true;
        quotedField = true;
        fieldStart = false;
        i++;
        continue;
      }
      fieldStart = false;
      field.append(c);
      i++;
    }
    if (complete && records.size() < maxRecords && (field.length() > 0 || !fields.isEmpty() || quotedField) && !inQuotes) {
      fields.add(field.toString());
      records.add(new SampleRecord(fields.toArray(String[]::new), recordLine));
    }
    // when the text was cut, the record in progress is incomplete and is left out
    return records;
  }

  /**
   * The line (from 1) where a quoted field opens and never closes, or -1 when every quote closes (only meaningful for
   * a complete text).
   */
  static long unclosedQuoteLine(CharSequence text, char delimiter, char quote) {
    if (quote == 0) {
      return -1;
    }
    long line = 1;
    long openedAt = -1;
    boolean inQuotes = false;
    boolean fieldStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      }
      if (inQuotes) {
        if (c == quote) {
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            i++;
          } else {
            inQuotes = false;
          }
        }
        continue;
      }
      if (c == delimiter || c == '\n' || c == '\r') {
        fieldStart = true;
      } else if (fieldStart && c == quote) {
        inQuotes = true;
        openedAt = line;
        fieldStart = false;
      } else {
        fieldStart = false;
      }
    }
    return inQuotes ? openedAt : -1;
  }
}
