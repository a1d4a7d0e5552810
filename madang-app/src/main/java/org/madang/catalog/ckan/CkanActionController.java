package org.madang.catalog.ckan;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.CatalogSearch.Hit;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetVersion;
import org.madang.catalog.Organization;
import org.madang.engine.MadangException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CKAN's Action API, version 3, read-only: {@code /api/3/action/{action}} by GET (query parameters) or POST (a JSON
 * object), answering in CKAN's envelope {@code {"help", "success", "result"}} and failing in CKAN's shape
 * {@code {"success": false, "error": {"__type", "message"}}} with CKAN's statuses (404 not found, 403 not allowed, 409
 * invalid, 400 unknown action), never in problem+json, so CKAN clients understand both.
 */
@RestController
class CkanActionController {

  private static final Logger log = LoggerFactory.getLogger(CkanActionController.class);

  /** One sentence per action, for {@code help_show} and the {@code help} link of every answer. */
  private static final Map<String, String> ACTIONS = new TreeMap<>(Map.ofEntries(
      Map.entry("package_list", "Names of the datasets you may see, by name. Parameters: limit, offset."),
      Map.entry("package_search", "Searches datasets. Parameters: q, fq (organization:, tags:, res_format:, access:), rows (max 1000), "
          + "start, sort (score, name, title_string, metadata_modified, metadata_created with asc/desc), facet.field (JSON list), "
          + "facet.limit, facet.mincount."),
      Map.entry("package_show", "One dataset with its resources. Parameter: id (the dataset name)."),
      Map.entry("organization_list", "Organizations by name. Parameters: all_fields, include_dataset_count."),
      Map.entry("organization_show", "One organization. Parameters: id (the organization name), include_datasets."),
      Map.entry("tag_list", "Tags of the datasets you may see. Parameters: query, all_fields."),
      Map.entry("datastore_search", "Rows of a dataset. Parameters: resource_id (the dataset name), q, filters (JSON object), "
          + "fields, sort ('col asc, col desc'), limit (default 100, max 32000), offset, include_total, records_format (objects, lists)."),
      Map.entry("status_show", "What this site is and which API extensions it has."),
      Map.entry("help_show", "The help text of an action. Parameter: name.")));

  private final DatasetService datasets;
  private final PackageSearch packageSearch;
  private final DatastoreSearch datastoreSearch;

  CkanActionController(DatasetService datasets) {
    this.datasets = datasets;
    this.packageSearch = new PackageSearch(datasets);
    this.datastoreSearch = new DatastoreSearch(datasets);
  }

  /** CKAN answers its API version here; some clients ask before calling actions. */
  @GetMapping({"/api/3", "/api/3/"})
  Map<String, Object> apiVersion() {
    return Map.of("version", 3);
  }

  @GetMapping("/api/3/action/{action}")
  ResponseEntity<Map<String, Object>> get(@PathVariable String action, HttpServletRequest request) {
    return answer(action, CkanParameters.of(request));
  }

  @PostMapping("/api/3/action/{action}")
  ResponseEntity<Map<String, Object>> post(@PathVariable String action, HttpServletRequest request) {
    return answer(action, CkanParameters.of(request));
  }

  private ResponseEntity<Map<String, Object>> answer(String action, CkanParameters p) {
    Viewer viewer = Viewer.current();
    CkanPackageJson json = new CkanPackageJson(baseUrl());
    Object result = switch (action) {
      case "package_list" -> packageList(viewer, p);
      case "package_search" -> packageSearch.search(viewer, p, json);
      case "package_show" -> packageShow(viewer, p, json);
      case "organization_list" -> organizationList(viewer, p);
      case "organization_show" -> organizationShow(viewer, p, json);
      case "tag_list" -> tagList(viewer, p);
      case "datastore_search" -> datastoreSearch.search(viewer, p);
      case "status_show" -> statusShow();
      case "help_show" -> helpShow(p);
      default -> throw CkanActionException.badRequest("Bad request - Action name not known: " + action);
    };
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("help", help(action));
    body.put("success", true);
    body.put("result", result);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private List<String> packageList(Viewer viewer, CkanParameters p) {
    int limit = p.integer("limit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
    int offset = p.integer("offset", 0, 0, Integer.MAX_VALUE);
    return visible(viewer).stream().map(h -> h.dataset().name()).sorted().skip(offset).limit(limit).toList();
  }

  private Map<String, Object> packageShow(Viewer viewer, CkanParameters p, CkanPackageJson json) {
    String id = p.requiredString("id");
    Dataset d = datasets.findVisible(viewer, id).orElseThrow(() -> CkanActionException.notFound("Not found"));
    DatasetVersion current = d.currentVersion() == null ? null : datasets.getVersion(viewer, d.name(), null);
    return json.packageDict(d, current);
  }

  private List<Object> organizationList(Viewer viewer, CkanParameters p) {
    boolean allFields = p.bool("all_fields", false);
    Map<String, Integer> counts = new TreeMap<>();
    for (Hit h : visible(viewer)) {
      counts.merge(h.dataset().organization().name(), 1, Integer::sum);
    }
    List<Object> out = new ArrayList<>();
    for (Organization o : datasets.listOrganizations()) {
      out.add(allFields ? CkanPackageJson.organizationDict(o, counts.getOrDefault(o.name(), 0)) : o.name());
    }
    return out;
  }

  private Map<String, Object> organizationShow(Viewer viewer, CkanParameters p, CkanPackageJson json) {
    String id = p.requiredString("id");
    Organization o = datasets.findOrganization(id).orElseThrow(() -> CkanActionException.notFound("Not found: Organization was not found."));
    List<Hit> hits = packageSearch.listOfOrganization(viewer, o.name());
    Map<String, Object> m = CkanPackageJson.organizationDict(o, hits.size());
    if (p.bool("include_datasets", false)) {
      m.put("packages", hits.stream().map(h -> json.packageDict(h.dataset(), h.current())).toList());
    }
    m.put("users", List.of());
    m.put("groups", List.of());
    m.put("tags", List.of());
    return m;
  }

  private List<Object> tagList(Viewer viewer, CkanParameters p) {
    String query = p.string("query");
    boolean allFields = p.bool("all_fields", false);
    Set<String> tags = new TreeSet<>();
    for (Hit h : visible(viewer)) {
      for (String tag : h.dataset().tags()) {
        if (query == null || tag.toLowerCase(Locale.ROOT).contains(query.strip().toLowerCase(Locale.ROOT))) {
          tags.add(tag);
        }
      }
    }
    return tags.stream().map(t -> allFields ? (Object) CkanPackageJson.tagDict(t) : t).toList();
  }

  private Map<String, Object> statusShow() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site_title", "마당 (Madang)");
    m.put("site_description", "Open urban data platform");
    m.put("site_url", baseUrl());
    m.put("ckan_version", "2.10.0");
    m.put("locale_default", "ko");
    m.put("extensions", List.of("datastore", "spatial_metadata", "dcat"));
    return m;
  }

  private String helpShow(CkanParameters p) {
    String name = p.requiredString("name");
    String help = ACTIONS.get(name);
    if (help == null) {
      throw CkanActionException.notFound("Not found: Action function not found");
    }
    return help;
  }

  private List<Hit> visible(Viewer viewer) {
    return datasets.search(viewer, new CatalogSearch.Query(null, Set.of(), Set.of(), Set.of(), Set.of(), null, "name asc", 0,
        Integer.MAX_VALUE, false)).hits();
  }

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  private static String help(String action) {
    return baseUrl() + "/api/3/action/help_show?name=" + action;
  }

  // ---- errors in CKAN's envelope; handlers here win over the application's problem+json advice

  @ExceptionHandler(CkanActionException.class)
  ResponseEntity<Map<String, Object>> ckanError(CkanActionException e, HttpServletRequest request) {
    if (e.status() >= 500) {
      log.error("CKAN action {} failed", request.getRequestURI(), e.getCause() == null ? e : e.getCause());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("help", help(actionOf(request)));
    body.put("success", false);
    body.put("error", e.error());
    return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @ExceptionHandler(MadangException.class)
  ResponseEntity<Map<String, Object>> madangError(MadangException e, HttpServletRequest request) {
    return ckanError(CkanActionException.of(e), request);
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> unexpected(RuntimeException e, HttpServletRequest request) {
    return ckanError(CkanActionException.internal(e), request);
  }

  private static String actionOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri.substring(uri.lastIndexOf('/') + 1);
  }
}
