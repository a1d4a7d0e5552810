package org.madang.office;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.Dataset;
import org.madang.catalog.DatasetService;
import org.madang.catalog.DatasetVersion;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /catalog/changes.atom}: the catalog's changes as an Atom feed, newest first: new datasets, new versions and
 * completed analyses, of public datasets only (the feed is read by anyone). It is the demo's city news: real content
 * from the platform's own records. {@code ?lang=en} gives English titles where the catalog has them.
 */
@RestController
class CatalogChangesFeed {

  static final int MAX_ENTRIES = 50;

  private final DatasetService datasets;
  private final MadangProperties properties;

  CatalogChangesFeed(DatasetService datasets, MadangProperties properties) {
    this.datasets = datasets;
    this.properties = properties;
  }

  /** A change: a version of a dataset, with what kind of change it was. */
  private record Change(Dataset dataset, DatasetVersion version) {
    boolean analysis() {
      return version.fileName() != null && version.fileName().contains("analysis #");
    }
  }

  @GetMapping(path = "/catalog/changes.atom", produces = "application/atom+xml")
  ResponseEntity<String> changes(@RequestParam(defaultValue = "ko") String lang) throws FeedException {
    boolean english = "en".equalsIgnoreCase(lang);
    Viewer anyone = Viewer.anonymous();
    List<Change> changes = new ArrayList<>();
    for (CatalogSearch.Hit hit : datasets.search(anyone, CatalogSearch.Query.all()).hits()) {
      for (DatasetVersion v : datasets.listVersions(anyone, hit.dataset().name())) {
        if (!v.removed()) {
          changes.add(new Change(hit.dataset(), v));
        }
      }
    }
    changes.sort(Comparator.comparing((Change c) -> c.version().createdAt()).reversed());
    String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();

    SyndFeed feed = new SyndFeedImpl();
    feed.setFeedType("atom_1.0");
    String city = english ? properties.city().nameEn() : properties.city().name();
    feed.setTitle(english ? "Madang · " + city + " data catalog changes" : "마당 · " + city + " 데이터 카탈로그 소식");
    feed.setDescription(english ? "New datasets, new versions and completed analyses" : "새 데이터셋, 새 버전, 완료된 분석");
    feed.setLink(base + "/datasets");
    feed.setUri(base + "/catalog/changes.atom");
    feed.setLanguage(english ? "en" : "ko");
    feed.setPublishedDate(changes.isEmpty() ? new Date(0) : Date.from(changes.get(0).version().createdAt().toInstant()));
    List<SyndEntry> entries = new ArrayList<>();
    for (Change c : changes.subList(0, Math.min(changes.size(), MAX_ENTRIES))) {
      entries.add(entry(c, base, english));
    }
    feed.setEntries(entries);
    String xml = new SyndFeedOutput().outputString(feed);
    return ResponseEntity.ok().cacheControl(CacheControl.noCache())
        .contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8")).body(xml);
  }

  private static SyndEntry entry(Change c, String base, boolean english) {
    Dataset d = c.dataset();
    DatasetVersion v = c.version();
    String title = d.title(english);
    String kind = c.analysis() ? "analysis" : v.version() == 1 ? "dataset" : "version";
    String headline = switch (kind) {
      case "analysis" -> english ? "Analysis completed: " + title : "분석 완료: " + title;
      case "dataset" -> english ? "New dataset: " + title : "새 데이터셋: " + title;
      default -> english ? title + ": version " + v.version() : title + " 버전 " + v.version() + " 공개";
    };
    SyndEntry e = new SyndEntryImpl();
    e.setTitle(headline);
    e.setLink(base + "/datasets/" + d.name());
    e.setUri("urn:madang:dataset:" + d.name() + ":v" + v.version());
    Date when = Date.from(v.createdAt().toInstant());
    e.setPublishedDate(when);
    e.setUpdatedDate(when);
    e.setAuthor(d.organization() == null ? "Madang" : d.organization().title(english));
    SyndContent summary = new SyndContentImpl();
    summary.setType("text/plain");
    String rows = String.format(Locale.ROOT, "%,d", v.rowCount());
    summary.setValue(english
        ? (d.organization() == null ? "" : d.organization().title(true) + " · ") + rows + " rows · " + v.format()
        : (d.organization() == null ? "" : d.organization().title(false) + " · ") + rows + "행 · " + v.format());
    e.setDescription(summary);
    SyndCategory category = new SyndCategoryImpl();
    category.setName(kind);
    e.setCategories(List.of(category));
    return e;
  }
}
