package org.madang.indicators;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.madang.MadangProperties;
import org.madang.accounts.Role;
import org.madang.accounts.Viewer;
import org.madang.analyses.AnalysisJob;
import org.madang.analyses.AnalysisJobs;
import org.madang.campus.AnalysisTasks;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetVersion;
import org.madang.engine.ColumnRole;
import org.madang.engine.DataEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts the platform's own performance from its records, through the other modules' public APIs: the catalog's
 * datasets and versions, the engine's lineage of analysis results, the analysis jobs and campus projects (both are
 * analysis tasks), and {@link PlatformUsage}. Each
 * measure is a series by year: stocks at the end of each year (the current year: now), flows during each year.
 */
@Component
class PlatformMeasures {

  private static final Viewer PLATFORM = new Viewer("madang-indicators", EnumSet.of(Role.ADMIN), null);
  /** Analysis jobs read at most; past this, the oldest are left out of the counts. */
  private static final int MAX_JOBS = 1_000_000;

  private final CatalogRepository catalog;
  private final DataEngine engine;
  private final AnalysisJobs analyses;
  private final AnalysisTasks tasks;
  private final ObjectProvider<PlatformUsage> usage;
  private final IndicatorRepository repository;
  private final ZoneId zone;

  PlatformMeasures(CatalogRepository catalog, DataEngine engine, AnalysisJobs analyses, AnalysisTasks tasks, ObjectProvider<PlatformUsage> usage,
      IndicatorRepository repository, MadangProperties properties) {
    this.tasks = tasks;
    this.catalog = catalog;
    this.engine = engine;
    this.analyses = analyses;
    this.usage = usage;
    this.repository = repository;
    this.zone = properties.indicators().zone();
  }

  /** The measure's value by year. */
  SortedMap<Integer, Double> measure(PlatformMeasure measure) {
    return switch (measure) {
      case DATASETS_SECURED -> stock(securedDatasets().keySet().stream().map(d -> year(d.createdAt())).toList());
      case DATASETS_INTEGRATED -> stock(securedDatasets().entrySet().stream().filter(e -> integrated(e.getValue()))
          .map(e -> year(e.getKey().createdAt())).toList());
      case DATASETS_ANALYSED -> datasetsAnalysed();
      case ITEMS_SERVED -> itemsServed();
      // analysis tasks: the analysis jobs and the campus projects
      case ANALYSES_OPENED -> flow(concat(jobs().stream().map(AnalysisJob::submittedAt).toList(), tasks.openedAt()));
      case ANALYSES_COMPLETED -> flow(concat(jobs().stream().filter(j -> j.status().equals(AnalysisJob.SUCCEEDED)).map(AnalysisJob::finishedAt).toList(),
          tasks.completedAt()));
    };
  }

  /** Catalog datasets with a current version that is not an analysis result, with that version. */
  private Map<Dataset, DatasetVersion> securedDatasets() {
    Map<Dataset, DatasetVersion> secured = new java.util.LinkedHashMap<>();
    for (Dataset d : catalog.listDatasets()) {
      if (d.currentVersion() == null) {
        continue;
      }
      catalog.findVersion(d.id(), d.currentVersion()).filter(v -> engine.findLineage(v.tableName()).isEmpty()).ifPresent(v -> secured.put(d, v));
    }
    return secured;
  }

  /** Joined to districts or H3 cells: the engine added a district code or H3 cell that is filled in some rows. */
  private static boolean integrated(DatasetVersion v) {
    return v.columns().stream().anyMatch(c -> (c.role() == ColumnRole.DISTRICT || c.role() == ColumnRole.H3_CELL)
        && (c.nullCount() == null || c.nullCount() < v.rowCount()));
  }

  private List<AnalysisJob> jobs() {
    return analyses.list(PLATFORM, MAX_JOBS);
  }

  private SortedMap<Integer, Double> datasetsAnalysed() {
    SortedMap<Integer, Set<String>> byYear = new TreeMap<>();
    for (AnalysisJob j : jobs()) {
      if (!j.status().equals(AnalysisJob.SUCCEEDED) || j.finishedAt() == null || j.inputs() == null) {
        continue;
      }
      Set<String> names = byYear.computeIfAbsent(year(j.finishedAt()), y -> new HashSet<>());
      j.inputs().forEach(input -> names.add(input.path("dataset").asString()));
    }
    SortedMap<Integer, Double> series = new TreeMap<>();
    if (byYear.isEmpty()) {
      return series;
    }
    Set<String> seen = new HashSet<>();
    for (int y = byYear.firstKey(); y <= currentYear(); y++) {
      seen.addAll(byYear.getOrDefault(y, Set.of()));
      series.put(y, (double) seen.size());
    }
    return series;
  }

  private SortedMap<Integer, Double> itemsServed() {
    PlatformUsage counter = usage.getIfAvailable();
    if (counter != null) {
      counter.flush();
    }
    SortedMap<Integer, Double> series = new TreeMap<>();
    repository.listUsage().forEach(u -> series.merge(u.day().getYear(), (double) u.hits(), Double::sum));
    return series;
  }

  /** Cumulative counts of things that appeared in the given years, from the first one to the current year. */
  private SortedMap<Integer, Double> stock(List<Integer> years) {
    SortedMap<Integer, Double> series = new TreeMap<>();
    if (years.isEmpty()) {
      return series;
    }
    int first = years.stream().min(Integer::compare).orElseThrow();
    for (int y = first; y <= currentYear(); y++) {
      int year = y;
      series.put(y, (double) years.stream().filter(x -> x <= year).count());
    }
    return series;
  }

  private static List<OffsetDateTime> concat(List<OffsetDateTime> a, List<OffsetDateTime> b) {
    List<OffsetDateTime> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Counts per year of the times, each year from the first to the current one (0 when none). */
  private SortedMap<Integer, Double> flow(List<OffsetDateTime> times) {
    SortedMap<Integer, Double> series = new TreeMap<>();
    times.stream().filter(t -> t != null).forEach(t -> series.merge(year(t), 1.0, Double::sum));
    if (!series.isEmpty()) {
      for (int y = series.firstKey(); y <= currentYear(); y++) {
        series.putIfAbsent(y, 0.0);
      }
    }
    return series;
  }

  private int year(OffsetDateTime t) {
    return t.atZoneSameInstant(zone).getYear();
  }

  private int currentYear() {
    return LocalDate.now(zone).getYear();
  }
}
