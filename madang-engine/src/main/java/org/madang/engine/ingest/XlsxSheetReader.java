package org.madang.engine.ingest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.madang.engine.EngineOptions;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.SourceFormat;
import org.madang.engine.ingest.CsvSampleParser.SampleRecord;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Streams one sheet of an XLSX workbook (the first, or the one named) into a work CSV with POI's event API, so a
 * sheet of a million rows never sits in memory. Numbers are written as stored (3.0 → 3), dates in ISO form; header
 * rows are found as for CSV from the first rows. The archive is inspected for zip bombs before POI opens it.
 */
final class XlsxSheetReader {

  private static final int HEADER_SAMPLE_ROWS = 2_000;

  private XlsxSheetReader() {}

  static PreparedSource prepare(Path file, String fileName, String sheetName, EngineOptions options, Path workDir) {
    XlsxArchiveInspector.check(file, fileName, options.maxUncompressedBytes());
    ZipSecureFile.setMinInflateRatio(XlsxArchiveInspector.MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(Math.max(options.maxUncompressedBytes(), XlsxArchiveInspector.GRACE_BYTES));
    Path target = workDir.resolve("source.csv");
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        WorkCsvWriter writer = new WorkCsvWriter(target)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      List<String> names = new ArrayList<>();
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          String name = sheets.getSheetName();
          names.add(name);
          if (sheetName == null || sheetName.equals(name)) {
            RowCollector rows = new RowCollector(writer, options.maxColumns(), fileName);
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, rows, new IsoDataFormatter(), false));
            xml.parse(new InputSource(sheet));
            rows.finish();
            return rows.prepared(target, fileName, name);
          }
        }
      }
      throw new MadangException(
          ErrorCode.INVALID_ARGUMENT,
          names.isEmpty()
              ? "The workbook " + fileName + " has no sheets."
              : "The workbook " + fileName + " has no sheet named " + sheetName + "; it has " + String.join(", ", names) + ".",
          Map.of("field", "sheet"));
    } catch (MadangException e) {
      throw e;
    } catch (Exception e) {
      if (XlsxArchiveInspector.isZipBombGuard(e)) {
        throw XlsxArchiveInspector.suspicious(fileName, "a part expands far more than a spreadsheet does", "");
      }
      if (e.getCause() instanceof MadangException m) {
        throw m;
      }
      throw new MadangException(ErrorCode.MALFORMED_FILE, "The file " + fileName + " is not a readable XLSX workbook.", Map.of("field", "file"), e);
    }
  }

  /** Gathers cells into rows; buffers the first rows to find the header, then streams the rest. */
  private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final WorkCsvWriter writer;
    private final int maxColumns;
    private final String fileName;
    private final List<SampleRecord> buffered = new ArrayList<>();
    private String[] row = new String[16];
    private int rowWidth;
    private int width;
    private int headerRecords = -1;
    private List<String> labels;
    private long firstDataRow;

    RowCollector(WorkCsvWriter writer, int maxColumns, String fileName) {
      this.writer = writer;
      this.maxColumns = maxColumns;
      this.fileName = fileName;
    }

    @Override
    public void startRow(int rowNum) {
      rowWidth = 0;
      Arrays.fill(row, null);
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = columnIndex(reference);
      if (column >= maxColumns) {
        throw new MadangException(
            ErrorCode.TOO_MANY_COLUMNS,
            "The sheet in " + fileName + " has more than " + maxColumns + " columns.",
            Map.of("column", column + 1, "maxColumns", maxColumns, "cell", reference));
      }
      if (value == null || value.isBlank()) {
        return;
      }
      if (column >= row.length) {
        row = Arrays.copyOf(row, Math.max(column + 1, row.length * 2));
      }
      row[column] = value;
      rowWidth = Math.max(rowWidth, column + 1);
    }

    @Override
    public void endRow(int rowNum) {
      if (rowWidth == 0) {
        return; // blank rows carry nothing
      }
      String[] values = Arrays.copyOf(row, rowWidth);
      width = Math.max(width, rowWidth);
      if (headerRecords < 0) {
        buffered.add(new SampleRecord(values, rowNum + 1L));
        if (buffered.size() >= HEADER_SAMPLE_ROWS) {
          decideHeader();
        }
      } else {
        writer.write(values);
      }
    }

    void finish() {
      if (headerRecords < 0) {
        decideHeader();
      }
    }

    private void decideHeader() {
      if (buffered.isEmpty()) {
        throw new MadangException(ErrorCode.EMPTY_FILE, "The sheet in " + fileName + " is empty.", Map.of("field", "file"));
      }
      List<SampleRecord> padded = new ArrayList<>(buffered.size());
      for (SampleRecord r : buffered) {
        String[] f = Arrays.copyOf(r.fields(), width);
        for (int i = 0; i < f.length; i++) {
          if (f[i] == null) {
            f[i] = "";
          }
        }
        padded.add(new SampleRecord(f, r.line()));
      }
      headerRecords = CsvDialectDetector.headerRecords(padded, width);
      if (headerRecords >= padded.size()) {
        throw new MadangException(
            ErrorCode.EMPTY_FILE, "The sheet in " + fileName + " has a header but no rows.", Map.of("row", padded.get(padded.size() - 1).line() + 1));
      }
      labels = CsvDialectDetector.labels(padded.subList(0, headerRecords), width);
      firstDataRow = padded.get(headerRecords).line();
      for (SampleRecord r : buffered.subList(headerRecords, buffered.size())) {
        writer.write(r.fields());
      }
      buffered.clear();
    }

    PreparedSource prepared(Path target, String fileName, String sheet) {
      List<String> allLabels = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        String label = i < labels.size() ? labels.get(i) : "";
        allLabels.add(label);
      }
      List<String> names = ColumnNamer.namesFor(allLabels);
      for (int i = 0; i < width; i++) {
        if (allLabels.get(i).isEmpty()) {
          allLabels.set(i, names.get(i));
        }
      }
      writer.close();
      List<SourceColumn> columns = writer.columns(names, allLabels);
      return new PreparedSource(
          target, SourceFormat.XLSX, false, null, ',', '"', 0, headerRecords, true, columns, firstDataRow, "row",
          List.of(), null);
    }

    private static int columnIndex(String reference) {
      int column = 0;
      for (int i = 0; i < reference.length(); i++) {
        char c = reference.charAt(i);
        if (c < 'A' || c > 'Z') {
          break;
        }
        column = column * 26 + (c - 'A' + 1);
      }
      return column - 1;
    }
  }

  /** Numbers as stored (no grouping, no rounding to the cell's format), dates and times in ISO 8601. */
  private static final class IsoDataFormatter extends DataFormatter {
    IsoDataFormatter() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
        if (t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0) {
          return t.toLocalDate().toString();
        }
        return t.toLocalDate() + " " + t.toLocalTime();
      }
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return String.valueOf(value);
      }
      BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return formatRawCellContents(value, formatIndex, formatString, false);
    }
  }
}
