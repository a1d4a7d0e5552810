package org.madang.indicators;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.madang.catalog.CatalogRepository;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Reads indicator definitions (the registry file's format, see {@code demo/seoul/indicators.json}) and stores them.
 * A definition names its theme, its owner organization (which must exist in the catalog), its method with the query
 * or platform measure, its baseline and its targets; values are not part of a definition.
 */
@Component
class IndicatorRegistry {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final IndicatorRepository repository;
  private final CatalogRepository catalog;

  IndicatorRegistry(IndicatorRepository repository, CatalogRepository catalog) {
    this.repository = repository;
    this.catalog = catalog;
  }

  /** Stores a registry document: {@code {"themes": [...], "indicators": [...]}}, in its order. Returns the indicators stored. */
  @Transactional
  int load(JsonNode registry) {
    int position = 0;
    for (JsonNode t : registry.path("themes")) {
      repository.putTheme(new IndicatorRepository.Theme(required(t, "code"), required(t, "title"), text(t, "title_en")), position++);
    }
    int count = 0;
    position = repository.nextPosition();
    for (JsonNode d : registry.path("indicators")) {
      repository.putIndicator(parse(d.path("code").asString(""), d), position++);
      count++;
    }
    return count;
  }

  /** Creates or replaces one indicator's definition. */
  @Transactional
  Indicator put(String code, JsonNode definition) {
    Indicator d = parse(code, definition);
    repository.putIndicator(d, repository.findIndicator(code).isPresent() ? null : repository.nextPosition());
    return repository.findIndicator(code).orElseThrow();
  }

  private Indicator parse(String code, JsonNode d) {
    if (!CODE.matcher(code).matches()) {
      throw invalid("code", "An indicator code is 1 to 63 lower-case letters, digits and dashes: '" + code + "' is not.");
    }
    if (d == null || !d.isObject()) {
      throw invalid("indicator", "An indicator definition is a JSON object.");
    }
    String theme = required(d, "theme");
    if (repository.listThemes().stream().noneMatch(t -> t.code().equals(theme))) {
      throw invalid("theme", "There is no theme '" + theme + "'.");
    }
    String organization = required(d, "organization");
    if (catalog.findOrganization(organization).isEmpty()) {
      throw invalid("organization", "There is no organization '" + organization + "' in the catalog.");
    }
    Polarity polarity;
    IndicatorMethod method;
    try {
      polarity = Polarity.fromCode(required(d, "polarity"));
    } catch (IllegalArgumentException e) {
      throw invalid("polarity", "The polarity must be higher or lower.");
    }
    try {
      method = IndicatorMethod.fromCode(required(d, "method"));
    } catch (IllegalArgumentException e) {
      throw invalid("method", "The method must be sql, manual or platform.");
    }
    String query = text(d, "query");
    PlatformMeasure measure = null;
    if (method == IndicatorMethod.SQL && (query == null || query.isBlank())) {
      throw invalid("query", "A sql indicator needs its query.");
    }
    if (method == IndicatorMethod.PLATFORM) {
      try {
        measure = PlatformMeasure.fromCode(required(d, "measure"));
      } catch (IllegalArgumentException e) {
        throw invalid("measure", e.getMessage());
      }
    }
    List<String> datasets = new ArrayList<>();
    d.path("datasets").forEach(n -> datasets.add(n.asString()));
    JsonNode baseline = d.path("baseline");
    Integer baselineYear = baseline.path("year").isNumber() ? year(baseline.path("year"), "baseline.year") : null;
    Double baselineValue = null;
    if (baseline.path("value").isNumber()) {
      baselineValue = finite(baseline.path("value"), "baseline.value");
    }
    SortedMap<Integer, Double> targets = new TreeMap<>();
    for (Map.Entry<String, JsonNode> t : d.path("targets").properties()) {
      int year;
      try {
        year = Integer.parseInt(t.getKey());
      } catch (NumberFormatException e) {
        throw invalid("targets", "Targets are given by year: '" + t.getKey() + "' is not a year.");
      }
      targets.put(year, finite(t.getValue(), "targets." + t.getKey()));
    }
    return new Indicator(code, required(d, "name"), text(d, "name_en"), theme, organization, required(d, "unit"), polarity, method,
        method == IndicatorMethod.SQL ? query : null, measure, datasets, baselineYear, baselineValue, targets, text(d, "source"),
        text(d, "description"), text(d, "description_en"), text(d, "targets_note"), null, null, null);
  }

  private static int year(JsonNode n, String field) {
    int y = n.asInt();
    if (!n.canConvertToInt() || y < 1900 || y > Year.now().getValue() + 100) {
      throw invalid(field, "'" + field + "' must be a year.");
    }
    return y;
  }

  private static double finite(JsonNode n, String field) {
    if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
      throw invalid(field, "'" + field + "' must be a finite number.");
    }
    return n.asDouble();
  }

  private static String required(JsonNode n, String field) {
    String s = text(n, field);
    if (s == null || s.isBlank()) {
      throw invalid(field, "The field '" + field + "' is required.");
    }
    return s;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  private static MadangException invalid(String field, String message) {
    return new MadangException(ErrorCode.INVALID_ARGUMENT, message, Map.of("field", field));
  }
}
