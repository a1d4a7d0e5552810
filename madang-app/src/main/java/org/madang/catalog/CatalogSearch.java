package org.madang.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.madang.accounts.Viewer;
import org.springframework.stereotype.Component;

/**
 * Full-text search with facets over the catalog, answered from an in-memory snapshot of every dataset with its
 * current version. A city catalog holds hundreds to a few thousand datasets, so a snapshot rebuilt after each change
 * beats a round trip to the metadata database per search (and keeps package_search fast under load).
 */
@Component
public class CatalogSearch {

  /**
   * @param q words that must all appear (in name, titles, descriptions, tags or organization), or null
   * @param organizations keep datasets of any of these organizations (names); empty for all
   * @param tags keep datasets having all these tags
   * @param access keep datasets of any of these access levels
   * @param formats keep datasets whose current version has one of these formats (CSV, XLSX, ...)
   * @param sort {@code relevance}, {@code name}, {@code title}, {@code modified} or {@code rows}, each optionally
   *     followed by {@code asc}/{@code desc}
   */
  public record Query(String q, Set<String> organizations, Set<String> tags, Set<AccessLevel> access, Set<String> formats,
      Boolean spatial, String sort, int offset, int limit, boolean english) {

    public static Query all() {
      return new Query(null, Set.of(), Set.of(), Set.of(), Set.of(), null, null, 0, 1000, false);
    }
  }

  /** One hit: the dataset and its current version (null before the first upload). */
  public record Hit(Dataset dataset, DatasetVersion current) {}

  /** The page of hits, the total, and facet counts over all matches (facet → value → count, most frequent first). */
  public record Result(List<Hit> hits, int total, Map<String, Map<String, Integer>> facets) {}

  private final CatalogRepository repository;
  private volatile Snapshot snapshot;
  private long generation;

  CatalogSearch(CatalogRepository repository) {
    this.repository = repository;
  }

  /** Drops the snapshot; the next search rebuilds it. Call after every committed change to datasets or versions. */
  public void invalidate() {
    synchronized (this) {
      generation++;
      snapshot = null;
    }
  }

  /** Every dataset with its current version, whatever the viewer (callers filter by access). */
  List<Hit> listAll() {
    return snapshot().hits();
  }

  /** One dataset with its current version, from the snapshot; reads of rows and pages use it instead of the database. */
  Optional<Hit> find(String name) {
    return Optional.ofNullable(snapshot().byName().get(name));
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s != null) {
      return s;
    }
    long started;
    synchronized (this) {
      if (snapshot != null) {
        return snapshot;
      }
      started = generation;
    }
    List<Hit> built = new ArrayList<>();
    for (Dataset d : repository.listDatasets()) {
      DatasetVersion current = d.currentVersion() == null ? null : repository.findVersion(d.id(), d.currentVersion()).orElse(null);
      built.add(new Hit(d, current));
    }
    Map<String, Hit> byName = new java.util.HashMap<>();
    built.forEach(h -> byName.put(h.dataset().name(), h));
    Snapshot fresh = new Snapshot(List.copyOf(built), Map.copyOf(byName));
    synchronized (this) {
      // a change committed while we read makes this snapshot stale: serve it to this caller only
      if (generation == started) {
        snapshot = fresh;
      }
    }
    return fresh;
  }

  private record Snapshot(List<Hit> hits, Map<String, Hit> byName) {}

  public Result search(Viewer viewer, Query query) {
    String[] words = query.q() == null || query.q().isBlank() ? new String[0] : query.q().toLowerCase(Locale.ROOT).strip().split("\\s+");
    List<Hit> matches = new ArrayList<>();
    Map<Hit, Integer> scores = new LinkedHashMap<>();
    for (Hit hit : listAll()) {
      Dataset d = hit.dataset();
      if (!DatasetAccess.canSee(viewer, d)) {
        continue;
      }
      int score = score(d, words);
      if (score < 0) {
        continue;
      }
      if (!query.organizations().isEmpty() && !query.organizations().contains(d.organization().name())) continue;
      if (!query.tags().isEmpty() && !d.tags().containsAll(query.tags())) continue;
      if (!query.access().isEmpty() && !query.access().contains(d.access())) continue;
      if (!query.formats().isEmpty() && (hit.current() == null || !containsIgnoreCase(query.formats(), hit.current().format()))) continue;
      if (query.spatial() != null && query.spatial() != (hit.current() != null && hit.current().spatial() != null)) continue;
      matches.add(hit);
      scores.put(hit, score);
    }
    matches.sort(comparator(query, scores));
    Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
    facets.put("organization", facet(matches, h -> List.of(h.dataset().organization().name())));
    facets.put("tags", facet(matches, h -> h.dataset().tags()));
    facets.put("access", facet(matches, h -> List.of(h.dataset().access().code())));
    facets.put("format", facet(matches, h -> h.current() == null ? List.of() : List.of(h.current().format())));
    int from = Math.min(Math.max(0, query.offset()), matches.size());
    int to = Math.min(matches.size(), from + Math.max(0, query.limit()));
    return new Result(List.copyOf(matches.subList(from, to)), matches.size(), facets);
  }

  private static boolean containsIgnoreCase(Set<String> set, String value) {
    return set.stream().anyMatch(s -> s.equalsIgnoreCase(value));
  }

  /** -1 when a word is missing; otherwise higher for words in names, titles and tags than in descriptions. */
  private static int score(Dataset d, String[] words) {
    if (words.length == 0) {
      return 0;
    }
    String strong = String.join(" ", d.name(), nz(d.titleKo()), nz(d.titleEn()), String.join(" ", d.tags())).toLowerCase(Locale.ROOT);
    String weak = String.join(" ", nz(d.descriptionKo()), nz(d.descriptionEn()), d.organization().name(), nz(d.organization().titleKo()),
        nz(d.organization().titleEn()), nz(d.source())).toLowerCase(Locale.ROOT);
    int score = 0;
    for (String w : words) {
      if (strong.contains(w)) {
        score += 3;
      } else if (weak.contains(w)) {
        score += 1;
      } else {
        return -1;
      }
    }
    return score;
  }

  private static Comparator<Hit> comparator(Query query, Map<Hit, Integer> scores) {
    String sort = query.sort() == null || query.sort().isBlank() ? "relevance" : query.sort().strip().toLowerCase(Locale.ROOT);
    String[] parts = sort.split("\\s+");
    boolean desc = parts.length > 1 ? parts[1].equals("desc") : parts[0].equals("modified") || parts[0].equals("metadata_modified") || parts[0].equals("rows") || parts[0].equals("relevance") || parts[0].equals("score");
    Comparator<Hit> byName = Comparator.comparing(h -> h.dataset().name());
    Comparator<Hit> c = switch (parts[0]) {
      case "name" -> byName;
      case "title", "title_string" -> Comparator.comparing((Hit h) -> h.dataset().title(query.english()), String.CASE_INSENSITIVE_ORDER);
      case "modified", "metadata_modified" -> Comparator.comparing((Hit h) -> h.dataset().updatedAt());
      case "created", "metadata_created" -> Comparator.comparing((Hit h) -> h.dataset().createdAt());
      case "rows" -> Comparator.comparingLong((Hit h) -> h.current() == null ? 0 : h.current().rowCount());
      default -> Comparator.comparingInt((Hit h) -> scores.getOrDefault(h, 0));
    };
    if (desc) {
      c = c.reversed();
    }
    return c.thenComparing(byName);
  }

  private static Map<String, Integer> facet(List<Hit> hits, java.util.function.Function<Hit, List<String>> values) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Hit h : hits) {
      for (String v : values.apply(h)) {
        counts.merge(v, 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
