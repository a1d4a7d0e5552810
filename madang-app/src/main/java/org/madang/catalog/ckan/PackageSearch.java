package org.madang.catalog.ckan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.CatalogSearch.Hit;
import org.madang.catalog.DatasetService;
import org.madang.catalog.Organization;

/**
 * CKAN's {@code package_search}: free text in {@code q} (words that must all appear; Solr {@code field:value} terms in
 * it act as filters), filters in {@code fq}, {@code rows}/{@code start} paging, {@code sort}, and facets named in
 * {@code facet.field}. Only datasets the viewer may see are searched, so restricted ones count nowhere for others.
 */
final class PackageSearch {

  static final int MAX_ROWS = 1000;
  private static final Pattern FIELD_TERM = Pattern.compile("([+-]?[A-Za-z_]+:(\"[^\"]*\"|\\([^)]*\\)|\\S+))");
  private static final Set<String> SORT_FIELDS = Set.of("score", "relevance", "name", "title", "title_string", "metadata_modified",
      "metadata_created");
  private static final Map<String, String> FACET_TITLES = Map.of("organization", "Organizations", "tags", "Tags", "res_format",
      "Formats", "access", "Access", "license_title", "Licenses", "source_format", "Source formats");

  private final DatasetService datasets;

  PackageSearch(DatasetService datasets) {
    this.datasets = datasets;
  }

  Map<String, Object> search(Viewer viewer, CkanParameters p, CkanPackageJson json) {
    int rows = p.integer("rows", 10, 0, MAX_ROWS);
    int start = p.integer("start", 0, 0, Integer.MAX_VALUE);
    String sort = p.string("sort") == null ? "score desc, metadata_modified desc" : p.string("sort");
    List<String> facetFields = p.stringList("facet.field");
    int facetLimit = p.integer("facet.limit", 50, -1, Integer.MAX_VALUE);
    int facetMinCount = p.integer("facet.mincount", 1, 0, Integer.MAX_VALUE);

    StringBuilder words = new StringBuilder();
    CkanFilterQuery filter = CkanFilterQuery.parse(p.string("fq"), "fq");
    String q = p.string("q");
    if (q != null && !q.strip().equals("*:*")) {
      Matcher m = FIELD_TERM.matcher(q);
      int last = 0;
      while (m.find()) {
        words.append(q, last, m.start()).append(' ');
        filter = filter.and(CkanFilterQuery.parse(m.group(1), "q"));
        last = m.end();
      }
      words.append(q.substring(last));
    }
    String text = words.toString().replaceAll("\\b(AND|OR)\\b", " ").replace("\"", " ").strip();

    CatalogSearch.Query query = new CatalogSearch.Query(text.isEmpty() ? null : text, Set.of(), Set.of(), Set.of(), Set.of(), null,
        sortKey(sort, !text.isEmpty()), 0, Integer.MAX_VALUE, false);
    List<Hit> matches = new ArrayList<>();
    for (Hit hit : datasets.search(viewer, query).hits()) {
      if (filter.matches(hit)) {
        matches.add(hit);
      }
    }

    Map<String, Object> facets = new LinkedHashMap<>();
    Map<String, Object> searchFacets = new LinkedHashMap<>();
    for (String field : facetFields) {
      Map<String, Integer> counts = count(matches, field, facetMinCount, facetLimit);
      facets.put(field, counts);
      List<Map<String, Object>> items = new ArrayList<>();
      counts.forEach((name, count) -> {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", name);
        item.put("display_name", displayName(matches, field, name));
        item.put("count", count);
        items.add(item);
      });
      Map<String, Object> facet = new LinkedHashMap<>();
      facet.put("title", FACET_TITLES.getOrDefault(field, field));
      facet.put("items", items);
      searchFacets.put(field, facet);
    }

    int from = Math.min(start, matches.size());
    int to = Math.min(matches.size(), from + rows);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("count", matches.size());
    result.put("sort", sort);
    result.put("facets", facets);
    result.put("results", matches.subList(from, to).stream().map(h -> json.packageDict(h.dataset(), h.current())).toList());
    result.put("search_facets", searchFacets);
    return result;
  }

  /**
   * The first sort clause CatalogSearch understands, as {@code field direction}. Relevance without words to score is
   * no order at all, so the next clause decides then (CKAN's default falls back to the modification time).
   */
  private static String sortKey(String sort, boolean hasWords) {
    List<String> keys = new ArrayList<>();
    for (String clause : sort.split(",")) {
      String[] parts = clause.strip().toLowerCase(Locale.ROOT).split("\\s+");
      if (parts[0].isEmpty()) {
        continue;
      }
      if (!SORT_FIELDS.contains(parts[0]) || parts.length > 2 || (parts.length == 2 && !parts[1].equals("asc") && !parts[1].equals("desc"))) {
        throw CkanActionException.invalid("sort", "Cannot sort by '" + clause.strip() + "'; use score, name, title_string, metadata_modified or "
            + "metadata_created, each with asc or desc");
      }
      keys.add(parts[0] + " " + (parts.length == 2 ? parts[1] : "asc"));
    }
    if (keys.isEmpty()) {
      return null;
    }
    for (String key : keys) {
      boolean relevance = key.startsWith("score") || key.startsWith("relevance");
      if (!relevance || hasWords) {
        return relevance ? "relevance desc" : key;
      }
    }
    return "name asc";
  }

  private static Map<String, Integer> count(List<Hit> hits, String field, int minCount, int limit) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Hit h : hits) {
      for (String v : values(h, field)) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= minCount)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(limit < 0 ? Long.MAX_VALUE : limit)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The values a dataset has for a field CKAN facets on; none for fields Madang does not have (e.g. groups). */
  private static List<String> values(Hit h, String field) {
    return switch (field) {
      case "organization", "owner_org" -> List.of(h.dataset().organization().name());
      case "tags" -> h.dataset().tags();
      case "res_format" -> CkanPackageJson.resourceFormats(h.current()).stream().map(CkanPackageJson::formatName).toList();
      case "access" -> List.of(h.dataset().access().code());
      case "license_title" -> h.dataset().license() == null ? List.of() : List.of(h.dataset().license());
      case "source_format" -> h.current() == null ? List.of() : List.of(h.current().format());
      default -> List.of();
    };
  }

  private static String displayName(List<Hit> hits, String field, String name) {
    if (field.equals("organization") || field.equals("owner_org")) {
      return hits.stream().map(h -> h.dataset().organization()).filter(o -> o.name().equals(name)).findFirst()
          .map(Organization::titleKo).orElse(name);
    }
    return name;
  }

  /** Datasets of {@code organization} the viewer may see, by name. */
  List<Hit> listOfOrganization(Viewer viewer, String organization) {
    return datasets.search(viewer, new CatalogSearch.Query(null, Set.of(organization), Set.of(), Set.of(), Set.of(), null, "name asc", 0,
        Integer.MAX_VALUE, false)).hits();
  }
}
