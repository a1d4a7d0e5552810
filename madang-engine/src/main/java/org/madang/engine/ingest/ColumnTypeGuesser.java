package org.madang.engine.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guesses the type of each column from a sample of its values, the way an official reading the file would: numbers,
 * dates and timestamps in ISO form, and everything else as text. Codes with leading zeros ({@code 01001}) stay text.
 * Numbers written with thousands separators ({@code "1,395"}), surrounded by spaces, or with {@code -} for zero (as in
 * statistical tables) are marked for cleaning.
 *
 * <p>Not thread-safe.
 */
final class ColumnTypeGuesser {

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d{1,3})?");
  private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[ T]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?");

  private final int columns;
  private final boolean[] sawText;
  private final boolean[] sawInteger;
  private final boolean[] sawDecimal;
  private final boolean[] sawDate;
  private final boolean[] sawTimestamp;
  private final boolean[] sawDash;
  private final boolean[] needsTrim;
  private final boolean[] sawGrouped;
  // one matcher per pattern, reset for each value: a sample holds tens of thousands of values
  private final Matcher integer = INTEGER.matcher("");
  private final Matcher decimal = DECIMAL.matcher("");
  private final Matcher grouped = GROUPED.matcher("");
  private final Matcher date = DATE.matcher("");
  private final Matcher timestamp = TIMESTAMP.matcher("");

  ColumnTypeGuesser(int columns) {
    this.columns = columns;
    sawText = new boolean[columns];
    sawInteger = new boolean[columns];
    sawDecimal = new boolean[columns];
    sawDate = new boolean[columns];
    sawTimestamp = new boolean[columns];
    sawDash = new boolean[columns];
    needsTrim = new boolean[columns];
    sawGrouped = new boolean[columns];
  }

  void accept(String[] row) {
    for (int i = 0; i < columns && i < row.length; i++) {
      accept(i, row[i]);
    }
  }

  void accept(int column, String raw) {
    if (raw == null || sawText[column]) {
      return;
    }
    String v = raw.strip();
    if (v.isEmpty()) {
      return;
    }
    boolean padded = v.length() != raw.length();
    // four digits and a dash cannot be a number in any of the numeric patterns: go straight to the dates
    boolean dateLike = v.length() >= 10 && v.charAt(4) == '-' && isDigits(v, 4);
    if (v.equals("-")) {
      sawDash[column] = true;
    } else if (!dateLike && integer.reset(v).matches()) {
      if (hasLeadingZero(v)) {
        sawText[column] = true;
      } else {
        sawInteger[column] = true;
      }
    } else if (!dateLike && decimal.reset(v).matches()) {
      sawDecimal[column] = true;
    } else if (!dateLike && grouped.reset(v).matches()) {
      sawGrouped[column] = true;
      if (v.indexOf('.') >= 0) {
        sawDecimal[column] = true;
      } else {
        sawInteger[column] = true;
      }
    } else if (dateLike && date.reset(v).matches()) {
      sawDate[column] = true;
    } else if (dateLike && timestamp.reset(v).matches()) {
      sawTimestamp[column] = true;
    } else {
      sawText[column] = true;
    }
    if (padded) {
      needsTrim[column] = true;
    }
  }

  private static boolean isDigits(String v, int count) {
    for (int i = 0; i < count; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLeadingZero(String v) {
    int start = (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
    return v.length() - start > 1 && v.charAt(start) == '0';
  }

  /** The guessed column: its kind, and whether the values need cleaning before conversion. */
  SourceColumn column(int i, String name, String label) {
    boolean numeric = sawInteger[i] || sawDecimal[i];
    boolean temporal = sawDate[i] || sawTimestamp[i];
    if (sawText[i] || (numeric && temporal) || (temporal && sawDash[i])) {
      return new SourceColumn(name, label, ValueKind.VARCHAR, false);
    }
    if (numeric) {
      ValueKind kind = sawDecimal[i] ? ValueKind.DOUBLE : ValueKind.BIGINT;
      return new SourceColumn(name, label, kind, sawGrouped[i] || sawDash[i] || needsTrim[i]);
    }
    if (temporal) {
      ValueKind kind = sawTimestamp[i] ? ValueKind.TIMESTAMP : ValueKind.DATE;
      return new SourceColumn(name, label, kind, needsTrim[i]);
    }
    return new SourceColumn(name, label, ValueKind.VARCHAR, false);
  }

  /** Whether a value would be read as a number (used to tell header rows from data rows). */
  static boolean looksNumeric(String raw) {
    if (raw == null) {
      return false;
    }
    String v = raw.strip();
    return !v.isEmpty() && (DECIMAL.matcher(v).matches() || GROUPED.matcher(v).matches() || v.equals("-"));
  }
}
