package org.madang.feeds.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seoul's 2019 daily average air quality of the 25 district stations (서울시 일별 평균 대기오염도, data.seoul.go.kr
 * OA-2218, the demo's {@code air_daily_avg_by_station_2019_cp949.csv}), as a continuous year: a day's average is the
 * value at noon of that day, and between two noons (or across days the file lacks) the value is linear between the
 * nearest days that have one. The year wraps around, so December 31 leads into January 1. Road-side and background
 * stations (강남대로, 남산, ...) are left out: the replay reports districts, which every screen can place.
 */
final class DailyAirAverages {

  static final int YEAR = 2019;
  static final int DAYS = 365;
  private static final LocalDateTime FIRST_NOON = LocalDate.of(YEAR, 1, 1).atTime(12, 0);
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  /**
   * The file's columns after 측정일시, 측정소명, in order, as measure names. The third is headed 이산화탄소농도 (carbon
   * dioxide) in the file, but its values (0.3-1.5 ppm) are carbon monoxide, as in the source's other years: it is co.
   */
  static final List<String> MEASURES = List.of("no2", "o3", "co", "so2", "pm10", "pm25");

  private final Map<String, double[][]> byStation;

  private DailyAirAverages(Map<String, double[][]> byStation) {
    this.byStation = byStation;
  }

  static DailyAirAverages load(InputStream csv) {
    Map<String, double[][]> byStation = new LinkedHashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(csv, Charset.forName("MS949")))) {
      String header = in.readLine();
      if (header == null || !header.startsWith("측정일시,측정소명")) {
        throw new IllegalStateException("the air-quality file does not start with 측정일시,측정소명");
      }
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split(",", -1);
        if (f.length < 2 + MEASURES.size() || !f[1].endsWith("구")) {
          continue;
        }
        int day = (int) ChronoUnit.DAYS.between(LocalDate.of(YEAR, 1, 1), LocalDate.parse(f[0], DAY));
        if (day < 0 || day >= DAYS) {
          continue;
        }
        double[][] values = byStation.computeIfAbsent(f[1], s -> {
          double[][] v = new double[MEASURES.size()][DAYS];
          for (double[] m : v) {
            Arrays.fill(m, Double.NaN);
          }
          return v;
        });
        for (int m = 0; m < MEASURES.size(); m++) {
          String cell = f[2 + m].strip();
          values[m][day] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DailyAirAverages(byStation);
  }

  List<String> stations() {
    return List.copyOf(byStation.keySet());
  }

  /**
   * The station's measures at a time of 2019 (taken modulo the year), each interpolated between the nearest days with a
   * value; a measure the station never reported is absent.
   */
  Map<String, Double> at(String station, LocalDateTime time) {
    double[][] values = byStation.get(station);
    Map<String, Double> out = new LinkedHashMap<>();
    if (values == null) {
      return out;
    }
    double days = FIRST_NOON.until(time, ChronoUnit.SECONDS) / 86_400.0;
    days = ((days % DAYS) + DAYS) % DAYS;
    int before = (int) Math.floor(days);
    double into = days - before;
    for (int m = 0; m < MEASURES.size(); m++) {
      Double v = interpolate(values[m], before, into);
      if (v != null) {
        out.put(MEASURES.get(m), v);
      }
    }
    return out;
  }

  /** The value {@code into} (0..1) of the way from day {@code day}'s noon to the next, across missing days. */
  private static Double interpolate(double[] series, int day, double into) {
    int back = 0;
    while (back < DAYS && Double.isNaN(series[Math.floorMod(day - back, DAYS)])) {
      back++;
    }
    if (back == DAYS) {
      return null;
    }
    int ahead = 1;
    while (Double.isNaN(series[Math.floorMod(day + ahead, DAYS)])) {
      ahead++;
    }
    double from = series[Math.floorMod(day - back, DAYS)];
    double to = series[Math.floorMod(day + ahead, DAYS)];
    double t = (back + into) / (back + ahead);
    return from + (to - from) * t;
  }
}
