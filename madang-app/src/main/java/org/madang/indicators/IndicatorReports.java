package org.madang.indicators;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.madang.MadangProperties;
import org.madang.catalog.CatalogRepository;
import org.madang.catalog.Organization;
import org.springframework.stereotype.Component;

/** Builds {@link IndicatorReport}s: latest values, baselines, achievement and status by {@link AchievementRule}. */
@Component
class IndicatorReports {

  private final IndicatorRepository repository;
  private final CatalogRepository catalog;
  private final MadangProperties properties;

  IndicatorReports(IndicatorRepository repository, CatalogRepository catalog, MadangProperties properties) {
    this.repository = repository;
    this.catalog = catalog;
    this.properties = properties;
  }

  List<IndicatorReport> list(String theme) {
    Map<String, List<IndicatorValue>> values = repository.listCityValues();
    Map<String, IndicatorRepository.Theme> themes = themes();
    Map<String, Organization> organizations = organizations();
    return repository.listIndicators().stream().filter(i -> theme == null || i.theme().equals(theme))
        .map(i -> report(i, themes, organizations, values.getOrDefault(i.code(), List.of()))).toList();
  }

  Optional<IndicatorReport> find(String code) {
    return repository.findIndicator(code).map(i -> report(i, themes(), organizations(), repository.listCityValues().getOrDefault(code, List.of())));
  }

  private Map<String, IndicatorRepository.Theme> themes() {
    Map<String, IndicatorRepository.Theme> themes = new HashMap<>();
    repository.listThemes().forEach(t -> themes.put(t.code(), t));
    return themes;
  }

  private Map<String, Organization> organizations() {
    Map<String, Organization> organizations = new HashMap<>();
    catalog.listOrganizations().forEach(o -> organizations.put(o.name(), o));
    return organizations;
  }

  private IndicatorReport report(Indicator i, Map<String, IndicatorRepository.Theme> themes, Map<String, Organization> organizations,
      List<IndicatorValue> cityValues) {
    IndicatorValue latest = cityValues.isEmpty() ? null : cityValues.get(cityValues.size() - 1);
    Double baseline = i.baselineValue();
    if (baseline == null && i.baselineYear() != null) {
      baseline = cityValues.stream().filter(v -> v.year() == i.baselineYear()).map(IndicatorValue::value).findFirst().orElse(null);
    }
    Achievement achievement;
    if (latest == null) {
      var target = AchievementRule.targetFor(i.targets(), LocalDate.now(properties.indicators().zone()).getYear());
      achievement = Achievement.noData(target == null ? null : target.getKey(), target == null ? null : target.getValue());
    } else {
      achievement = AchievementRule.assess(i.polarity(), i.baselineYear(), baseline, i.targets(), latest.year(), latest.value());
    }
    Organization o = organizations.get(i.organization());
    return new IndicatorReport(i, themes.get(i.theme()), o == null ? i.organization() : o.titleKo(), o == null ? null : o.titleEn(), cityValues,
        latest, baseline, achievement);
  }
}
