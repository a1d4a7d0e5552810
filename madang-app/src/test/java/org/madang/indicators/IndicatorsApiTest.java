package org.madang.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.madang.ApiClient;
import org.madang.DemoCityTest;
import org.madang.accounts.Role;
import org.madang.accounts.UserDirectory;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetSpec;
import org.madang.catalog.UploadOptions;
import org.madang.engine.DataEngine;
import org.madang.engine.IngestProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

/**
 * The indicators API on the demo city over real HTTP: the 32 demo indicators in 5 themes, values equal to what the
 * shipped files give when recomputed here in plain Java, platform counts that follow uploads and analyses, manual
 * entry with its audit, the refusals, exports and citizens' guesses.
 */
@DemoCityTest
class IndicatorsApiTest {

  @LocalServerPort int port;
  @Autowired UserDirectory users;
  @Autowired CatalogRepository catalog;
  @Autowired AuditTrail audit;
  @Autowired DatasetService datasets;
  @Autowired DataEngine engine;

  @BeforeEach
  void users() {
    // the demo city is shared by every test class: these names are this class's own
    if (users.findByUsername("official-welfare").isEmpty()) {
      long welfare = catalog.findOrganization("welfare").orElseThrow().id();
      long transportation = catalog.findOrganization("transportation").orElseThrow().id();
      users.createUser("official-welfare", "official-password", EnumSet.of(Role.OFFICIAL), welfare, "복지 주무관");
      users.createUser("official-transport", "official-password", EnumSet.of(Role.OFFICIAL), transportation, "교통 주무관");
      users.createUser("indicators-citizen", "citizen-password", EnumSet.of(Role.CITIZEN), null, "김시민");
    }
  }

  private ApiClient anonymous() {
    return ApiClient.anonymous(port);
  }

  private JsonNode indicator(String code) {
    HttpResponse<String> r = anonymous().get("/api/indicators/" + code);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return ApiClient.json(r);
  }

  private void recompute() {
    HttpResponse<String> r = ApiClient.admin(port).postJson("/api/indicators/recompute", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void theDemoRegistersThirtyTwoIndicatorsInTheFiveThemes() {
    JsonNode all = ApiClient.json(anonymous().get("/api/indicators"));
    // tests of this class may define indicators of their own, named test-...
    List<String> demo = new ArrayList<>();
    all.path("indicators").forEach(i -> {
      if (!i.path("code").asString().startsWith("test-")) {
        demo.add(i.path("code").asString());
      }
    });
    assertThat(demo).hasSize(32).doesNotHaveDuplicates();
    List<String> themes = new ArrayList<>();
    all.path("themes").forEach(t -> themes.add(t.path("code").asString()));
    assertThat(themes).containsExactly("warm", "safe", "dreaming", "breathing", "open");
    Set<String> used = new HashSet<>();
    all.path("indicators").forEach(i -> {
      if (i.path("code").asString().startsWith("test-")) {
        return;
      }
      used.add(i.path("theme").asString());
      assertThat(i.path("method").asString()).isIn("sql", "manual", "platform");
      // every computed indicator computes in the demo
      assertThat(i.path("error").isNull()).as(i.path("code").asString() + ": " + i.path("error")).isTrue();
    });
    assertThat(used).hasSize(5);
    JsonNode safe = ApiClient.json(anonymous().get("/api/indicators?theme=safe"));
    List<String> safeDemo = new ArrayList<>();
    safe.path("indicators").forEach(i -> safeDemo.add(i.path("code").asString()));
    assertThat(safeDemo.stream().filter(c -> !c.startsWith("test-"))).hasSize(8);
    safe.path("indicators").forEach(i -> assertThat(i.path("theme").asString()).isEqualTo("safe"));
    HttpResponse<String> badTheme = anonymous().get("/api/indicators?theme=happy");
    assertThat(badTheme.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(badTheme).path("field").asString()).isEqualTo("theme");
    // manual indicators without a published value stay empty
    JsonNode ghg = indicator("breathing-greenhouse-gas");
    assertThat(ghg.path("value").isNull()).isTrue();
    assertThat(ghg.path("status").asString()).isEqualTo("no_data");
    assertThat(ghg.path("description").asString()).contains("공식 32개 핵심지표 목록이 아닙니다");
  }

  @Test
  void airQualityIndicatorsEqualTheShippedDailyFileRecomputedInJava() throws IOException {
    Set<String> districts = new HashSet<>();
    engine.districts().listDistricts().forEach(d -> districts.add(d.name()));
    double pm10Sum = 0;
    long pm10Count = 0;
    double gangnamSum = 0;
    long gangnamCount = 0;
    TreeMap<String, double[]> pm25ByDay = new TreeMap<>();
    try (InputStream in = new ClassPathResource("demo/seoul/air_daily_avg_by_station_2019_cp949.csv").getInputStream()) {
      List<String> lines = new String(in.readAllBytes(), Charset.forName("MS949")).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        if (!districts.contains(f[1])) {
          continue;
        }
        if (!f[6].isBlank()) {
          pm10Sum += Double.parseDouble(f[6]);
          pm10Count++;
          if (f[1].equals("강남구")) {
            gangnamSum += Double.parseDouble(f[6]);
            gangnamCount++;
          }
        }
        if (!f[7].isBlank()) {
          double[] day = pm25ByDay.computeIfAbsent(f[0], d -> new double[2]);
          day[0] += Double.parseDouble(f[7]);
          day[1]++;
        }
      }
    }
    assertThat(districts).hasSize(25);
    JsonNode pm10 = indicator("breathing-pm10-mean");
    assertThat(pm10.path("year").asInt()).isEqualTo(2019);
    assertThat(pm10.path("value").asDouble()).isCloseTo(pm10Sum / pm10Count, within(1e-9));
    JsonNode gangnam = null;
    for (JsonNode d : pm10.path("districts")) {
      if (d.path("district_code").asString().equals("11680")) {
        gangnam = d;
      }
    }
    assertThat(pm10.path("districts")).hasSize(25);
    assertThat(gangnam).isNotNull();
    assertThat(gangnam.path("district_name").asString()).isEqualTo("강남구");
    assertThat(gangnam.path("value").asDouble()).isCloseTo(gangnamSum / gangnamCount, within(1e-9));
    long badDays = pm25ByDay.values().stream().filter(d -> d[0] / d[1] > 35).count();
    assertThat(indicator("breathing-pm25-bad-days").path("value").asDouble()).isEqualTo(badDays);
  }

  @Test
  void trafficDeathsFollowTheShippedTableAndTheStatusRule() throws IOException {
    TreeMap<Integer, Double> seoul = new TreeMap<>();
    try (InputStream in = new ClassPathResource("demo/seoul/traffic_accidents_by_gu_yearly_2005_2024.csv").getInputStream()) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",")).filter(f -> f[1].equals("소계"))
          .forEach(f -> seoul.put(Integer.parseInt(f[0]), Double.parseDouble(f[3])));
    }
    JsonNode deaths = indicator("safe-traffic-deaths");
    assertThat(deaths.path("year").asInt()).isEqualTo(seoul.lastKey());
    assertThat(deaths.path("value").asDouble()).isEqualTo(seoul.lastEntry().getValue());
    assertThat(deaths.path("baseline").asDouble()).isEqualTo(seoul.get(2015));
    Achievement expected = AchievementRule.assess(Polarity.LOWER, 2015, seoul.get(2015), new TreeMap<>(java.util.Map.of(2020, 300.0, 2025, 180.0)),
        seoul.lastKey(), seoul.lastEntry().getValue());
    assertThat(deaths.path("status").asString()).isEqualTo(expected.status().code());
    assertThat(deaths.path("achievement").asDouble()).isCloseTo(expected.rate(), within(1e-12));
    assertThat(deaths.path("target_year").asInt()).isEqualTo(2025);
    JsonNode history = ApiClient.json(anonymous().get("/api/indicators/safe-traffic-deaths/history"));
    assertThat(history.path("values")).hasSize(seoul.size());
    assertThat(history.path("values").get(0).path("year").asInt()).isEqualTo(2005);
    assertThat(history.path("values").get(0).path("value").asDouble()).isEqualTo(seoul.get(2005));
    assertThat(history.path("districts")).hasSize(seoul.size() * 25);
  }

  @Test
  void platformCountsFollowUploadsAndAnalyses() throws Exception {
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).getYear();
    recompute(); // other classes of the shared demo city upload too: start from today's counts, not the last recomputation's
    double secured = indicator("open-datasets-secured").path("value").asDouble();
    double integrated = indicator("open-datasets-integrated").path("value").asDouble();
    assertThat(indicator("open-datasets-secured").path("year").asInt()).isEqualTo(year);
    assertThat(secured).isGreaterThanOrEqualTo(18);

    Path file = Files.createTempFile("indicator-upload", ".csv");
    Files.writeString(file, "자치구,쉼터 수\n종로구,3\n중구,5\n강남구,7\n", StandardCharsets.UTF_8);
    try {
      datasets.ingest(new Viewer("admin", EnumSet.of(Role.ADMIN), null), "indicator-shelters", DatasetSpec.minimal("indicator-shelters", "쉼터", "welfare"),
          file, "shelters.csv", UploadOptions.detect(), IngestProgress.NONE, true);
    } finally {
      Files.deleteIfExists(file);
    }
    recompute();
    assertThat(indicator("open-datasets-secured").path("value").asDouble()).isEqualTo(secured + 1);
    assertThat(indicator("open-datasets-integrated").path("value").asDouble()).isEqualTo(integrated + 1);

    double opened = indicator("open-analyses-opened").path("value").asDouble();
    double completed = indicator("open-analyses-completed").path("value").asDouble();
    ApiClient admin = ApiClient.admin(port);
    HttpResponse<String> submitted = admin.postJson("/api/analyses/dbscan",
        "{\"input\": \"bike-stations\", \"eps_m\": 300, \"min_points\": 5, \"output\": {\"dataset\": \"indicator-bike-clusters\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    long id = ApiClient.json(submitted).path("id").asLong();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    String status;
    do {
      status = ApiClient.json(admin.get("/api/analyses/" + id)).path("status").asString();
      Thread.sleep(100);
    } while (!status.matches("succeeded|failed|cancelled") && System.nanoTime() < deadline);
    assertThat(status).isEqualTo("succeeded");
    recompute();
    assertThat(indicator("open-analyses-opened").path("value").asDouble()).isEqualTo(opened + 1);
    assertThat(indicator("open-analyses-completed").path("value").asDouble()).isEqualTo(completed + 1);
    // an analysis result is derived data, not a dataset secured
    assertThat(indicator("open-datasets-secured").path("value").asDouble()).isEqualTo(secured + 1);
    assertThat(indicator("open-datasets-analysed").path("value").asDouble()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theListCarriesEveryHistoryInOneCallAsTheHistoryCallsGiveIt() {
    JsonNode all = ApiClient.json(ApiClient.anonymous(port).get("/api/indicators?include=history"));
    assertThat(all.path("indicators").size()).isGreaterThanOrEqualTo(32);
    int withDistricts = 0;
    for (JsonNode i : all.path("indicators")) {
      JsonNode one = ApiClient.json(ApiClient.anonymous(port).get("/api/indicators/" + i.path("code").asString() + "/history"));
      assertThat(i.path("history").path("values")).isEqualTo(one.path("values"));
      assertThat(i.path("history").path("districts")).isEqualTo(one.path("districts"));
      withDistricts += one.path("districts").isEmpty() ? 0 : 1;
    }
    assertThat(withDistricts).isPositive();
    assertThat(ApiClient.json(ApiClient.anonymous(port).get("/api/indicators")).path("indicators").get(0).has("history")).isFalse();
    assertThat(ApiClient.anonymous(port).get("/api/indicators?include=everything").statusCode()).isEqualTo(400);
  }

  @Test
  void campusProjectsCountAsAnalysisTasksOpenedAndCompleted() {
    if (users.findByUsername("ind-proposer").isEmpty()) {
      users.createUser("ind-proposer", "proposer-password", EnumSet.of(Role.CITIZEN), null, "제안자");
      users.createUser("ind-official", "official-password", EnumSet.of(Role.OFFICIAL), null, "공무원");
    }
    recompute();
    double opened = indicator("open-analyses-opened").path("value").asDouble();
    double completed = indicator("open-analyses-completed").path("value").asDouble();
    ApiClient proposer = ApiClient.basic(port, "ind-proposer", "proposer-password");
    HttpResponse<String> proposed = proposer.postJson("/api/campus/projects", """
        {"title": "따릉이 대여소 공백", "purpose": "Where are bike stations missing?", "start_date": "%s", "end_date": "%s", "datasets": ["bike-stations"]}"""
        .formatted(java.time.LocalDate.now().minusDays(1), java.time.LocalDate.now().plusDays(10)));
    long id = ApiClient.json(proposed).path("id").asLong();
    HttpResponse<String> approved = ApiClient.basic(port, "ind-official", "official-password")
        .postJson("/api/campus/projects/" + id + "/decision", "{\"approve\": true, \"reason\": \"useful\"}");
    assertThat(ApiClient.json(approved).path("status").asString()).as(approved.body()).isEqualTo("active");
    recompute();
    assertThat(indicator("open-analyses-opened").path("value").asDouble()).isEqualTo(opened + 1);
    assertThat(indicator("open-analyses-completed").path("value").asDouble()).isEqualTo(completed);

    HttpResponse<String> done = proposer.postJson("/api/campus/projects/" + id + "/completion", "{}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    recompute();
    assertThat(indicator("open-analyses-completed").path("value").asDouble()).isEqualTo(completed + 1);
  }

  @Test
  void itemsServedCountPageViewsApiCallsAndDownloads() {
    recompute();
    double before = indicator("open-items-served").path("value").asDouble(0);
    assertThat(anonymous().get("/datasets").statusCode()).isEqualTo(200);
    assertThat(anonymous().getBytes("/api/datasets/cctv-by-district/download?format=csv").statusCode()).isEqualTo(200);
    assertThat(anonymous().get("/api/3/action/package_list").statusCode()).isEqualTo(200);
    recompute();
    // the three above, plus the indicator read between the recomputations
    assertThat(indicator("open-items-served").path("value").asDouble()).isGreaterThanOrEqualTo(before + 4);
  }

  @Test
  void anOfficialOfTheOwnerDepartmentEntersAValueAndTheAuditTrailSaysWhoAndWhen() {
    ApiClient official = ApiClient.basic(port, "official-welfare", "official-password");
    HttpResponse<String> entered = official.postJson("/api/indicators/warm-care-services/values",
        "{\"year\": 2024, \"value\": 1234.5, \"note\": \"시범 입력\"}");
    assertThat(entered.statusCode()).as(entered.body()).isEqualTo(201);
    assertThat(ApiClient.json(entered).path("value").asDouble()).isEqualTo(1234.5);
    assertThat(ApiClient.json(entered).path("status").asString()).isEqualTo("no_target");
    HttpResponse<String> district = official.postJson("/api/indicators/warm-care-services/values",
        "{\"year\": 2024, \"value\": 80, \"district_code\": \"11110\"}");
    assertThat(district.statusCode()).as(district.body()).isEqualTo(201);
    JsonNode history = ApiClient.json(anonymous().get("/api/indicators/warm-care-services/history"));
    assertThat(history.path("values").get(0).path("origin").asString()).isEqualTo("manual");
    assertThat(history.path("values").get(0).path("note").asString()).isEqualTo("시범 입력");
    assertThat(history.path("districts").get(0).path("district_name").asString()).isEqualTo("종로구");
    List<AuditTrail.AuditEntry> entries = audit.listFor("indicator", "warm-care-services", 10);
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("official-welfare");
      assertThat(e.action()).isEqualTo("indicator.value");
      assertThat(e.detail()).contains("year=2024", "1234.5");
      assertThat(e.at()).isNotNull();
    });
    // recomputation never touches manual values
    recompute();
    assertThat(indicator("warm-care-services").path("value").asDouble()).isEqualTo(1234.5);
  }

  @Test
  void valuesAreRefusedToOthersAndForBadInput() {
    String body = "{\"year\": 2024, \"value\": 1}";
    assertThat(anonymous().postJson("/api/indicators/warm-public-daycare-share/values", body).statusCode()).isEqualTo(401);
    HttpResponse<String> otherDepartment = ApiClient.basic(port, "official-transport", "official-password")
        .postJson("/api/indicators/warm-public-daycare-share/values", body);
    assertThat(otherDepartment.statusCode()).isEqualTo(403);
    assertThat(otherDepartment.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.basic(port, "indicators-citizen", "citizen-password").postJson("/api/indicators/warm-public-daycare-share/values", body).statusCode())
        .isEqualTo(403);

    HttpResponse<String> unknown = anonymous().get("/api/indicators/no-such-indicator");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(anonymous().get("/api/indicators/no-such-indicator/history").statusCode()).isEqualTo(404);

    ApiClient admin = ApiClient.admin(port);
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"year\": 2024, \"value\": NaN}"), "value");
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"year\": 2024, \"value\": \"12\"}"), "value");
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"value\": 12}"), "year");
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"year\": 1800, \"value\": 12}"), "year");
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"year\": 2999, \"value\": 12}"), "year");
    assertRefused(admin.postJson("/api/indicators/warm-public-daycare-share/values", "{\"year\": 2024, \"value\": 12, \"district_code\": \"99999\"}"),
        "district_code");
    assertThat(admin.postJson("/api/indicators/no-such-indicator/values", body).statusCode()).isEqualTo(404);
    // computed indicators take no hand-entered values
    assertThat(admin.postJson("/api/indicators/safe-traffic-deaths/values", body).statusCode()).isEqualTo(409);
    assertThat(indicator("warm-public-daycare-share").path("value").isNull()).isTrue();
  }

  private static void assertRefused(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.json(r).path("field").asString()).isEqualTo(field);
  }

  @Test
  void exportsOpenInSpreadsheetsWithKoreanNames() throws IOException {
    double pm10 = indicator("breathing-pm10-mean").path("value").asDouble();
    HttpResponse<byte[]> csv = anonymous().getBytes("/api/indicators/export?format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    byte[] bytes = csv.body();
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.stream().skip(1).filter(l -> !l.startsWith("test-"))).hasSize(32);
    assertThat(lines.get(0)).startsWith("code,theme,name,name_en");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("breathing-pm10-mean,breathing,미세먼지(PM10) 연평균 농도,").contains("," + pm10 + ","));

    HttpResponse<byte[]> xlsx = anonymous().getBytes("/api/indicators/export?format=xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      Sheet sheet = book.getSheet("indicators");
      assertThat(sheet.getLastRowNum()).isGreaterThanOrEqualTo(32);
      Row found = null;
      for (Row row : sheet) {
        if (row.getCell(0).getStringCellValue().equals("breathing-pm10-mean")) {
          found = row;
        }
      }
      assertThat(found).isNotNull();
      assertThat(found.getCell(IndicatorExport.COLUMNS.indexOf("name")).getStringCellValue()).isEqualTo("미세먼지(PM10) 연평균 농도");
      assertThat(found.getCell(IndicatorExport.COLUMNS.indexOf("value")).getNumericCellValue()).isEqualTo(pm10);
      assertThat(book.getSheet("values").getLastRowNum()).isGreaterThan(32);
    }
    assertRefused(anonymous().get("/api/indicators/export?format=pdf"), "format");
  }

  @Test
  void citizensGuessOncePerBrowserAndSeeTheAggregateOnceTheValueIsKnown() {
    ApiClient admin = ApiClient.admin(port);
    int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).getYear();
    HttpResponse<String> defined = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/indicators/test-guessable"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
            {"name": "시험 지표", "name_en": "Test indicator", "theme": "warm", "organization": "welfare", "unit": "건", "polarity": "higher",
             "method": "manual", "baseline": {"year": %d, "value": 10}, "targets": {"%d": 20}}
            """.formatted(year - 1, year))));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(200);
    String guess = "{\"year\": " + year + ", \"meets_target\": true}";
    HttpResponse<String> first = anonymous().postJson("/api/indicators/test-guessable/guesses", guess);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    assertThat(cookie).startsWith(IndicatorController.GUESS_COOKIE + "=");
    HttpResponse<String> again = anonymous().send(HttpRequest.newBuilder(URI.create(anonymous().base() + "/api/indicators/test-guessable/guesses"))
        .header("Content-Type", "application/json").header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(guess)));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(anonymous().postJson("/api/indicators/test-guessable/guesses", "{\"year\": " + year + ", \"meets_target\": false}").statusCode())
        .isEqualTo(201);
    assertRefused(anonymous().postJson("/api/indicators/test-guessable/guesses", "{\"year\": " + (year + 1) + ", \"meets_target\": true}"), "year");
    assertRefused(anonymous().postJson("/api/indicators/test-guessable/guesses", "{\"year\": " + year + ", \"meets_target\": \"yes\"}"), "meets_target");

    JsonNode open = indicator("test-guessable").path("guesses").get(0);
    assertThat(open.path("year").asInt()).isEqualTo(year);
    assertThat(open.path("value_known").asBoolean()).isFalse();
    assertThat(open.has("yes")).isFalse();

    HttpResponse<String> value = admin.postJson("/api/indicators/test-guessable/values", "{\"year\": " + year + ", \"value\": 25}");
    assertThat(value.statusCode()).as(value.body()).isEqualTo(201);
    assertThat(ApiClient.json(value).path("status").asString()).isEqualTo("achieved");
    JsonNode known = indicator("test-guessable").path("guesses").get(0);
    assertThat(known.path("value_known").asBoolean()).isTrue();
    assertThat(known.path("guesses").asLong()).isEqualTo(2);
    assertThat(known.path("yes").asLong()).isEqualTo(1);
    assertThat(known.path("share_yes").asDouble()).isEqualTo(0.5);
    assertThat(anonymous().postJson("/api/indicators/test-guessable/guesses", "{\"year\": " + year + ", \"meets_target\": true}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void aFailingQueryIsRecordedOnItsIndicatorAndTheOthersStillCompute() {
    ApiClient admin = ApiClient.admin(port);
    HttpResponse<String> defined = admin.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/indicators/test-broken"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
            {"name": "고장 난 지표", "theme": "safe", "organization": "safety", "unit": "건", "polarity": "lower", "method": "sql",
             "query": "SELECT yeondo AS year, no_such_column AS value FROM traffic_accidents_by_district"}
            """)));
    assertThat(defined.statusCode()).as(defined.body()).isEqualTo(200);
    assertThat(ApiClient.json(defined).path("error").asString()).contains("no_such_column");
    recompute();
    JsonNode broken = indicator("test-broken");
    assertThat(broken.path("error").asString()).contains("no_such_column");
    assertThat(broken.path("status").asString()).isEqualTo("no_data");
    assertThat(indicator("safe-traffic-deaths").path("error").isNull()).isTrue();
    assertThat(anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
    HttpResponse<String> notAdmin = ApiClient.basic(port, "official-welfare", "official-password").send(HttpRequest.newBuilder(
        URI.create(admin.base() + "/api/indicators/test-broken")).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(notAdmin.statusCode()).isEqualTo(403);
  }
}
