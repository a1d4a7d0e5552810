package org.madang.engine.store;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what DuckDB's error messages say about where a problem is. */
final class DuckDbErrors {

  private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern CONVERTING_COLUMN = Pattern.compile("Error when converting column \"([^\"]+)\"");
  private static final Pattern COLUMNS = Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");

  private DuckDbErrors() {}

  static String message(SQLException e) {
    return e.getMessage() == null ? "" : e.getMessage();
  }

  /** The first line of DuckDB's message, without the "Invalid Input Error:" style prefix. */
  static String summary(SQLException e) {
    String m = message(e).strip();
    int nl = m.indexOf('\n');
    String first = nl < 0 ? m : m.substring(0, nl);
    return first.replaceFirst("^[A-Za-z ]+ Error: ", "");
  }

  static Optional<Long> csvLine(SQLException e) {
    Matcher m = CSV_LINE.matcher(message(e));
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  static Optional<String> convertingColumn(SQLException e) {
    Matcher m = CONVERTING_COLUMN.matcher(message(e));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<int[]> columnCounts(SQLException e) {
    Matcher m = COLUMNS.matcher(message(e));
    return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}) : Optional.empty();
  }

  static boolean isInvalidUnicode(SQLException e) {
    return message(e).contains("Invalid unicode");
  }
}
