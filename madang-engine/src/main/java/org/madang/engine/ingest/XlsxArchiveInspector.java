package org.madang.engine.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;

/**
 * Looks inside an XLSX (a zip) before anything inflates it, and refuses zip bombs: archives whose entries claim to
 * expand past the configured limit, entries that compress better than 100:1, or absurd numbers of entries. The sizes
 * in a zip's directory can lie, so POI's {@code ZipSecureFile} checks the ratio again while inflating.
 */
final class XlsxArchiveInspector {

  /** Ratio of compressed to uncompressed size below which an entry is a bomb (POI's default too). */
  static final double MIN_INFLATE_RATIO = 0.01;
  /** Entries smaller than this may compress as well as they like. */
  static final long GRACE_BYTES = 1 << 20;
  static final int MAX_ENTRIES = 10_000;

  private XlsxArchiveInspector() {}

  static void check(Path file, String fileName, long maxUncompressedBytes) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      long total = 0;
      int entries = 0;
      boolean workbook = false;
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        entries++;
        if (entries > MAX_ENTRIES) {
          throw suspicious(fileName, "it holds more than " + MAX_ENTRIES + " files", entry.getName());
        }
        workbook |= entry.getName().equals("xl/workbook.xml");
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0) {
          continue; // unknown here; ZipSecureFile checks while inflating
        }
        total += size;
        if (total > maxUncompressedBytes) {
          throw suspicious(fileName, "it would expand to more than " + maxUncompressedBytes + " bytes", entry.getName());
        }
        if (size > GRACE_BYTES && (double) compressed / size < MIN_INFLATE_RATIO) {
          throw suspicious(fileName, "its part " + entry.getName() + " expands " + (size / Math.max(1, compressed)) + " times", entry.getName());
        }
      }
      if (!workbook) {
        throw new MadangException(
            ErrorCode.MALFORMED_FILE, "The file " + fileName + " is a zip archive but not an Excel workbook.", Map.of("field", "file"));
      }
    } catch (IOException e) {
      throw new MadangException(
          ErrorCode.MALFORMED_FILE, "The file " + fileName + " is not a readable XLSX workbook.", Map.of("field", "file"), e);
    }
  }

  static MadangException suspicious(String fileName, String why, String entry) {
    return new MadangException(
        ErrorCode.SUSPICIOUS_ARCHIVE,
        "The file " + fileName + " was refused as a possible zip bomb: " + why + ".",
        Map.of("field", "file", "entry", entry));
  }

  /** Whether an exception thrown while POI inflated the workbook was its zip-bomb guard. */
  static boolean isZipBombGuard(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && (m.contains("Zip bomb") || m.contains("max entry size") || m.contains("MaxEntrySize") || m.contains("exceeds the maximum"))) {
        return true;
      }
    }
    return false;
  }
}
