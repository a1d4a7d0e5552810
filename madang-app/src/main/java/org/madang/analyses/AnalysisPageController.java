package org.madang.analyses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.DatasetAccess;
import org.madang.catalog.DatasetColumn;
import org.madang.catalog.DatasetService;
import org.madang.engine.ColumnRole;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The page that starts an analysis from the map ({@code /analyses}): a form over the located datasets the viewer may
 * read, the run's progress with a cancel button, the result drawn over the district boundaries, and the viewer's recent
 * jobs. The page talks to {@link BrowserAnalysisController}; visitors who are not signed in are sent to sign in, and
 * signed-in users without an analysing role are told which roles may.
 */
@Controller
class AnalysisPageController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern NUMERIC = Pattern.compile("(?i)U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*");
  static final int RECENT_JOBS = 10;

  private final DatasetService datasets;
  private final AnalysisJobs jobs;

  AnalysisPageController(DatasetService datasets, AnalysisJobs jobs) {
    this.datasets = datasets;
    this.jobs = jobs;
  }

  @GetMapping("/analyses")
  ModelAndView page() {
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      return new ModelAndView("redirect:/login");
    }
    boolean allowed = DatasetAccess.canAnalyse(viewer);
    ModelAndView page = new ModelAndView("analyses", allowed ? HttpStatus.OK : HttpStatus.FORBIDDEN);
    page.addObject("section", "analyses");
    page.addObject("allowed", allowed);
    page.addObject("usesMap", allowed);
    page.addObject("sparkAvailable", allowed && jobs.sparkAvailable());
    page.addObject("sparkMaster", jobs.sparkMaster());
    if (allowed) {
      // '</' would end the script element the JSON sits in
      page.addObject("choicesJson", JSON.writeValueAsString(choices(viewer)).replace("</", "<\\/"));
      page.addObject("jobs", jobs.list(viewer, RECENT_JOBS).stream().map(AnalysisController::json).toList());
    }
    return page;
  }

  /**
   * The located datasets whose rows the viewer may read, with how they are located ({@code points}, {@code geometries}
   * or {@code districts}) and their number and text columns (name and source header), for the form's choices.
   */
  private List<Map<String, Object>> choices(Viewer viewer) {
    boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
    List<Map<String, Object>> out = new ArrayList<>();
    for (CatalogSearch.Hit hit : datasets.search(viewer, CatalogSearch.Query.all()).hits()) {
      if (hit.current() == null || hit.current().spatial() == null || !DatasetAccess.canReadRows(viewer, hit.dataset())) {
        continue;
      }
      List<Map<String, String>> numbers = new ArrayList<>();
      List<Map<String, String>> texts = new ArrayList<>();
      for (DatasetColumn c : hit.current().columns()) {
        if (c.role() != ColumnRole.DATA || c.type() == null) {
          continue;
        }
        Map<String, String> column = Map.of("name", c.name(), "label", c.label() == null ? c.name() : c.label());
        if (NUMERIC.matcher(c.type()).matches()) {
          numbers.add(column);
        } else if (c.type().toUpperCase(java.util.Locale.ROOT).startsWith("VARCHAR")) {
          texts.add(column);
        }
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", hit.dataset().name());
      d.put("title", hit.dataset().title(english));
      d.put("located", hit.current().spatial().kind().name().toLowerCase(java.util.Locale.ROOT));
      d.put("rows", hit.current().rowCount());
      d.put("numbers", numbers);
      d.put("texts", texts);
      out.add(d);
    }
    out.sort((a, b) -> ((String) a.get("title")).compareTo((String) b.get("title")));
    return out;
  }
}
