package org.madang.indicators;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * All indicators as one table: CSV (UTF-8 with a byte-order mark, so Excel reads the Korean names) or XLSX (a sheet of
 * indicators and a sheet of every city value by year).
 */
final class IndicatorExport {

  static final List<String> COLUMNS = List.of("code", "theme", "name", "name_en", "organization", "unit", "polarity", "method", "year", "value",
      "target_year", "target", "baseline_year", "baseline", "achievement", "status", "source", "targets_note");

  private IndicatorExport() {}

  static void csv(List<IndicatorReport> reports, OutputStream out) throws IOException {
    StringBuilder s = new StringBuilder("\uFEFF");
    s.append(String.join(",", COLUMNS)).append("\r\n");
    for (IndicatorReport r : reports) {
      List<String> cells = new ArrayList<>();
      for (Object v : row(r)) {
        cells.add(csvCell(v));
      }
      s.append(String.join(",", cells)).append("\r\n");
    }
    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void xlsx(List<IndicatorReport> reports, OutputStream out) {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet("indicators");
      header(sheet, COLUMNS);
      int n = 1;
      for (IndicatorReport r : reports) {
        Row row = sheet.createRow(n++);
        List<Object> values = row(r);
        for (int c = 0; c < values.size(); c++) {
          put(row.createCell(c), values.get(c));
        }
      }
      Sheet history = book.createSheet("values");
      header(history, List.of("code", "year", "value", "origin"));
      n = 1;
      for (IndicatorReport r : reports) {
        for (IndicatorValue v : r.cityValues()) {
          Row row = history.createRow(n++);
          put(row.createCell(0), r.indicator().code());
          put(row.createCell(1), v.year());
          put(row.createCell(2), v.value());
          put(row.createCell(3), v.manual() ? "manual" : "computed");
        }
      }
      book.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(Sheet sheet, List<String> names) {
    Row row = sheet.createRow(0);
    for (int c = 0; c < names.size(); c++) {
      row.createCell(c).setCellValue(names.get(c));
    }
  }

  private static void put(Cell cell, Object v) {
    if (v instanceof Number n) {
      cell.setCellValue(n.doubleValue());
    } else if (v != null) {
      cell.setCellValue(String.valueOf(v));
    }
  }

  private static List<Object> row(IndicatorReport r) {
    Map<String, Object> s = IndicatorJson.summary(r);
    List<Object> row = new ArrayList<>();
    for (String c : COLUMNS) {
      row.add(switch (c) {
        case "source" -> r.indicator().source();
        case "targets_note" -> r.indicator().targetsNote();
        default -> s.get(c);
      });
    }
    return row;
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    String s = String.valueOf(v);
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
