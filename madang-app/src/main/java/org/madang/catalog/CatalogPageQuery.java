package org.madang.catalog;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * The query string of the catalog page ({@code /datasets?q=&organization=&tag=&access=&format=&sort=&page=}) and the
 * links from it to itself with one thing changed, so facets work as plain links without JavaScript. Values that
 * cannot mean anything (an unknown access level, a page that is not a number) are dropped rather than refused.
 *
 * @param chosen facet parameter (organization, tag, access, format) → chosen values, in the order given
 * @param page 1-based
 */
record CatalogPageQuery(String q, Map<String, Set<String>> chosen, String sort, int page) {

  static final String PATH = "/datasets";

  /** The facet parameters of the page, in display order, with the key CatalogSearch counts them under. */
  static final Map<String, String> FACETS = facets();

  /** Sort choices of the page: the parameter value and CatalogSearch's sort. */
  static final List<String> SORTS = List.of("relevance", "title", "modified", "rows");

  private static Map<String, String> facets() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("organization", "organization");
    m.put("tag", "tags");
    m.put("access", "access");
    m.put("format", "format");
    return m;
  }

  static CatalogPageQuery from(MultiValueMap<String, String> parameters) {
    String q = parameters.getFirst("q");
    q = q == null || q.isBlank() ? null : q.strip();
    Map<String, Set<String>> chosen = new LinkedHashMap<>();
    for (String facet : FACETS.keySet()) {
      Set<String> values = new LinkedHashSet<>();
      for (String v : parameters.getOrDefault(facet, List.of())) {
        if (v != null && !v.isBlank() && (!facet.equals("access") || isAccessCode(v))) {
          values.add(facet.equals("access") ? v.strip().toLowerCase(Locale.ROOT) : v.strip());
        }
      }
      chosen.put(facet, values);
    }
    String sort = parameters.getFirst("sort");
    sort = sort != null && SORTS.contains(sort) ? sort : "relevance";
    return new CatalogPageQuery(q, chosen, sort, parsePage(parameters.getFirst("page")));
  }

  CatalogSearch.Query toSearch(int pageSize, boolean english) {
    String searchSort = switch (sort) {
      case "title" -> "title asc";
      case "modified" -> "modified desc";
      case "rows" -> "rows desc";
      default -> q == null ? "title asc" : "relevance";
    };
    Set<AccessLevel> access = chosen.get("access").stream().map(AccessLevel::fromCode).collect(Collectors.toSet());
    return new CatalogSearch.Query(q, chosen.get("organization"), chosen.get("tag"), access, chosen.get("format"), null, searchSort,
        (page - 1) * pageSize, pageSize, english);
  }

  boolean isChosen(String facet, String value) {
    return chosen.getOrDefault(facet, Set.of()).contains(value);
  }

  boolean anyChosen() {
    return chosen.values().stream().anyMatch(s -> !s.isEmpty());
  }

  /** This page with the value added to the facet, or removed when it was chosen; back to page 1. */
  String toggle(String facet, String value) {
    Map<String, Set<String>> next = new LinkedHashMap<>();
    chosen.forEach((f, values) -> {
      Set<String> copy = new LinkedHashSet<>(values);
      if (f.equals(facet) && !copy.remove(value)) {
        copy.add(value);
      }
      next.put(f, copy);
    });
    return new CatalogPageQuery(q, next, sort, 1).link();
  }

  /** This page with no facet values chosen. */
  String withoutFacets() {
    Map<String, Set<String>> none = new LinkedHashMap<>();
    FACETS.keySet().forEach(f -> none.put(f, Set.of()));
    return new CatalogPageQuery(q, none, sort, 1).link();
  }

  String toPage(int target) {
    return new CatalogPageQuery(q, chosen, sort, target).link();
  }

  /** The path and query string of this page, values form-encoded. */
  String link() {
    StringJoiner query = new StringJoiner("&", PATH + "?", "").setEmptyValue(PATH);
    if (q != null) {
      query.add("q=" + encode(q));
    }
    chosen.forEach((facet, values) -> values.forEach(v -> query.add(facet + "=" + encode(v))));
    if (!sort.equals("relevance")) {
      query.add("sort=" + sort);
    }
    if (page > 1) {
      query.add("page=" + page);
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean isAccessCode(String v) {
    try {
      AccessLevel.fromCode(v);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int parsePage(String page) {
    try {
      return page == null ? 1 : Math.max(1, Math.min(10_000, Integer.parseInt(page.strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
