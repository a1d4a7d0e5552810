package org.madang.campus;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An output's table as rows: its dimensions (a total shown as {@value #TOTAL}), its measures, and whether the row was
 * suppressed. Read from the stored report, in the publishable view (suppressed values empty) or the steward's (every
 * value, the records behind it and the reason of a suppression).
 */
record OutputTable(List<String> columns, List<Map<String, Object>> rows) {

  static final String TOTAL = "합계";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static JsonNode report(OutputRequest o) {
    return JSON.readTree(o.report());
  }

  /** The table of a stored report ({@link #report}), as it may leave or as the steward sees it. */
  static OutputTable of(JsonNode report, boolean steward) {
    JsonNode summary = report.path("summary");
    List<String> columns = new ArrayList<>();
    summary.path("dimensions").forEach(d -> columns.add(d.asString()));
    int dimensions = columns.size();
    summary.path("measures").forEach(m -> columns.add(m.asString()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode cell : report.path(steward ? "steward" : "publishable")) {
      Map<String, Object> row = new LinkedHashMap<>();
      List<String> totals = new ArrayList<>();
      cell.path("total_over").forEach(t -> totals.add(t.asString()));
      for (int i = 0; i < columns.size(); i++) {
        String c = columns.get(i);
        JsonNode v = i < dimensions ? cell.path("key").path(c) : cell.path("values").path(c);
        row.put(c, i < dimensions && totals.contains(c) ? TOTAL : value(v));
      }
      boolean suppressed = cell.path("suppressed").asBoolean();
      row.put("_status", steward ? cell.path("status").asString() : suppressed ? "suppressed" : "published");
      if (steward) {
        row.put("_records", cell.path("records").asLong());
      }
      rows.add(row);
    }
    return new OutputTable(columns, rows);
  }

  private static Object value(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return v.asString();
  }

  /** CSV in UTF-8 with a byte-order mark (so Excel reads Korean), a {@code suppressed} column last. */
  void csv(OutputStream out) {
    StringBuilder s = new StringBuilder("\uFEFF");
    List<String> header = new ArrayList<>(columns);
    header.add("suppressed");
    s.append(String.join(",", header.stream().map(OutputTable::csvCell).toList())).append("\r\n");
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        cells.add(csvCell(row.get(c)));
      }
      cells.add(String.valueOf(!"published".equals(row.get("_status"))));
      s.append(String.join(",", cells)).append("\r\n");
    }
    try {
      out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void xlsx(OutputStream out) {
    try (XSSFWorkbook book = new XSSFWorkbook()) {
      Sheet sheet = book.createSheet("output");
      Row head = sheet.createRow(0);
      for (int c = 0; c < columns.size(); c++) {
        head.createCell(c).setCellValue(columns.get(c));
      }
      head.createCell(columns.size()).setCellValue("suppressed");
      int n = 1;
      for (Map<String, Object> row : rows) {
        Row r = sheet.createRow(n++);
        for (int c = 0; c < columns.size(); c++) {
          Object v = row.get(columns.get(c));
          if (v instanceof Number num) {
            r.createCell(c).setCellValue(num.doubleValue());
          } else if (v != null) {
            r.createCell(c).setCellValue(v.toString());
          }
        }
        r.createCell(columns.size()).setCellValue(!"published".equals(row.get("_status")));
      }
      book.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : v.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
