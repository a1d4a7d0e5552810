package org.madang.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;

/**
 * Decides which reader gets a file: the format the uploader named, else the one the file name's extension names, else
 * what the first bytes look like (a zip is XLSX, {@code PAR1} is Parquet, a JSON document is JSON or GeoJSON). A
 * {@code .json} file whose start mentions a FeatureCollection is read as GeoJSON.
 */
final class FormatDetector {

  private FormatDetector() {}

  static SourceFormat detect(SourceFormat requested, String fileName, Path file) {
    if (requested != null) {
      return requested;
    }
    byte[] head = head(file, 4096);
    Optional<SourceFormat> byName = SourceFormat.fromFileName(fileName);
    if (byName.isPresent()) {
      if (byName.get() == SourceFormat.JSON && looksLikeGeoJson(head)) {
        return SourceFormat.GEOJSON;
      }
      return byName.get();
    }
    String extension = extension(fileName);
    if (startsWith(head, new byte[] {'P', 'K', 3, 4}) && (extension.isEmpty() || extension.equals("zip"))) {
      return SourceFormat.XLSX;
    }
    if (startsWith(head, new byte[] {'P', 'A', 'R', '1'})) {
      return SourceFormat.PARQUET;
    }
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).stripLeading();
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      return looksLikeGeoJson(head) ? SourceFormat.GEOJSON : SourceFormat.JSON;
    }
    if (extension.isEmpty() || extension.equals("dat")) {
      if (looksLikeText(head)) {
        return SourceFormat.CSV;
      }
    }
    String hint = extension.equals("xls") ? " Save it as .xlsx and upload it again." : "";
    throw new MadangException(
        ErrorCode.UNKNOWN_FORMAT,
        "Madang cannot read " + (extension.isEmpty() ? "this kind of file" : "." + extension + " files")
            + "; upload CSV, TSV, XLSX, JSON, GeoJSON or Parquet." + hint,
        Map.of("field", "file", "fileName", fileName));
  }

  private static boolean looksLikeGeoJson(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8);
    return text.contains("\"FeatureCollection\"") || text.matches("(?s)\\s*\\{\\s*\"type\"\\s*:\\s*\"Feature\".*");
  }

  private static boolean looksLikeText(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return false;
      }
    }
    return head.length > 0;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static String extension(String fileName) {
    String n = fileName == null ? "" : fileName;
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1);
    int dot = n.lastIndexOf('.');
    return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static byte[] head(Path file, int bytes) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
