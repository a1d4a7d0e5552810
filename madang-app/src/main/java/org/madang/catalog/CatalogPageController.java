package org.madang.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.madang.accounts.Viewer;
import org.madang.engine.ExportFormat;
import org.madang.engine.MadangException;
import org.madang.engine.ReadRequest;
import org.madang.engine.TablePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The catalog's pages for people: the home page, the search page with facets, and each dataset's page (metadata,
 * schema with profile, preview rows, map, versions, downloads). What a viewer may see is decided by {@link
 * DatasetService}; a dataset the viewer may not see gets the same 404 page as one that does not exist.
 */
@Controller
class CatalogPageController {

  private static final Logger log = LoggerFactory.getLogger(CatalogPageController.class);

  static final int PAGE_SIZE = 20;
  static final int PREVIEW_ROWS = 20;
  static final int LATEST_ON_HOME = 6;

  private final DatasetService datasets;

  CatalogPageController(DatasetService datasets) {
    this.datasets = datasets;
  }

  /** A facet value as the page shows it: a link that adds or removes it, with the count of matches having it. */
  record FacetValue(String value, String label, int count, boolean chosen, String link) {}

  /** A facet: its query parameter (organization, tag, access, format) and values, most frequent first. */
  record Facet(String parameter, List<FacetValue> values) {}

  /** A link of the pagination. */
  record PageLink(int number, String link, boolean current) {}

  /** A download button. */
  record Download(String format, String label, String link) {}

  @GetMapping("/")
  String home(Model model) {
    boolean english = english();
    CatalogSearch.Result latest = datasets.search(Viewer.current(),
        new CatalogSearch.Query(null, Set.of(), Set.of(), Set.of(), Set.of(), null, "modified desc", 0, LATEST_ON_HOME, english));
    model.addAttribute("datasetCount", latest.total());
    model.addAttribute("organizationCount", datasets.listOrganizations().size());
    model.addAttribute("latest", latest.hits());
    model.addAttribute("section", "home");
    return "home";
  }

  @GetMapping("/datasets")
  String search(@RequestParam MultiValueMap<String, String> parameters, Model model) {
    boolean english = english();
    CatalogPageQuery query = CatalogPageQuery.from(parameters);
    CatalogSearch.Result result = datasets.search(Viewer.current(), query.toSearch(PAGE_SIZE, english));
    int pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    Map<String, Organization> organizations = datasets.listOrganizations().stream()
        .collect(Collectors.toMap(Organization::name, Function.identity()));

    List<Facet> facets = new ArrayList<>();
    CatalogPageQuery.FACETS.forEach((parameter, key) -> {
      List<FacetValue> values = new ArrayList<>();
      result.facets().getOrDefault(key, Map.of()).forEach((value, count) -> values.add(new FacetValue(value,
          facetLabel(parameter, value, organizations, english), count, query.isChosen(parameter, value), query.toggle(parameter, value))));
      // a chosen value that matches nothing any more stays visible, so it can be unchosen
      query.chosen().get(parameter).stream().filter(v -> !result.facets().getOrDefault(key, Map.of()).containsKey(v))
          .forEach(v -> values.add(new FacetValue(v, facetLabel(parameter, v, organizations, english), 0, true, query.toggle(parameter, v))));
      facets.add(new Facet(parameter, values));
    });

    List<PageLink> pageLinks = new ArrayList<>();
    for (int p = 1; p <= pages; p++) {
      pageLinks.add(new PageLink(p, query.toPage(p), p == query.page()));
    }
    model.addAttribute("query", query);
    model.addAttribute("result", result);
    model.addAttribute("facets", facets);
    model.addAttribute("clearFacets", query.anyChosen() ? query.withoutFacets() : null);
    model.addAttribute("sorts", CatalogPageQuery.SORTS);
    model.addAttribute("pageLinks", pages > 1 ? pageLinks : List.of());
    model.addAttribute("previousPage", query.page() > 1 ? query.toPage(query.page() - 1) : null);
    model.addAttribute("nextPage", query.page() < pages ? query.toPage(query.page() + 1) : null);
    model.addAttribute("section", "datasets");
    return "datasets";
  }

  @GetMapping("/datasets/{name}")
  ModelAndView dataset(@PathVariable String name) {
    Viewer viewer = Viewer.current();
    Dataset dataset = datasets.findVisible(viewer, name).orElse(null);
    if (dataset == null) {
      ModelAndView notFound = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
      notFound.addObject("section", "datasets");
      return notFound;
    }
    DatasetVersion version = dataset.currentVersion() == null ? null : datasets.getVersion(viewer, name, null);
    boolean canReadRows = DatasetAccess.canReadRows(viewer, dataset);
    ModelAndView page = new ModelAndView("dataset");
    page.addObject("dataset", dataset);
    page.addObject("version", version);
    page.addObject("versions", datasets.listVersions(viewer, name));
    page.addObject("canReadRows", canReadRows);
    page.addObject("preview", canReadRows && version != null ? preview(viewer, name) : null);
    MapPreview map = canReadRows ? MapPreview.of(dataset, version).orElse(null) : null;
    page.addObject("map", map);
    page.addObject("usesMap", map != null);
    page.addObject("downloads", canReadRows && version != null ? downloads(dataset, version) : List.of());
    page.addObject("section", "datasets");
    return page;
  }

  /**
   * Whether the visitor chose English (the web module's locale resolver gives Korean or English). Read from Spring's
   * locale context rather than the web module, so the catalog does not depend on it.
   */
  private static boolean english() {
    return "en".equals(LocaleContextHolder.getLocale().getLanguage());
  }

  /** The first rows, or null when the engine could not read them (the page says so instead of failing). */
  private TablePage preview(Viewer viewer, String name) {
    try {
      return datasets.readRows(viewer, name, null, ReadRequest.firstRows(null, PREVIEW_ROWS));
    } catch (MadangException e) {
      log.warn("No preview of {}: {}", name, e.getMessage());
      return null;
    }
  }

  private static List<Download> downloads(Dataset dataset, DatasetVersion version) {
    List<Download> list = new ArrayList<>();
    for (ExportFormat format : ExportFormat.values()) {
      if (format == ExportFormat.GEOJSON && version.spatial() == null) {
        continue;
      }
      String label = switch (format) {
        case CSV -> "CSV";
        case GEOJSON -> "GeoJSON";
        case PARQUET -> "Parquet";
      };
      list.add(new Download(format.extension(), label, "/datasets/" + dataset.name() + "/download?format=" + format.extension()));
    }
    return list;
  }

  private static String facetLabel(String parameter, String value, Map<String, Organization> organizations, boolean english) {
    if (parameter.equals("organization")) {
      Organization o = organizations.get(value);
      return o == null ? value : o.title(english);
    }
    return value;
  }
}
