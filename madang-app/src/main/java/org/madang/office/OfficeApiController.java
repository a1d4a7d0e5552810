package org.madang.office;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/office}: what the dashboard and the citizens' view draw, public like the state of the city it shows.
 * {@code summary} is everything but the indicators and alerts in one answer (the first paint needs one round trip);
 * {@code status}, {@code projects} and {@code news} are its parts; {@code districts/{code}} is a district's drill-down.
 * The office page asks for its drill-down at {@code /office/data/districts/{code}} instead: a page path, so the
 * official's browser session decides which datasets are listed (the API authenticates each request on its own).
 */
@RestController
class OfficeApiController {

  private final CityStatus status;
  private final MajorProjects projects;
  private final CityNews news;
  private final DistrictIndex districts;
  private final DatasetService datasets;
  private final MadangProperties.Office settings;
  private final Map<String, Long> rowsByVersion = new ConcurrentHashMap<>();
  private volatile SummaryJson summary;

  OfficeApiController(CityStatus status, MajorProjects projects, CityNews news, DistrictIndex districts, DatasetService datasets,
      MadangProperties properties) {
    this.status = status;
    this.projects = projects;
    this.news = news;
    this.districts = districts;
    this.datasets = datasets;
    this.settings = properties.office();
  }

  /** The summary as sent, kept until the status or the news change (both are immutable snapshots, compared by identity). */
  private record SummaryJson(Map<String, Object> status, List<NewsItem> news, byte[] json) {}

  @GetMapping("/api/office/summary")
  ResponseEntity<byte[]> summary() {
    Map<String, Object> now = status.current();
    List<NewsItem> latest = news.listLatest();
    SummaryJson cached = summary;
    if (cached == null || cached.status() != now || cached.news() != latest) {
      Map<String, Object> body = new LinkedHashMap<>(now);
      body.put("projects", projectsJson());
      body.put("news", newsJson(latest));
      body.put("wall_cycle_ms", settings.wallCycle().toMillis());
      cached = new SummaryJson(now, latest, JsonMapper.shared().writeValueAsBytes(body));
      summary = cached;
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON).body(cached.json());
  }

  @GetMapping("/api/office/status")
  ResponseEntity<Map<String, Object>> status() {
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(status.current());
  }

  @GetMapping("/api/office/projects")
  Map<String, Object> projects() {
    return Map.of("projects", projectsJson());
  }

  @GetMapping("/api/office/news")
  Map<String, Object> news() {
    return Map.of("news", newsJson(news.listLatest()));
  }

  /**
   * One district: its air now, the major projects in it, and the catalog's located datasets with their rows in it.
   * {@code audience=public} answers as for an anonymous visitor whoever asks (the citizens' view); otherwise the
   * datasets are those the viewer may see, and row counts are given where the viewer may read rows.
   */
  @GetMapping("/api/office/districts/{code}")
  Map<String, Object> district(@PathVariable String code, @RequestParam(defaultValue = "office") String audience) {
    return district(code, "public".equals(audience) ? Viewer.anonymous() : Viewer.current());
  }

  /** The drill-down for the office page, as its signed-in official or admin may see it ({@code /office/**} needs one). */
  @GetMapping("/office/data/districts/{code}")
  Map<String, Object> districtForOffice(@PathVariable String code) {
    return district(code, Viewer.current());
  }

  private Map<String, Object> district(String code, Viewer viewer) {
    District district = districts.findByCode(code)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no district " + code + ".", Map.of("field", "code")));
    List<Map<String, Object>> located = new ArrayList<>();
    for (CatalogSearch.Hit hit : datasets.search(viewer, CatalogSearch.Query.all()).hits()) {
      if (hit.current() == null || hit.current().spatial() == null) {
        continue;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", hit.dataset().name());
      d.put("title", hit.dataset().titleKo());
      d.put("title_en", hit.dataset().titleEn());
      d.put("organization", hit.dataset().organization() == null ? null : hit.dataset().organization().titleKo());
      d.put("organization_en", hit.dataset().organization() == null ? null : hit.dataset().organization().titleEn());
      d.put("access", hit.dataset().access().name().toLowerCase(java.util.Locale.ROOT));
      d.put("rows_in_district", rowsIn(viewer, hit, code));
      located.add(d);
    }
    located.sort((a, b) -> Long.compare(rows(b), rows(a)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", district.code());
    body.put("name", district.name());
    body.put("name_en", district.nameEn());
    body.put("air", status.airOf(code));
    body.put("projects", projects.listInDistrict(code).stream().map(MajorProjects::json).toList());
    body.put("datasets", located);
    return body;
  }

  /**
   * The dataset's rows in the district, or null when the viewer may not read its rows or it has no district column.
   * A version's rows never change, so counts are remembered by version; restricted data is counted on every ask, as
   * every read of it is audited.
   */
  private Long rowsIn(Viewer viewer, CatalogSearch.Hit hit, String districtCode) {
    Dataset d = hit.dataset();
    try {
      datasets.checkRows(viewer, d);
    } catch (MadangException notReadable) {
      return null;
    }
    String key = d.name() + "@" + hit.current().version() + "#" + districtCode;
    Long known = d.access() == AccessLevel.RESTRICTED ? null : rowsByVersion.get(key);
    if (known != null) {
      return known;
    }
    try {
      long rows = datasets.readRows(viewer, d.name(), hit.current().version(),
          new ReadRequest(null, null, Map.of("district_code", districtCode), List.of(), null, null, 0, 0)).total();
      if (d.access() != AccessLevel.RESTRICTED) {
        rowsByVersion.put(key, rows);
      }
      return rows;
    } catch (MadangException noDistrictColumn) {
      return null;
    }
  }

  private static long rows(Map<String, Object> dataset) {
    return dataset.get("rows_in_district") instanceof Long n ? n : -1;
  }

  private List<Map<String, Object>> projectsJson() {
    return projects.listProjects().stream().map(MajorProjects::json).toList();
  }

  private static List<Map<String, Object>> newsJson(List<NewsItem> items) {
    return items.stream().map(n -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("title", n.title());
      m.put("link", n.link());
      m.put("published", n.published() == null ? null : n.published().toString());
      m.put("source", n.source());
      m.put("summary", n.summary());
      return m;
    }).toList();
  }
}
