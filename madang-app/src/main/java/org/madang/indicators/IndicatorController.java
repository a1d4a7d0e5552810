package org.madang.indicators;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.audit.AuditTrail;
import org.madang.catalog.CatalogRepository;
import org.madang.engine.DataEngine;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.analytics.geo.District;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indicators API. Anyone may read indicators (the citizens' view uses them) and guess whether a target will be met;
 * the owner department's officials and admins enter manual values; admins define indicators and ask for recomputation.
 */
@RestController
@RequestMapping("/api/indicators")
class IndicatorController {

  static final String GUESS_COOKIE = "madang-guess";
  /** Reads NaN and Infinity so that they are refused as values naming the field, not as unreadable JSON. */
  private static final JsonMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IndicatorReports reports;
  private final IndicatorRepository repository;
  private final IndicatorRegistry registry;
  private final IndicatorComputation computation;
  private final CatalogRepository catalog;
  private final DataEngine engine;
  private final AuditTrail audit;
  private final TransactionTemplate transaction;
  private final MadangProperties properties;
  private final Map<String, ListJson> lists = new ConcurrentHashMap<>();

  IndicatorController(IndicatorReports reports, IndicatorRepository repository, IndicatorRegistry registry, IndicatorComputation computation,
      CatalogRepository catalog, DataEngine engine, AuditTrail audit, TransactionTemplate transaction, MadangProperties properties) {
    this.reports = reports;
    this.repository = repository;
    this.registry = registry;
    this.computation = computation;
    this.catalog = catalog;
    this.engine = engine;
    this.audit = audit;
    this.transaction = transaction;
    this.properties = properties;
  }

  /** A list as sent, kept until an indicator, value or guess changes or the day turns (statuses follow the date). */
  private record ListJson(long generation, LocalDate day, byte[] json) {}

  /**
   * The indicators; with {@code include=history} each carries its values by year and district, as one call. Every
   * screen of the dashboard asks for it, so the answer is kept as bytes until something it shows changes.
   */
  @GetMapping
  ResponseEntity<byte[]> list(@RequestParam(required = false) String theme, @RequestParam(required = false) String include) {
    if (include != null && !include.equals("history")) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'include' can only be history.", Map.of("field", "include"));
    }
    String key = theme + "|" + include;
    long generation = repository.generation(); // read before the data, so a change during the build invalidates it
    LocalDate today = LocalDate.now(properties.indicators().zone());
    ListJson cached = lists.get(key);
    if (cached == null || cached.generation() != generation || !cached.day().equals(today)) {
      cached = new ListJson(generation, today, JsonMapper.shared().writeValueAsBytes(listJson(theme, include)));
      lists.put(key, cached);
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON).body(cached.json());
  }

  private Map<String, Object> listJson(String theme, String include) {
    List<IndicatorRepository.Theme> themes = repository.listThemes();
    if (theme != null && themes.stream().noneMatch(t -> t.code().equals(theme))) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "There is no theme '" + theme + "'; the themes are "
          + String.join(", ", themes.stream().map(IndicatorRepository.Theme::code).toList()) + ".", Map.of("field", "theme"));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("themes", themes.stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", t.code());
      m.put("title", t.titleKo());
      m.put("title_en", t.titleEn());
      return m;
    }).toList());
    Map<String, List<IndicatorValue>> values = include == null ? Map.of() : repository.listAllValues();
    List<Map<String, Object>> indicators = reports.list(theme).stream().map(r -> {
      Map<String, Object> summary = IndicatorJson.summary(r);
      if (include != null) {
        summary = new LinkedHashMap<>(summary);
        summary.put("history", history(values.getOrDefault(r.indicator().code(), List.of())));
      }
      return summary;
    }).toList();
    result.put("count", indicators.size());
    result.put("indicators", indicators);
    return result;
  }

  @GetMapping("/export")
  void export(@RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
    List<IndicatorReport> all = reports.list(null);
    switch (format) {
      case "csv" -> {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"indicators.csv\"");
        IndicatorExport.csv(all, response.getOutputStream());
      }
      case "xlsx" -> {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"indicators.xlsx\"");
        IndicatorExport.xlsx(all, response.getOutputStream());
      }
      default -> throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The format must be csv or xlsx.", Map.of("field", "format"));
    }
  }

  @PostMapping("/recompute")
  Map<String, Object> recompute() {
    requireAdmin();
    int failed = computation.recomputeAll();
    audit.record(Viewer.current().username(), "indicators.recompute", "indicator", null, failed + " failed");
    return Map.of("failed", failed);
  }

  @GetMapping("/{code}")
  Map<String, Object> detail(@PathVariable String code) {
    IndicatorReport r = get(code);
    Indicator i = r.indicator();
    Map<String, Object> m = new LinkedHashMap<>(IndicatorJson.summary(r));
    m.put("description", i.descriptionKo());
    m.put("description_en", i.descriptionEn());
    m.put("source", i.source());
    m.put("datasets", i.datasets());
    m.put("query", i.query());
    m.put("measure", i.measure() == null ? null : i.measure().code());
    m.put("targets_note", i.targetsNote());
    m.put("targets", i.targets().entrySet().stream().map(e -> Map.of("year", e.getKey(), "value", e.getValue())).toList());
    m.put("error_at", i.errorAt());
    List<Map<String, Object>> districts = new ArrayList<>();
    if (r.latest() != null) {
      for (IndicatorValue v : repository.listValues(code)) {
        if (v.districtCode() != null && v.year() == r.latest().year()) {
          districts.add(district(v));
        }
      }
    }
    m.put("districts", districts);
    m.put("guesses", guesses(r));
    return m;
  }

  @GetMapping("/{code}/history")
  Map<String, Object> history(@PathVariable String code) {
    IndicatorReport r = get(code);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("unit", r.indicator().unit());
    m.putAll(history(repository.listValues(code)));
    return m;
  }

  /** {@code values} (the city's, by year) and {@code districts} (by year and district). */
  private Map<String, Object> history(List<IndicatorValue> all) {
    List<Map<String, Object>> city = new ArrayList<>();
    List<Map<String, Object>> districts = new ArrayList<>();
    for (IndicatorValue v : all) {
      if (v.districtCode() == null) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("year", v.year());
        row.put("value", v.value());
        row.put("origin", v.manual() ? "manual" : "computed");
        row.put("entered_at", v.enteredAt());
        row.put("note", v.note());
        city.add(row);
      } else {
        districts.add(district(v));
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("values", city);
    m.put("districts", districts);
    return m;
  }

  @PutMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> define(@PathVariable String code, @RequestBody JsonNode definition) {
    requireAdmin();
    Indicator stored = registry.put(code, definition);
    audit.record(Viewer.current().username(), "indicator.define", "indicator", code, definition.toString());
    if (stored.method().computed()) {
      computation.recompute(stored);
    }
    return IndicatorJson.summary(get(code));
  }

  @PostMapping(path = "/{code}/values", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> enter(@PathVariable String code, @RequestBody String body) {
    Indicator i = get(code).indicator();
    Viewer viewer = Viewer.current();
    long organization = catalog.findOrganization(i.organization()).map(o -> o.id()).orElse(-1L);
    boolean owner = viewer.has(Role.OFFICIAL) && viewer.organizationId() != null && viewer.organizationId() == organization;
    if (!viewer.isAdmin() && !owner) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only officials of " + i.organization() + " and admins may enter values of " + code + ".");
    }
    if (i.method() != IndicatorMethod.MANUAL) {
      throw new MadangException(ErrorCode.CONFLICT, code + " is computed (" + i.method().code() + "); its values cannot be entered.",
          Map.of("field", "value"));
    }
    JsonNode json = readObject(body);
    int year = year(json.get("year"), "year", true);
    JsonNode value = json.get("value");
    if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw invalid("value", "The value must be a finite number.");
    }
    String district = null;
    JsonNode d = json.get("district_code");
    if (d != null && !d.isNull()) {
      district = d.asString();
      if (engine.districts().findByCode(district).isEmpty()) {
        throw invalid("district_code", "There is no district '" + district + "'.");
      }
    }
    JsonNode n = json.get("note");
    String note = n == null || n.isNull() ? null : n.asString();
    if (note != null && note.length() > 1000) {
      throw invalid("note", "The note may have at most 1000 characters.");
    }
    String area = district;
    transaction.executeWithoutResult(status -> {
      repository.putManualValue(code, year, area, value.asDouble(), viewer.username(), note);
      audit.record(viewer.username(), "indicator.value", "indicator", code, "year=" + year + (area == null ? "" : " district=" + area) + " value="
          + value.asDouble() + (note == null ? "" : " note=" + note));
    });
    return ResponseEntity.status(HttpStatus.CREATED).body(IndicatorJson.summary(get(code)));
  }

  /**
   * One guess per browser per indicator and year, remembered by a random cookie whose SHA-256 is stored: nothing
   * personal. Guesses are taken while the year's value is unknown.
   */
  @PostMapping(path = "/{code}/guesses", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> guess(@PathVariable String code, @RequestBody String body, HttpServletRequest request) {
    IndicatorReport r = get(code);
    JsonNode json = readObject(body);
    int year = year(json.get("year"), "year", false);
    JsonNode meets = json.get("meets_target");
    if (meets == null || !meets.isBoolean()) {
      throw invalid("meets_target", "meets_target must be true or false.");
    }
    if (!r.indicator().targets().containsKey(year)) {
      throw invalid("year", code + " has no target for " + year + ".");
    }
    if (r.cityValues().stream().anyMatch(v -> v.year() == year)) {
      throw new MadangException(ErrorCode.CONFLICT, "The value of " + code + " for " + year + " is known; guesses are closed.", Map.of("field", "year"));
    }
    String client = cookie(request);
    boolean fresh = client == null;
    if (fresh) {
      byte[] id = new byte[16];
      RANDOM.nextBytes(id);
      client = HexFormat.of().formatHex(id);
    }
    if (!repository.addGuess(code, year, sha256(client), meets.asBoolean())) {
      throw new MadangException(ErrorCode.CONFLICT, "This browser has already guessed " + code + " for " + year + ".", Map.of("field", "year"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("year", year);
    m.put("meets_target", meets.asBoolean());
    ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.CREATED);
    if (fresh) {
      created.header(HttpHeaders.SET_COOKIE, ResponseCookie.from(GUESS_COOKIE, client).httpOnly(true).sameSite("Lax").path("/")
          .maxAge(Duration.ofDays(365 * 2)).build().toString());
    }
    return created.body(m);
  }

  /** The guesses of each year with a target or a guess; the counts only once the year's value is known. */
  private List<Map<String, Object>> guesses(IndicatorReport r) {
    Map<Integer, IndicatorRepository.GuessCount> counts = new LinkedHashMap<>();
    repository.countGuesses(r.indicator().code()).forEach(c -> counts.put(c.year(), c));
    TreeSet<Integer> years = new TreeSet<>(r.indicator().targets().keySet());
    years.addAll(counts.keySet());
    List<Map<String, Object>> out = new ArrayList<>();
    for (int year : years) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("year", year);
      m.put("target", r.indicator().targets().get(year));
      IndicatorValue known = r.cityValues().stream().filter(v -> v.year() == year).findFirst().orElse(null);
      m.put("value_known", known != null);
      if (known != null) {
        IndicatorRepository.GuessCount c = counts.getOrDefault(year, new IndicatorRepository.GuessCount(year, 0, 0));
        long total = c.yes() + c.no();
        m.put("guesses", total);
        m.put("yes", c.yes());
        m.put("no", c.no());
        m.put("share_yes", total == 0 ? null : c.yes() / (double) total);
        m.put("share_no", total == 0 ? null : c.no() / (double) total);
      }
      out.add(m);
    }
    return out;
  }

  private Map<String, Object> district(IndicatorValue v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", v.year());
    m.put("district_code", v.districtCode());
    District d = engine.districts().findByCode(v.districtCode()).orElse(null);
    m.put("district_name", d == null ? null : d.name());
    m.put("district_name_en", d == null ? null : d.nameEn());
    m.put("value", v.value());
    return m;
  }

  private IndicatorReport get(String code) {
    return reports.find(code)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no indicator '" + code + "'.", Map.of("field", "code")));
  }

  private static void requireAdmin() {
    if (!Viewer.current().isAdmin()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Only admins may do this.");
    }
  }

  private static JsonNode readObject(String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : LENIENT.readTree(body);
    } catch (RuntimeException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The request body must be a JSON object.", Map.of("field", "body"));
    }
    return json;
  }

  /** A whole year from 1900 to this year ({@code pastOnly}) or to 100 years ahead (guesses). */
  private int year(JsonNode n, String field, boolean pastOnly) {
    int now = LocalDate.now(properties.indicators().zone()).getYear();
    int last = pastOnly ? now : now + 100;
    if (n == null || n.isNull()) {
      throw invalid(field, "The field '" + field + "' is required.");
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1900 || n.asInt() > last) {
      throw invalid(field, "The " + field + " must be a whole year from 1900 to " + last + ".");
    }
    return n.asInt();
  }

  private static String cookie(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return null;
    }
    for (var c : request.getCookies()) {
      if (c.getName().equals(GUESS_COOKIE) && c.getValue().matches("[0-9a-f]{32}")) {
        return c.getValue();
      }
    }
    return null;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MadangException invalid(String field, String message) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
  }
}
