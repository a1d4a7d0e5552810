package org.madang.campus;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic stand-in for Seoul's card-sales data (카드 매출: spending by district, day and merchant category), which
 * is private in reality. Generator version 1, seed {@value #SEED} unless told otherwise; the same seed and row count
 * always give the same bytes (Java 17's {@link SplittableRandom} and its {@code nextGaussian}).
 *
 * <p>Columns, UTF-8 CSV with a header:
 *
 * <ul>
 *   <li>{@code gu_code}: one of the 25 Seoul district codes (MOIS 시군구, 11110 종로구 ... 11740 강동구), drawn in
 *       proportion to the district's 2020 population (the demo's {@code population_by_gu_2020.csv}). Named {@code gu_code},
 *       not {@code district_code}, because Madang reserves {@code district_code} for the column it computes itself and
 *       would rename a source column of that name;
 *   <li>{@code day}: a day of 2024 (ISO date), uniform over the 366 days;
 *   <li>{@code category}: one of {@link #CATEGORIES} (merchant categories as card companies publish them), drawn with
 *       the listed weights;
 *   <li>{@code count}: transactions in the row, 1 + a geometric number with the category's mean;
 *   <li>{@code amount}: won, {@code count} times a log-normal ticket price around the category's typical price,
 *       rounded to 10 won.
 * </ul>
 *
 * A row is one (district, day, category, slice) cell as the real data has one per time band, age group and sex; those
 * slices are not written, the rows simply repeat cells. Also writes {@link #writeDistricts} (the 25 districts with
 * their names and population) for joins.
 */
final class CardSalesFile {

  static final long SEED = 20240601L;
  static final int VERSION = 1;

  record District(int code, String name, String nameEn, int population) {}

  record Category(String name, double weight, double ticketWon, double meanCount) {}

  static final List<District> DISTRICTS = List.of(
      new District(11110, "종로구", "Jongno-gu", 161984),
      new District(11140, "중구", "Jung-gu", 136469),
      new District(11170, "용산구", "Yongsan-gu", 246165),
      new District(11200, "성동구", "Seongdong-gu", 307193),
      new District(11215, "광진구", "Gwangjin-gu", 365990),
      new District(11230, "동대문구", "Dongdaemun-gu", 362793),
      new District(11260, "중랑구", "Jungnang-gu", 400678),
      new District(11290, "성북구", "Seongbuk-gu", 454532),
      new District(11305, "강북구", "Gangbuk-gu", 316750),
      new District(11320, "도봉구", "Dobong-gu", 333495),
      new District(11350, "노원구", "Nowon-gu", 535495),
      new District(11380, "은평구", "Eunpyeong-gu", 482509),
      new District(11410, "서대문구", "Seodaemun-gu", 325875),
      new District(11440, "마포구", "Mapo-gu", 386086),
      new District(11470, "양천구", "Yangcheon-gu", 460532),
      new District(11500, "강서구", "Gangseo-gu", 595703),
      new District(11530, "구로구", "Guro-gu", 438308),
      new District(11545, "금천구", "Geumcheon-gu", 251370),
      new District(11560, "영등포구", "Yeongdeungpo-gu", 404766),
      new District(11590, "동작구", "Dongjak-gu", 407802),
      new District(11620, "관악구", "Gwanak-gu", 516662),
      new District(11650, "서초구", "Seocho-gu", 434801),
      new District(11680, "강남구", "Gangnam-gu", 549898),
      new District(11710, "송파구", "Songpa-gu", 680883),
      new District(11740, "강동구", "Gangdong-gu", 457042));

  static final List<Category> CATEGORIES = List.of(
      new Category("한식", 18, 14_000, 6),
      new Category("커피전문점", 10, 5_500, 8),
      new Category("편의점", 12, 6_000, 10),
      new Category("슈퍼마켓", 8, 22_000, 5),
      new Category("대형마트", 4, 68_000, 3),
      new Category("백화점", 2, 120_000, 2),
      new Category("중식", 4, 16_000, 3),
      new Category("일식", 3, 28_000, 2),
      new Category("양식", 3, 32_000, 2),
      new Category("제과점", 4, 9_000, 4),
      new Category("주유소", 5, 55_000, 3),
      new Category("약국", 5, 12_000, 4),
      new Category("병원", 5, 25_000, 3),
      new Category("학원", 2, 250_000, 1),
      new Category("의복", 3, 60_000, 2),
      new Category("화장품", 2, 30_000, 2),
      new Category("노래방", 1, 20_000, 1),
      new Category("숙박", 1, 90_000, 1),
      new Category("택시", 6, 13_000, 5),
      new Category("기타", 2, 40_000, 2));

  private CardSalesFile() {}

  /**
   * The file for this many rows and seed under {@code dir}, written once (to a temporary name, then renamed) and
   * reused by later runs.
   */
  static Path ensure(Path dir, long rows, long seed) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("card_sales_v" + VERSION + "_seed" + seed + "_" + rows + ".csv");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = dir.resolve(file.getFileName() + ".part");
    write(tmp, rows, seed);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  static void write(Path file, long rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] districtCdf = cdf(DISTRICTS.stream().mapToDouble(District::population).toArray());
    double[] categoryCdf = cdf(CATEGORIES.stream().mapToDouble(Category::weight).toArray());
    LocalDate first = LocalDate.of(2024, 1, 1);
    String[] days = new String[366];
    for (int i = 0; i < days.length; i++) {
      days[i] = first.plusDays(i).toString();
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("gu_code,day,category,count,amount\n");
      StringBuilder line = new StringBuilder(64);
      for (long i = 0; i < rows; i++) {
        District d = DISTRICTS.get(pick(districtCdf, random.nextDouble()));
        String day = days[random.nextInt(days.length)];
        Category c = CATEGORIES.get(pick(categoryCdf, random.nextDouble()));
        // 1 + geometric with mean meanCount - 1
        double p = 1.0 / c.meanCount();
        int count = 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p + 1e-12));
        double ticket = c.ticketWon() * Math.exp(0.6 * random.nextGaussian() - 0.18);
        long amount = Math.max(10, Math.round(count * ticket / 10.0) * 10);
        line.setLength(0);
        line.append(d.code()).append(',').append(day).append(',').append(c.name()).append(',').append(count).append(',').append(amount).append('\n');
        w.append(line);
      }
    }
  }

  /** The 25 districts: {@code gu_code,gu_name,gu_name_en,population}. */
  static Path writeDistricts(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("seoul_gu_v" + VERSION + ".csv");
    StringBuilder csv = new StringBuilder("gu_code,gu_name,gu_name_en,population\n");
    for (District d : DISTRICTS) {
      csv.append(d.code()).append(',').append(d.name()).append(',').append(d.nameEn()).append(',').append(d.population()).append('\n');
    }
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  private static double[] cdf(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] cdf = new double[weights.length];
    double acc = 0;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i] / sum;
      cdf[i] = acc;
    }
    cdf[cdf.length - 1] = 1.0;
    return cdf;
  }

  private static int pick(double[] cdf, double u) {
    for (int i = 0; i < cdf.length; i++) {
      if (u < cdf[i]) {
        return i;
      }
    }
    return cdf.length - 1;
  }
}
