package org.madang.engine.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code CREATE [OR REPLACE] TABLE name AS <select>}, recognized by its head only: DuckDB's serializer accepts nothing
 * but SELECT, so the sandbox checks the SELECT after {@code AS} like any query and writes the CREATE itself, into the
 * project's schema, whatever schema the text may have wanted.
 *
 * @param selectStart the character offset in the text where the SELECT begins
 */
record CreateTableStatement(String table, boolean replace, int selectStart) {

  private static final Pattern HEAD =
      Pattern.compile("(?is)\\A\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?TABLE\\s+(\"?)([A-Za-z_][A-Za-z0-9_]{0,62})\\2\\s+AS\\s");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  static Optional<CreateTableStatement> find(String sql) {
    Matcher m = HEAD.matcher(sql);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new CreateTableStatement(m.group(3).toLowerCase(java.util.Locale.ROOT), m.group(1) != null, m.end()));
  }

  static boolean isTableName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
