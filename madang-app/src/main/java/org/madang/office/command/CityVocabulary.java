package org.madang.office.command;

import java.time.Duration;
import java.util.List;
import org.madang.analytics.geo.District;
import org.madang.analytics.geo.DistrictIndex;
import org.madang.catalog.DatasetService;
import org.madang.catalog.Organization;
import org.madang.indicators.IndicatorNames;
import org.springframework.stereotype.Component;

/**
 * The running city's {@link CommandVocabulary}: the districts of the shipped boundaries, the dashboard's live layers,
 * the indicators and themes of the registry and the catalog's departments and agencies. Built on first use and again
 * when the indicators change or a minute has passed (organizations have no change counter; a new one is a rare event).
 */
@Component
class CityVocabulary {

  private static final Duration FRESH_FOR = Duration.ofMinutes(1);

  private record Built(CommandVocabulary vocabulary, long indicatorsGeneration, long builtAtNanos) {}

  private final DistrictIndex districts;
  private final DatasetService catalog;
  private final IndicatorNames indicators;
  private volatile Built built;

  CityVocabulary(DistrictIndex districts, DatasetService catalog, IndicatorNames indicators) {
    this.districts = districts;
    this.catalog = catalog;
    this.indicators = indicators;
  }

  CommandVocabulary current() {
    Built b = built;
    long generation = indicators.generation();
    if (b == null || b.indicatorsGeneration() != generation || System.nanoTime() - b.builtAtNanos() > FRESH_FOR.toNanos()) {
      b = new Built(build(), generation, System.nanoTime());
      built = b;
    }
    return b.vocabulary();
  }

  private CommandVocabulary build() {
    CommandVocabulary.Builder b = CommandVocabulary.builder();
    for (District d : districts.listDistricts()) {
      b.district(d.code(), d.name(), d.nameEn());
    }
    b.liveLayers();
    for (IndicatorNames.Theme t : indicators.listThemes()) {
      b.theme(t.code(), t.nameKo(), t.nameEn());
    }
    for (IndicatorNames.Name i : indicators.listIndicators()) {
      b.indicator(i.code(), i.nameKo(), i.nameEn());
    }
    List<Organization> organizations = catalog.listOrganizations();
    for (Organization o : organizations) {
      // the shared holders of analysis results and campus outputs are nobody to call
      if (!Organization.ANALYSES.equals(o.name()) && !Organization.CAMPUS.equals(o.name())) {
        b.department(o.name(), o.titleKo(), o.titleEn());
      }
    }
    return b.build();
  }
}
