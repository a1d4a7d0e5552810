package org.madang.engine.ingest;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Optional;

/**
 * A text encoding the engine reads: UTF-8 (with or without a byte-order mark) or CP949, Windows' superset of EUC-KR in
 * which most Korean public-sector files are written.
 *
 * @param label how the encoding is reported, e.g. {@code UTF-8}, {@code UTF-8-BOM}, {@code CP949}
 * @param bomLength bytes of byte-order mark at the start of the file (3 for UTF-8-BOM, else 0)
 */
record TextEncoding(String label, Charset charset, int bomLength) {

  static final TextEncoding UTF_8 = new TextEncoding("UTF-8", java.nio.charset.StandardCharsets.UTF_8, 0);
  static final TextEncoding UTF_8_BOM = new TextEncoding("UTF-8-BOM", java.nio.charset.StandardCharsets.UTF_8, 3);
  static final TextEncoding CP949 = new TextEncoding("CP949", Charset.forName("x-windows-949"), 0);

  boolean isUtf8() {
    return charset.equals(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The encoding a caller named, if the engine reads it: UTF-8, CP949, MS949, EUC-KR (read as CP949). */
  static Optional<TextEncoding> named(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT).replace("_", "-");
    return switch (n) {
      case "UTF-8", "UTF8" -> Optional.of(UTF_8);
      case "UTF-8-BOM", "UTF-8-SIG", "UTF8-BOM" -> Optional.of(UTF_8_BOM);
      case "CP949", "MS949", "X-WINDOWS-949", "WINDOWS-949" -> Optional.of(CP949);
      case "EUC-KR", "EUCKR", "KS-C-5601-1987", "KSC5601" -> Optional.of(new TextEncoding("EUC-KR", CP949.charset(), 0));
      default -> Optional.empty();
    };
  }
}
