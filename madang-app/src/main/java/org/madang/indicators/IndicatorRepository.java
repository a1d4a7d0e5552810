package org.madang.indicators;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The indicator tables of the metadata database (V4__indicators.sql). Callers hold the transaction. */
@Repository
class IndicatorRepository {

  /** The value of {@code district_code} that stands for the whole city. */
  private static final String CITY = "";
  private static final String COLUMNS = "code, name_ko, name_en, theme, organization, unit, polarity, method, query, measure, datasets, "
      + "baseline_year, baseline_value, source, description_ko, description_en, targets_note, computed_at, last_error, error_at";

  private final JdbcClient jdbc;
  private final AtomicLong generation = new AtomicLong();

  IndicatorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Changes with every committed write of indicators, targets, values or guesses: a key for caches of what they show. */
  long generation() {
    return generation.get();
  }

  /** Counts a write once it is committed, so a cache never keeps what a reader saw before the commit under the new key. */
  private void changed() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          generation.incrementAndGet();
        }
      });
    } else {
      generation.incrementAndGet();
    }
  }

  // ---- themes

  record Theme(String code, String titleKo, String titleEn) {}

  List<Theme> listThemes() {
    return jdbc.sql("SELECT code, title_ko, title_en FROM indicator_themes ORDER BY position, code")
        .query((rs, n) -> new Theme(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  void putTheme(Theme theme, int position) {
    changed();
    int updated = jdbc.sql("UPDATE indicator_themes SET title_ko = ?, title_en = ?, position = ? WHERE code = ?")
        .params(theme.titleKo(), theme.titleEn(), position, theme.code()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO indicator_themes (code, title_ko, title_en, position) VALUES (?, ?, ?, ?)")
          .params(theme.code(), theme.titleKo(), theme.titleEn(), position).update();
    }
  }

  // ---- indicators

  long countIndicators() {
    return jdbc.sql("SELECT COUNT(*) FROM indicators").query(Long.class).single();
  }

  List<Indicator> listIndicators() {
    Map<String, SortedMap<Integer, Double>> targets = new HashMap<>();
    jdbc.sql("SELECT indicator, target_year, amount FROM indicator_targets").query(rs -> {
      targets.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getDouble(3));
    });
    return jdbc.sql("SELECT " + COLUMNS + " FROM indicators i ORDER BY (SELECT position FROM indicator_themes t WHERE t.code = i.theme), position, code")
        .query((rs, n) -> indicator(rs, targets)).list();
  }

  Optional<Indicator> findIndicator(String code) {
    Map<String, SortedMap<Integer, Double>> targets = new HashMap<>();
    jdbc.sql("SELECT indicator, target_year, amount FROM indicator_targets WHERE indicator = ?").param(code).query(rs -> {
      targets.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getDouble(3));
    });
    return jdbc.sql("SELECT " + COLUMNS + " FROM indicators WHERE code = ?").param(code).query((rs, n) -> indicator(rs, targets)).optional();
  }

  /**
   * Creates or updates an indicator's definition and replaces its targets; leaves its values and computation state.
   *
   * @param position its place in its theme's list; null keeps an existing indicator's place
   */
  void putIndicator(Indicator d, Integer position) {
    changed();
    OffsetDateTime now = now();
    String datasets = d.datasets() == null || d.datasets().isEmpty() ? null : String.join(",", d.datasets());
    String measure = d.measure() == null ? null : d.measure().code();
    int updated = jdbc.sql("UPDATE indicators SET name_ko = ?, name_en = ?, theme = ?, organization = ?, unit = ?, polarity = ?, method = ?, "
            + "query = ?, measure = ?, datasets = ?, baseline_year = ?, baseline_value = ?, source = ?, description_ko = ?, description_en = ?, "
            + "targets_note = ?, position = COALESCE(?, position), updated_at = ? WHERE code = ?")
        .params(d.nameKo(), d.nameEn(), d.theme(), d.organization(), d.unit(), d.polarity().code(), d.method().code(), d.query(), measure, datasets,
            d.baselineYear(), d.baselineValue(), d.source(), d.descriptionKo(), d.descriptionEn(), d.targetsNote(), position, now, d.code())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO indicators (code, name_ko, name_en, theme, organization, unit, polarity, method, query, measure, datasets, baseline_year, "
              + "baseline_value, source, description_ko, description_en, targets_note, position, created_at, updated_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(d.code(), d.nameKo(), d.nameEn(), d.theme(), d.organization(), d.unit(), d.polarity().code(), d.method().code(), d.query(), measure,
              datasets, d.baselineYear(), d.baselineValue(), d.source(), d.descriptionKo(), d.descriptionEn(), d.targetsNote(), position == null ? nextPosition() : position, now, now)
          .update();
    }
    jdbc.sql("DELETE FROM indicator_targets WHERE indicator = ?").param(d.code()).update();
    d.targets().forEach((year, value) -> jdbc.sql("INSERT INTO indicator_targets (indicator, target_year, amount) VALUES (?, ?, ?)")
        .params(d.code(), year, value).update());
  }

  int nextPosition() {
    return jdbc.sql("SELECT COALESCE(MAX(position) + 1, 0) FROM indicators").query(Integer.class).single();
  }

  void recordComputed(String code) {
    changed();
    jdbc.sql("UPDATE indicators SET computed_at = ?, last_error = NULL, error_at = NULL WHERE code = ?").params(now(), code).update();
  }

  void recordError(String code, String error) {
    changed();
    String message = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 1997) + "..." : error;
    jdbc.sql("UPDATE indicators SET last_error = ?, error_at = ? WHERE code = ?").params(message, now(), code).update();
  }

  private static Indicator indicator(ResultSet rs, Map<String, SortedMap<Integer, Double>> targets) throws SQLException {
    String code = rs.getString(1);
    String measure = rs.getString(10);
    String datasets = rs.getString(11);
    return new Indicator(code, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Polarity.fromCode(rs.getString(7)),
        IndicatorMethod.fromCode(rs.getString(8)), rs.getString(9), measure == null ? null : PlatformMeasure.fromCode(measure),
        datasets == null ? List.of() : Arrays.asList(datasets.split(",")), (Integer) rs.getObject(12, Integer.class),
        (Double) rs.getObject(13, Double.class), targets.getOrDefault(code, new TreeMap<>()), rs.getString(14), rs.getString(15), rs.getString(16),
        rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getString(19), rs.getObject(20, OffsetDateTime.class));
  }

  // ---- values

  /** Every value of one indicator: the city's and the districts', oldest year first. */
  List<IndicatorValue> listValues(String code) {
    return jdbc.sql("SELECT data_year, district_code, amount, origin, entered_by, entered_at, note FROM indicator_values WHERE indicator = ? "
            + "ORDER BY data_year, district_code")
        .param(code).query(IndicatorRepository::value).list();
  }

  /** Every value (city and districts) of every indicator, by indicator code, as {@link #listValues} orders them. */
  Map<String, List<IndicatorValue>> listAllValues() {
    Map<String, List<IndicatorValue>> values = new LinkedHashMap<>();
    jdbc.sql("SELECT indicator, data_year, district_code, amount, origin, entered_by, entered_at, note FROM indicator_values "
            + "ORDER BY indicator, data_year, district_code")
        .query(rs -> {
          String area = rs.getString(3);
          values.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new IndicatorValue(rs.getInt(2), area.equals(CITY) ? null : area,
              rs.getDouble(4), rs.getString(5).equals("manual"), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8)));
        });
    return values;
  }

  /** The city's values of every indicator, by indicator code, oldest year first. */
  Map<String, List<IndicatorValue>> listCityValues() {
    Map<String, List<IndicatorValue>> values = new LinkedHashMap<>();
    jdbc.sql("SELECT indicator, data_year, district_code, amount, origin, entered_by, entered_at, note FROM indicator_values WHERE district_code = ? "
            + "ORDER BY indicator, data_year")
        .param(CITY)
        .query(rs -> {
          values.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new IndicatorValue(rs.getInt(2), null, rs.getDouble(4),
              rs.getString(5).equals("manual"), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8)));
        });
    return values;
  }

  /** Replaces an indicator's computed values (manual ones stay). */
  void replaceComputedValues(String code, List<IndicatorValue> values) {
    changed();
    jdbc.sql("DELETE FROM indicator_values WHERE indicator = ? AND origin = 'computed'").param(code).update();
    OffsetDateTime now = now();
    for (IndicatorValue v : values) {
      jdbc.sql("INSERT INTO indicator_values (indicator, data_year, district_code, amount, origin, entered_at) VALUES (?, ?, ?, ?, 'computed', ?)")
          .params(code, v.year(), v.districtCode() == null ? CITY : v.districtCode(), v.value(), now).update();
    }
  }

  /** Puts one manual value, replacing the one of the same year and area. */
  void putManualValue(String code, int year, String districtCode, double value, String enteredBy, String note) {
    changed();
    String area = districtCode == null ? CITY : districtCode;
    jdbc.sql("DELETE FROM indicator_values WHERE indicator = ? AND data_year = ? AND district_code = ?").params(code, year, area).update();
    jdbc.sql("INSERT INTO indicator_values (indicator, data_year, district_code, amount, origin, entered_by, entered_at, note) "
            + "VALUES (?, ?, ?, ?, 'manual', ?, ?, ?)")
        .params(code, year, area, value, enteredBy, now(), note).update();
  }

  private static IndicatorValue value(ResultSet rs, int n) throws SQLException {
    String area = rs.getString(2);
    return new IndicatorValue(rs.getInt(1), area.equals(CITY) ? null : area, rs.getDouble(3), rs.getString(4).equals("manual"), rs.getString(5),
        rs.getObject(6, OffsetDateTime.class), rs.getString(7));
  }

  // ---- citizens' guesses

  /** Records a guess; false when this client already guessed this indicator and year. */
  boolean addGuess(String code, int year, String clientHash, boolean meetsTarget) {
    changed();
    long existing = jdbc.sql("SELECT COUNT(*) FROM indicator_guesses WHERE indicator = ? AND target_year = ? AND client_hash = ?")
        .params(code, year, clientHash).query(Long.class).single();
    if (existing > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO indicator_guesses (indicator, target_year, client_hash, meets_target, guessed_at) VALUES (?, ?, ?, ?, ?)")
        .params(code, year, clientHash, meetsTarget, now()).update();
    return true;
  }

  record GuessCount(int year, long yes, long no) {}

  List<GuessCount> countGuesses(String code) {
    return jdbc.sql("SELECT target_year, SUM(CASE WHEN meets_target THEN 1 ELSE 0 END), SUM(CASE WHEN meets_target THEN 0 ELSE 1 END) "
            + "FROM indicator_guesses WHERE indicator = ? GROUP BY target_year ORDER BY target_year")
        .param(code).query((rs, n) -> new GuessCount(rs.getInt(1), rs.getLong(2), rs.getLong(3))).list();
  }

  // ---- platform usage

  void addUsage(LocalDate day, String kind, long hits) {
    int updated = jdbc.sql("UPDATE platform_usage SET hits = hits + ? WHERE usage_day = ? AND kind = ?").params(hits, day, kind).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO platform_usage (usage_day, kind, hits) VALUES (?, ?, ?)").params(day, kind, hits).update();
    }
  }

  /** Hits of every kind by day. */
  List<UsageDay> listUsage() {
    return jdbc.sql("SELECT usage_day, kind, hits FROM platform_usage ORDER BY usage_day, kind")
        .query((rs, n) -> new UsageDay(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3))).list();
  }

  record UsageDay(LocalDate day, String kind, long hits) {}

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
