package org.madang.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Rewrites a delimited text file as UTF-8 with LF line ends in one streaming pass, checking as it goes that every
 * byte decodes and every record has the header's number of fields. Used for CP949 files (DuckDB reads UTF-8 only) and
 * for UTF-8 files DuckDB's strict parser rejects as a whole (mixed CRLF/LF line ends). Blank lines are dropped; the
 * byte-order mark is dropped.
 *
 * <p>Not thread-safe; one instance per file.
 */
final class CsvNormalizer {

  private final TextEncoding encoding;
  private final char delimiter;
  private final char quote;
  private final int columns;
  private final String fileName;

  private long line = 1;
  private long recordLine = 1;
  private long quoteOpenedLine = 1;
  private int fields;
  private boolean inQuotes;
  private boolean fieldStart = true;
  private boolean recordEmpty = true;
  private boolean pendingCr;
  private boolean lastWasClosingQuote;
  private long records;

  CsvNormalizer(TextEncoding encoding, char delimiter, char quote, int columns, String fileName) {
    this.encoding = encoding;
    this.delimiter = delimiter;
    this.quote = quote;
    this.columns = columns;
    this.fileName = fileName;
  }

  /**
   * Copies {@code source} to {@code target} (UTF-8, LF), or only checks it when {@code target} is null.
   *
   * @return the number of records, header records included
   * @throws MadangException UNDECODABLE_TEXT naming byte offset and line, or MALFORMED_FILE naming the line of a
   *     record with the wrong number of fields or of a quote that never closes
   */
  long normalize(Path source, Path target) {
    CharsetDecoder decoder =
        encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try (InputStream in = Files.newInputStream(source);
        Writer out = target == null ? Writer.nullWriter() : new OutputStreamWriter(Files.newOutputStream(target), StandardCharsets.UTF_8)) {
      ByteBuffer bytes = ByteBuffer.allocate(1 << 20);
      CharBuffer chars = CharBuffer.allocate(1 << 20);
      char[] output = new char[(1 << 20) + 16];
      long consumed = 0;
      boolean first = true;
      boolean eof = false;
      while (!eof) {
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
        if (first) {
          first = false;
          if (bytes.remaining() >= 3 && (bytes.get(0) & 0xFF) == 0xEF && (bytes.get(1) & 0xFF) == 0xBB && (bytes.get(2) & 0xFF) == 0xBF
              && encoding.isUtf8()) {
            bytes.position(3);
            consumed = 3;
          }
        }
        while (true) {
          int before = bytes.position();
          CoderResult r = decoder.decode(bytes, chars, eof);
          consumed += bytes.position() - before;
          chars.flip();
          int len = process(chars, output);
          out.write(output, 0, len);
          chars.clear();
          if (r.isError()) {
            throw undecodable(consumed);
          }
          if (r.isOverflow()) {
            continue;
          }
          break;
        }
        if (eof) {
          CoderResult r = decoder.flush(chars);
          if (r.isError() || bytes.hasRemaining()) {
            throw undecodable(consumed);
          }
        }
        bytes.compact();
      }
      int len = finish(output);
      out.write(output, 0, len);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  private MadangException undecodable(long offset) {
    return new MadangException(
        ErrorCode.UNDECODABLE_TEXT,
        "The file " + fileName + " is not valid " + encoding.label() + " text: the bytes at offset " + offset + " (line " + line
            + ") cannot be decoded.",
        Map.of("line", line, "offset", offset, "encoding", encoding.label()));
  }

  private int process(CharBuffer chars, char[] out) {
    int o = 0;
    char[] a = chars.array();
    int end = chars.limit();
    for (int i = chars.position(); i < end; i++) {
      char c = a[i];
      if (pendingCr) {
        pendingCr = false;
        if (c == '\n') {
          continue; // the LF of a CRLF already ended the line
        }
      }
      if (inQuotes) {
        if (c == quote) {
          inQuotes = false; // unless the next character is a quote too: "" inside quotes, handled below
          out[o++] = c;
          lastWasClosingQuote = true;
          continue;
        }
        if (c == '\r' || c == '\n') {
          line++;
          if (c == '\r') {
            pendingCr = true;
          }
          out[o++] = '\n';
          continue;
        }
        out[o++] = c;
        continue;
      }
      if (lastWasClosingQuote && c == quote) {
        // "" inside a quoted field: back inside the quotes
        lastWasClosingQuote = false;
        inQuotes = true;
        out[o++] = c;
        continue;
      }
      lastWasClosingQuote = false;
      if (c == delimiter) {
        fields++;
        fieldStart = true;
        recordEmpty = false;
        out[o++] = c;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          pendingCr = true;
        }
        if (recordEmpty && fieldStart) {
          line++; // a blank line: dropped
          recordLine = line;
          continue;
        }
        endRecord();
        out[o++] = '\n';
        line++;
        recordLine = line;
      } else if (fieldStart && quote != 0 && c == quote) {
        inQuotes = true;
        quoteOpenedLine = line;
        fieldStart = false;
        recordEmpty = false;
        out[o++] = c;
      } else {
        fieldStart = false;
        recordEmpty = false;
        out[o++] = c;
      }
    }
    return o;
  }

  private void endRecord() {
    int found = fields + 1;
    if (found != columns) {
      throw CsvDialectDetector.raggedRow(fileName, recordLine, columns, found);
    }
    records++;
    fields = 0;
    fieldStart = true;
    recordEmpty = true;
  }

  private int finish(char[] out) {
    if (inQuotes) {
      throw new MadangException(
          ErrorCode.MALFORMED_FILE,
          "The file " + fileName + " has a quoted field starting on line " + quoteOpenedLine + " that is never closed.",
          Map.of("line", quoteOpenedLine));
    }
    if (!(recordEmpty && fieldStart)) {
      endRecord();
      out[0] = '\n';
      return 1;
    }
    return 0;
  }
}
