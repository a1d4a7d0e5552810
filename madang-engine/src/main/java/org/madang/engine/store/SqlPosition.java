package org.madang.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A 1-based line and column in the SQL text as the caller wrote it; shared by the admin query and the sandbox. */
public record SqlPosition(int line, int column) {

  private static final Pattern LINE = Pattern.compile("LINE (\\d+): (.*)");

  /** The position of a character offset. */
  public static SqlPosition ofChar(String sql, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SqlPosition(line, column);
  }

  /** The position of a UTF-8 byte offset, as DuckDB's parser reports them. */
  public static SqlPosition ofByte(String sql, long byteOffset) {
    byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
    int at = (int) Math.max(0, Math.min(byteOffset, bytes.length));
    return ofChar(sql, new String(bytes, 0, at, StandardCharsets.UTF_8).length());
  }

  /** The character offset of this position in {@code sql}. */
  public int offsetIn(String sql) {
    int offset = 0;
    for (int l = 1; l < line && offset < sql.length(); l++) {
      int nl = sql.indexOf('\n', offset);
      if (nl < 0) {
        return sql.length();
      }
      offset = nl + 1;
    }
    return Math.min(sql.length(), offset + column - 1);
  }

  /**
   * The position DuckDB's caret points at in an error message ({@code LINE 2: excerpt} with a caret below; long lines
   * are shortened with "..."), in the text that ran.
   */
  public static Optional<SqlPosition> ofMessage(String ran, String message) {
    String[] lines = message.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      Matcher m = LINE.matcher(lines[i]);
      if (!m.find()) {
        continue;
      }
      int lineNo = Integer.parseInt(m.group(1));
      int caret = lines[i + 1].indexOf('^');
      if (caret < 0) {
        return Optional.of(new SqlPosition(lineNo, 1));
      }
      String excerpt = m.group(2);
      int offsetInExcerpt = caret - m.start(2);
      if (excerpt.startsWith("...")) {
        excerpt = excerpt.substring(3);
        offsetInExcerpt -= 3;
      }
      if (excerpt.endsWith("...")) {
        excerpt = excerpt.substring(0, excerpt.length() - 3);
      }
      String[] ranLines = ran.split("\n", -1);
      int column = offsetInExcerpt + 1;
      if (lineNo >= 1 && lineNo <= ranLines.length) {
        int at = ranLines[lineNo - 1].indexOf(excerpt.length() > 40 ? excerpt.substring(0, 40) : excerpt);
        if (at >= 0) {
          column = at + offsetInExcerpt + 1;
        }
      }
      return Optional.of(new SqlPosition(lineNo, Math.max(1, column)));
    }
    return Optional.empty();
  }
}
