package org.madang.indicators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns three wide KOSIS-style tables of Seoul statistics (multi-row headers, one column per month, year or quarter)
 * into the long tables the demo ships for its indicators, one row per year (or quarter) and district. Values are
 * copied, or summed over the months of a year; {@code -} is read as 0, as the publisher defines it. How the demo's files
 * were made, and checked against their sources by {@link ShippedTidyTablesMatchTheirSourcesTest}:
 *
 * <pre>javac -d /tmp/tidier SeoulStatisticsTidier.java &amp;&amp; java -cp /tmp/tidier org.madang.indicators.SeoulStatisticsTidier \
 *     ../shared/data/seoul_open_data madang-app/src/main/resources/demo/seoul</pre>
 */
final class SeoulStatisticsTidier {

  static final String MONTHLY_ACCIDENTS = "traffic_accidents_by_gu_monthly_2005_2024.csv";
  static final String PEDESTRIAN = "traffic_accidents_pedestrian_by_gu_2005_2023.csv";
  static final String POPULATION = "population_by_gu_quarterly_2008_2025.csv";
  static final Map<String, String> OUTPUTS = Map.of(
      MONTHLY_ACCIDENTS, "traffic_accidents_by_gu_yearly_2005_2024.csv",
      PEDESTRIAN, "pedestrian_casualties_by_gu_yearly_2005_2023.csv",
      POPULATION, "population_by_gu_quarterly_2008_2025_long.csv");

  private SeoulStatisticsTidier() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SeoulStatisticsTidier SOURCE_DIR OUTPUT_DIR  (SOURCE_DIR: shared/data/seoul_open_data)");
      System.exit(2);
    }
    Path source = Path.of(args[0]);
    Path output = Path.of(args[1]);
    for (Map.Entry<String, String> e : OUTPUTS.entrySet()) {
      Files.writeString(output.resolve(e.getValue()), convert(e.getKey(), source.resolve(e.getKey())), StandardCharsets.UTF_8);
    }
  }

  /** The long table made from one of the three wide sources, as CSV text (UTF-8, LF). */
  static String convert(String name, Path file) {
    List<List<String>> rows = read(file);
    return switch (name) {
      case MONTHLY_ACCIDENTS -> yearlyAccidents(rows);
      case PEDESTRIAN -> pedestrianCasualties(rows);
      case POPULATION -> population(rows);
      default -> throw new IllegalArgumentException("no conversion for " + name);
    };
  }

  /** Header row 1: "2005. 01" ×3 per month (and "2024" ×3, the year's total, which is left out); row 2: the measure. */
  private static String yearlyAccidents(List<List<String>> rows) {
    List<String> months = rows.get(0);
    StringBuilder out = new StringBuilder("연도,자치구,발생건수,사망자수,부상자수\n");
    Map<Integer, List<Integer>> columnsByYear = new LinkedHashMap<>();
    for (int c = 2; c < months.size(); c++) {
      String h = months.get(c).strip();
      if (h.matches("\\d{4}\\. \\d{2}")) {
        columnsByYear.computeIfAbsent(Integer.parseInt(h.substring(0, 4)), y -> new ArrayList<>()).add(c);
      }
    }
    for (Map.Entry<Integer, List<Integer>> year : columnsByYear.entrySet()) {
      for (List<String> row : rows.subList(2, rows.size())) {
        long[] sums = new long[3];
        List<Integer> columns = year.getValue();
        for (int i = 0; i < columns.size(); i++) {
          sums[i % 3] += number(row.get(columns.get(i)));
        }
        out.append(year.getKey()).append(',').append(row.get(1).strip()).append(',').append(sums[0]).append(',').append(sums[1]).append(',')
            .append(sums[2]).append('\n');
      }
    }
    return out.toString();
  }

  /** Header rows: year (pandas-suffixed, "2005", "2005.1", ...), pedestrian action (소계 first), measure; 12 columns a year. */
  private static String pedestrianCasualties(List<List<String>> rows) {
    List<String> years = rows.get(0);
    List<String> actions = rows.get(1);
    StringBuilder out = new StringBuilder("연도,자치구,사망자수,부상자수\n");
    for (int c = 1; c + 1 < years.size(); c += 12) {
      if (!actions.get(c).strip().equals("소계")) {
        throw new IllegalStateException("column " + c + " is not a year's subtotal: " + actions.get(c));
      }
      int year = Integer.parseInt(years.get(c).strip().substring(0, 4));
      for (List<String> row : rows.subList(3, rows.size())) {
        out.append(year).append(',').append(row.get(0).strip()).append(',').append(number(row.get(c))).append(',').append(number(row.get(c + 1)))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** Rows: area × measure (세대, 계, 남자, ..., 65세이상고령자); columns: "2008. 1/4" ... ; total population is 계. */
  private static String population(List<List<String>> rows) {
    List<String> header = rows.get(0);
    StringBuilder out = new StringBuilder("연도,분기,자치구,인구,65세이상\n");
    Map<String, List<String>> total = new LinkedHashMap<>();
    Map<String, List<String>> seniors = new LinkedHashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.get(1).equals("계")) {
        total.put(row.get(0), row);
      } else if (row.get(1).equals("65세이상고령자")) {
        seniors.put(row.get(0), row);
      }
    }
    for (int c = 4; c < header.size(); c++) {
      String h = header.get(c).strip();
      if (!h.matches("\\d{4}\\. [1-4]/4")) {
        continue;
      }
      for (String area : total.keySet()) {
        out.append(h, 0, 4).append(',').append(h.charAt(6)).append(',').append(area).append(',').append(number(total.get(area).get(c))).append(',')
            .append(number(seniors.get(area).get(c))).append('\n');
      }
    }
    return out.toString();
  }

  private static long number(String cell) {
    String s = cell.strip().replace(",", "");
    return s.isEmpty() || s.equals("-") ? 0 : Long.parseLong(s);
  }

  /** A small RFC 4180 reader (quotes, doubled quotes), enough for these three UTF-8 files with a BOM. */
  static List<List<String>> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(ch);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }
}
