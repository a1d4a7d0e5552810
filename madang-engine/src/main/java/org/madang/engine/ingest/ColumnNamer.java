package org.madang.engine.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the headers a file was written with into column names that are safe in SQL and URLs: lowercase ASCII
 * snake_case, starting with a letter, at most 63 characters, unique in the table. Hangul is romanized ({@code 위도} →
 * {@code wido}); an empty header becomes {@code column_N}; repeats get {@code _2}, {@code _3}. Names the engine adds
 * itself ({@code _id}, {@code district_code}, {@code h3_cell}, ...) are never handed to a source column.
 *
 * <p>Not thread-safe: one instance names the columns of one table.
 */
public final class ColumnNamer {

  /** Names the engine adds to every table or to spatial ones. */
  public static final List<String> RESERVED = List.of("_id", "district_code", "h3_cell", "_lon", "_lat", "rowid");

  private static final int MAX_LENGTH = 63;

  private final Set<String> taken = new HashSet<>(RESERVED);

  /** The safe name for the header at 1-based {@code position}. */
  public String nameFor(String header, int position) {
    String base = toSnakeCase(header);
    if (base.isEmpty()) {
      base = "column_" + position;
    }
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      String suffix = "_" + n;
      name = (base.length() + suffix.length() > MAX_LENGTH ? base.substring(0, MAX_LENGTH - suffix.length()) : base) + suffix;
    }
    return name;
  }

  /** Safe names for a whole header row, in order. */
  public static List<String> namesFor(List<String> headers) {
    ColumnNamer namer = new ColumnNamer();
    List<String> names = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      names.add(namer.nameFor(headers.get(i), i + 1));
    }
    return names;
  }

  static String toSnakeCase(String header) {
    if (header == null) {
      return "";
    }
    String text = HangulRomanizer.romanize(Normalizer.normalize(header.strip(), Normalizer.Form.NFKC));
    // "statnLat" and "FCLTY_LA" both become snake_case: split camel humps before lowercasing.
    text = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    text = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(text.length());
    boolean underscore = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
        underscore = false;
      } else if (!underscore && out.length() > 0) {
        out.append('_');
        underscore = true;
      }
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    if (out.length() > 0 && Character.isDigit(out.charAt(0))) {
      out.insert(0, "col_");
    }
    if (out.length() > MAX_LENGTH) {
      out.setLength(MAX_LENGTH);
      while (out.charAt(out.length() - 1) == '_') {
        out.setLength(out.length() - 1);
      }
    }
    return out.toString();
  }
}
