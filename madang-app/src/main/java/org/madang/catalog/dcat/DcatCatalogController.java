package org.madang.catalog.dcat;

import java.util.Map;
import java.util.Set;
import org.madang.MadangProperties;
import org.madang.accounts.Viewer;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.catalog.CatalogSearch;
import org.madang.catalog.DatasetService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The DCAT-AP catalog at {@code /catalog.jsonld} ({@code application/ld+json}), listing the datasets the caller may
 * see: harvesters that sign in as a steward or admin also get that organization's restricted datasets.
 */
@RestController
class DcatCatalogController {

  static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

  private final DatasetService datasets;
  private final DcatCatalogJsonLd.City city;

  DcatCatalogController(DatasetService datasets, MadangProperties properties, DistrictIndex districts) {
    this.datasets = datasets;
    this.city = new DcatCatalogJsonLd.City(properties.city().name(), properties.city().nameEn(), districts.bounds());
  }

  @GetMapping("/catalog.jsonld")
  ResponseEntity<Map<String, Object>> catalog() {
    var hits = datasets.search(Viewer.current(), new CatalogSearch.Query(null, Set.of(), Set.of(), Set.of(), Set.of(), null, "name asc", 0,
        Integer.MAX_VALUE, false)).hits();
    String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    return ResponseEntity.ok().contentType(JSON_LD).body(new DcatCatalogJsonLd(baseUrl, city).catalog(hits));
  }
}
