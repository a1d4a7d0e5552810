package org.madang.engine.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.IngestProgress;
import org.madang.engine.IngestRequest;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;

/**
 * Makes an upload ready for DuckDB: picks the reader for its format, finds encoding, delimiter and header, names and
 * types the columns, and leaves in {@code workDir} a file DuckDB reads fast (UTF-8 CSV or Parquet). UTF-8 text is
 * linked, not copied; CP949 text is transcoded in one streaming pass; XLSX, JSON and GeoJSON are streamed into a CSV.
 *
 * <p>Stateless and thread-safe; every call works in its own {@code workDir}.
 */
public final class SourcePreparer {

  static final int SAMPLE_BYTES = 1 << 20;

  private SourcePreparer() {}

  /**
   * Prepares one upload.
   *
   * @throws MadangException naming the line, column or field when the file cannot be read
   */
  public static PreparedSource prepare(IngestRequest request, EngineOptions options, Path workDir, IngestProgress progress) {
    String fileName = request.fileName() == null ? request.file().getFileName().toString() : request.fileName();
    SourceFormat format = FormatDetector.detect(request.format(), fileName, request.file());
    progress.update("reading", 0, -1);
    return switch (format) {
      case CSV, TSV -> prepareDelimited(request, format, fileName, options, workDir);
      case XLSX -> XlsxSheetReader.prepare(request.file(), fileName, request.sheet(), options, workDir);
      case JSON -> JsonRecordsReader.prepare(request.file(), fileName, options, workDir);
      case GEOJSON -> GeoJsonFeatureReader.prepare(request.file(), fileName, options, workDir);
      case PARQUET -> prepareParquet(request.file(), workDir);
    };
  }

  private static PreparedSource prepareParquet(Path file, Path workDir) {
    Path target = linkOrCopy(file, workDir.resolve("source.parquet"));
    return new PreparedSource(target, SourceFormat.PARQUET, true, null, ',', '"', 0, 0, false, List.of(), 1, "row", List.of(), null);
  }

  private static PreparedSource prepareDelimited(
      IngestRequest request, SourceFormat format, String fileName, EngineOptions options, Path workDir) {
    Path file = request.file();
    byte[] sample;
    long size;
    try {
      size = Files.size(file);
      sample = FormatDetector.head(file, SAMPLE_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean complete = sample.length >= size;
    TextEncoding chosen;
    if (request.encoding() != null && !request.encoding().isBlank()) {
      chosen =
          TextEncoding.named(request.encoding())
              .orElseThrow(
                  () ->
                      new MadangException(
                          ErrorCode.INVALID_ARGUMENT,
                          "Madang does not know the encoding " + request.encoding() + "; use UTF-8 or CP949.",
                          Map.of("field", "encoding")));
      if (chosen.isUtf8() && hasBom(sample)) {
        chosen = TextEncoding.UTF_8_BOM;
      }
      CsvEncodingDetector.requireDecodable(chosen, sample, complete, fileName);
    } else {
      chosen = CsvEncodingDetector.detect(sample, complete, fileName);
    }
    TextEncoding encoding = chosen;
    String text = decodeSample(encoding, sample, complete);
    CsvLayout layout = CsvDialectDetector.detect(text, complete, format, options.maxColumns(), fileName);

    List<String> labels = new ArrayList<>(layout.labels());
    if (layout.headerRecords() == 0) {
      labels.clear();
      for (int i = 1; i <= layout.columns(); i++) {
        labels.add("column_" + i);
      }
    }
    List<String> names = ColumnNamer.namesFor(labels);
    ColumnTypeGuesser guesser = new ColumnTypeGuesser(layout.columns());
    for (String[] row : layout.sample()) {
      guesser.accept(row);
    }
    List<SourceColumn> columns = new ArrayList<>();
    for (int i = 0; i < layout.columns(); i++) {
      String label = labels.get(i).isEmpty() ? names.get(i) : labels.get(i);
      columns.add(guesser.column(i, names.get(i), label));
    }
    String delimiterLabel = layout.delimiter() == '\t' ? "\\t" : String.valueOf(layout.delimiter());
    SourceFormat reported = layout.delimiter() == '\t' ? SourceFormat.TSV : format;
    Path target = workDir.resolve("source.csv");
    boolean detected = request.encoding() == null || request.encoding().isBlank();
    PreparedSource.Repair repair = () -> rewrite(file, fileName, encoding, detected, layout, reported, columns, workDir);
    if (encoding.isUtf8()) {
      linkOrCopy(file, target);
      return new PreparedSource(
          target, reported, false, encoding.label(), layout.delimiter(), layout.quote(), layout.headerRecords(), layout.headerRecords(),
          false, columns, layout.firstDataLine(), "line", List.of(), repair);
    }
    return repair.rewrite();
  }

  /**
   * Rewrites the upload as UTF-8 with LF line ends. A file detected as UTF-8 from its start that turns out to hold CP949
   * further down is read as CP949 when the whole file decodes so.
   */
  private static PreparedSource rewrite(
      Path file, String fileName, TextEncoding encoding, boolean detected, CsvLayout layout, SourceFormat reported,
      List<SourceColumn> columns, Path workDir) {
    Path rewritten = workDir.resolve("source-utf8.csv");
    TextEncoding used = encoding;
    try {
      new CsvNormalizer(encoding, layout.delimiter(), layout.quote(), layout.columns(), fileName).normalize(file, rewritten);
    } catch (MadangException e) {
      if (e.code() != ErrorCode.UNDECODABLE_TEXT || !detected || !encoding.isUtf8()) {
        throw e;
      }
      try {
        new CsvNormalizer(TextEncoding.CP949, layout.delimiter(), layout.quote(), layout.columns(), fileName).normalize(file, rewritten);
        used = TextEncoding.CP949;
      } catch (MadangException notCp949) {
        throw e;
      }
    }
    return new PreparedSource(
        rewritten, reported, false, used.label(), layout.delimiter(), layout.quote(), layout.headerRecords(), layout.headerRecords(),
        false, columns, layout.firstDataLine(), "line", List.of(), null);
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  static String decodeSample(TextEncoding encoding, byte[] sample, boolean complete) {
    CharsetDecoder decoder =
        encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = encoding.bomLength() > 0 || hasBom(sample) && encoding.isUtf8() ? 3 : 0;
    ByteBuffer in = ByteBuffer.wrap(sample, start, sample.length - start);
    CharBuffer out = CharBuffer.allocate(sample.length + 16);
    decoder.decode(in, out, complete);
    if (complete) {
      decoder.flush(out);
    }
    out.flip();
    return out.toString();
  }

  /** Puts the upload into the work directory: a hard link when the file system allows, else a copy. */
  static Path linkOrCopy(Path source, Path target) {
    try {
      Files.deleteIfExists(target);
      try {
        Files.createLink(target, source.toAbsolutePath());
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        Files.copy(source, target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
