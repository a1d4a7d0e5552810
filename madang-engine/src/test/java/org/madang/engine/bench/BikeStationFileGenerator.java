package org.madang.engine.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;

/**
 * Writes a synthetic point CSV shaped like Seoul's public bike station file ({@code bike_station_info_cp949.csv},
 * 서울시 공공자전거 대여소 정보): the same ten columns with the same Korean headers, a leading blank in the station
 * name as in the original, empty dock counts now and then, and coordinates with 8 and 7 decimals.
 *
 * <p>Rows are drawn from {@code java.util.Random} with a fixed seed, so the same arguments always give the same bytes:
 * a point is drawn uniformly in Seoul's bounding box and kept only when it lies inside a district (rejection sampling),
 * so every row is inside the city and its 자치구 column names the district that contains it. Station numbers count up
 * from 100; the installation date is uniform in 2015–2022; docks are 0–39 (LCD, empty one row in three) and 0–19
 * (QR).
 *
 * <p>Run: {@code BikeStationFileGenerator <rows> <file> [UTF-8|CP949]}.
 */
public final class BikeStationFileGenerator {

  public static final long SEED = 20_240_601L;
  static final String HEADER = "대여소 번호,보관소(대여소)명,자치구,상세주소,위도,경도,설치시기,LCD 거치대수,QR 거치대수,운영방식";
  private static final String[] ROADS = {"세종대로", "종로", "테헤란로", "올림픽로", "강남대로", "마포대로", "도봉로", "시흥대로"};

  private BikeStationFileGenerator() {}

  public static void write(Path file, long rows, DistrictIndex districts, Charset charset) throws IOException {
    Random random = new Random(SEED);
    var box = districts.bounds();
    List<District> all = districts.listDistricts();
    LocalDate start = LocalDate.of(2015, 1, 1);
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 20)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(160);
      for (long i = 0; i < rows; i++) {
        double lat;
        double lon;
        int d;
        do {
          lat = box.getMinY() + random.nextDouble() * box.getHeight();
          lon = box.getMinX() + random.nextDouble() * box.getWidth();
          d = districts.indexOf(lon, lat);
        } while (d < 0);
        String gu = all.get(d).name();
        line.setLength(0);
        line.append(100 + i).append(", ").append(gu).append(' ').append(i % 9 + 1).append("번 출구 앞 대여소,").append(gu)
            .append(",서울특별시 ").append(gu).append(' ').append(ROADS[(int) (i % ROADS.length)]).append(' ').append(random.nextInt(400) + 1)
            .append(',').append(String.format(Locale.ROOT, "%.8f,%.7f", lat, lon)).append(',')
            .append(start.plusDays(random.nextInt(8 * 365))).append(',');
        if (random.nextInt(3) != 0) {
          line.append(random.nextInt(40));
        }
        line.append(',').append(random.nextInt(20)).append(',').append(random.nextBoolean() ? "LCD" : "QR").append('\n');
        out.append(line);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    long rows = Long.parseLong(args[0]);
    Path file = Path.of(args[1]);
    Charset charset = Charset.forName(args.length > 2 && args[2].equalsIgnoreCase("CP949") ? "x-windows-949" : "UTF-8");
    write(file, rows, IngestBenchmark.seoul(), charset);
  }
}
