package org.madang.campus;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.engine.MadangException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campus in the browser. {@code /campus}: what it is, and for signed-in users their projects and the form that
 * proposes one; {@code /campus/projects/{id}}: the project and, for its members while it is open, the workspace (SQL
 * editor, schema browser, results, charts, saved queries, working tables, access and output requests);
 * {@code /campus/review}: what stewards, officials and admins have to decide. The pages are filled and driven by the
 * ES modules in {@code static/js/campus}, which call the session twins of the campus APIs under {@code /campus/api}
 * with the CSRF header named in the page.
 */
@Controller
class CampusPages {

  /** Keys of the texts the pages' scripts need: every {@code campus.js.*} key of the Korean messages. */
  static final List<String> SCRIPT_TEXTS = scriptTextKeys();

  private final Projects projects;
  private final CampusRepository repository;
  private final DatasetService datasets;
  private final CatalogRepository catalog;
  private final MessageSource messages;

  CampusPages(Projects projects, CampusRepository repository, DatasetService datasets, CatalogRepository catalog, MessageSource messages) {
    this.projects = projects;
    this.repository = repository;
    this.datasets = datasets;
    this.catalog = catalog;
    this.messages = messages;
  }

  @GetMapping("/campus")
  ModelAndView campus() {
    Viewer viewer = Viewer.current();
    ModelAndView page = page("campus");
    if (viewer.isSignedIn()) {
      List<Map<String, Object>> mine = new ArrayList<>();
      for (Project p : repository.listProjectsOf(viewer.username())) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", p.id());
        row.put("title", p.title());
        row.put("status", p.status().code());
        row.put("start", p.startDate().toString());
        row.put("end", p.endDate().toString());
        row.put("role", p.roleOf(viewer.username()).map(MemberRole::code).orElse(""));
        mine.add(row);
      }
      page.addObject("projects", mine);
      page.addObject("choices", datasetChoices(viewer));
      page.addObject("today", projects.today().toString());
    }
    return page;
  }

  /** The sign-in link of {@code /campus} points here: sign-in is required, and after it the visitor is back on the campus. */
  @GetMapping("/campus/projects")
  String afterSignIn() {
    return "redirect:/campus";
  }

  @GetMapping("/campus/projects/{id}")
  ModelAndView project(@PathVariable long id) {
    Viewer viewer = Viewer.current();
    Project p;
    try {
      p = projects.getVisible(viewer, id);
    } catch (MadangException e) {
      return new ModelAndView("error/404", HttpStatus.NOT_FOUND).addObject("section", "campus");
    }
    boolean member = p.isMember(viewer.username());
    ModelAndView page = page("campus-project");
    page.addObject("project", p.json());
    page.addObject("member", member);
    page.addObject("role", p.roleOf(viewer.username()).map(MemberRole::code).orElse(null));
    page.addObject("open", member && p.isOpenOn(projects.today()));
    page.addObject("canAskAccess", member && (p.status() == ProjectStatus.APPROVED || p.status() == ProjectStatus.ACTIVE));
    page.addObject("canDecide", Projects.canDecide(viewer) && p.status() == ProjectStatus.PROPOSED && !p.proposedBy().equals(viewer.username()));
    List<Map<String, Object>> requested = new ArrayList<>();
    List<String> restricted = new ArrayList<>();
    boolean english = english();
    for (String name : p.requestedDatasets()) {
      Dataset d = catalog.findDataset(name).orElse(null);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", name);
      o.put("access", d == null ? null : d.access().code());
      // restricted data's metadata stays with its stewards: members see its name only
      boolean hidden = d == null || (d.access() == AccessLevel.RESTRICTED && !viewer.stewards(d.organization().id()));
      o.put("title", hidden ? null : d.title(english));
      requested.add(o);
      if (d != null && d.access() == AccessLevel.RESTRICTED) {
        restricted.add(name);
      }
    }
    page.addObject("requested", requested);
    page.addObject("restrictedRequested", restricted);
    return page;
  }

  @GetMapping("/campus/review")
  ModelAndView review() {
    Viewer viewer = Viewer.current();
    boolean allowed = viewer.isAdmin() || viewer.has(Role.STEWARD) || viewer.has(Role.OFFICIAL);
    ModelAndView page = page("campus-review");
    page.setStatus(allowed ? HttpStatus.OK : HttpStatus.FORBIDDEN);
    page.addObject("allowed", allowed);
    page.addObject("decidesProjects", Projects.canDecide(viewer));
    return page;
  }

  private ModelAndView page(String view) {
    ModelAndView page = new ModelAndView(view);
    Viewer viewer = Viewer.current();
    page.addObject("section", "campus");
    page.addObject("signedIn", viewer.isSignedIn());
    page.addObject("canReview", viewer.isAdmin() || viewer.has(Role.STEWARD) || viewer.has(Role.OFFICIAL));
    page.addObject("campusTexts", scriptTexts());
    return page;
  }

  /** The datasets with data the viewer can see in the catalog, for the proposal form: name, title, access. */
  private List<Map<String, Object>> datasetChoices(Viewer viewer) {
    boolean english = english();
    List<Map<String, Object>> out = new ArrayList<>();
    for (CatalogSearch.Hit hit : datasets.search(viewer, CatalogSearch.Query.all()).hits()) {
      if (hit.current() == null) {
        continue;
      }
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", hit.dataset().name());
      o.put("title", hit.dataset().title(english));
      o.put("access", hit.dataset().access().code());
      out.add(o);
    }
    out.sort((a, b) -> ((String) a.get("title")).compareTo((String) b.get("title")));
    return out;
  }

  private static boolean english() {
    return "en".equals(LocaleContextHolder.getLocale().getLanguage());
  }

  private String scriptTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : SCRIPT_TEXTS) {
      texts.put(key, messages.getMessage(key, null, key, LocaleContextHolder.getLocale()));
    }
    // inside <script>, "</" would end the element
    return JsonMapper.shared().writeValueAsString(texts).replace("</", "<\\/");
  }

  private static List<String> scriptTextKeys() {
    Properties korean = new Properties();
    try (Reader in = new InputStreamReader(new ClassPathResource("i18n/messages.properties").getInputStream(), StandardCharsets.UTF_8)) {
      korean.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(new TreeSet<>(korean.stringPropertyNames().stream().filter(k -> k.startsWith("campus.js.")).toList()));
  }
}
