package org.madang.engine.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Tells which encoding a text file is written in by decoding a sample strictly: a byte-order mark means UTF-8; bytes
 * that are valid UTF-8 are UTF-8; bytes that are not, but decode as CP949, are CP949. Bytes that decode as neither are
 * refused, naming the byte offset and line.
 *
 * <p>Stateless and thread-safe.
 */
final class CsvEncodingDetector {

  private CsvEncodingDetector() {}

  /**
   * The encoding of a file that starts with {@code sample}.
   *
   * @param complete true when the sample is the whole file; else a character cut at the end is forgiven
   * @param fileName for messages
   */
  static TextEncoding detect(byte[] sample, boolean complete, String fileName) {
    if (sample.length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
      long bad = firstUndecodable(TextEncoding.UTF_8, sample, 3, complete);
      if (bad >= 0) {
        throw undecodable(fileName, TextEncoding.UTF_8, sample, bad);
      }
      return TextEncoding.UTF_8_BOM;
    }
    long utf8Error = firstUndecodable(TextEncoding.UTF_8, sample, 0, complete);
    if (utf8Error < 0) {
      return TextEncoding.UTF_8;
    }
    long cp949Error = firstUndecodable(TextEncoding.CP949, sample, 0, complete);
    if (cp949Error < 0) {
      return TextEncoding.CP949;
    }
    // Neither reads the file: blame the encoding that got further, it is the one the file was meant to be in.
    throw cp949Error > utf8Error
        ? undecodable(fileName, TextEncoding.CP949, sample, cp949Error)
        : undecodable(fileName, TextEncoding.UTF_8, sample, utf8Error);
  }

  /** Checks that the sample is valid in an encoding the caller named; refuses it naming the line otherwise. */
  static void requireDecodable(TextEncoding encoding, byte[] sample, boolean complete, String fileName) {
    int start = encoding.bomLength() > 0 && sample.length >= 3 ? 3 : 0;
    long bad = firstUndecodable(encoding, sample, start, complete);
    if (bad < 0) {
      return;
    }
    if (encoding.isUtf8() && firstUndecodable(TextEncoding.CP949, sample, 0, complete) < 0) {
      long line = lineOf(sample, bad);
      throw new MadangException(
          ErrorCode.UNDECODABLE_TEXT,
          "The file " + fileName + " was declared UTF-8 but line " + line + " is not valid UTF-8; it looks like CP949 (EUC-KR).",
          Map.of("line", line, "offset", bad, "encoding", encoding.label(), "suggestedEncoding", "CP949"));
    }
    throw undecodable(fileName, encoding, sample, bad);
  }

  /**
   * The byte offset of the first byte sequence that does not decode, or -1. When the sample is not complete, a
   * sequence cut off by the end of the sample is not an error.
   */
  static long firstUndecodable(TextEncoding encoding, byte[] bytes, int start, boolean complete) {
    CharsetDecoder decoder =
        encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, complete);
      if (r.isError()) {
        return in.position();
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      break; // underflow: all input consumed, or only a cut-off sequence remains
    }
    if (complete) {
      CoderResult r = decoder.flush(out);
      if (r.isError()) {
        return in.position();
      }
      if (in.hasRemaining()) {
        return in.position();
      }
    }
    return -1;
  }

  static MadangException undecodable(String fileName, TextEncoding tried, byte[] bytes, long offset) {
    long line = lineOf(bytes, offset);
    String hex = offset < bytes.length ? String.format("0x%02X", bytes[(int) offset] & 0xFF) : "end of file";
    return new MadangException(
        ErrorCode.UNDECODABLE_TEXT,
        "The file " + fileName + " is neither UTF-8 nor CP949 text: byte " + hex + " at offset " + offset + " (line " + line
            + ") cannot be decoded.",
        Map.of("line", line, "offset", offset, "encoding", tried.label()));
  }

  static long lineOf(byte[] bytes, long offset) {
    long line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
