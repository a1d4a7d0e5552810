package org.madang.indicators;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The registry's themes and indicators by name, for other modules that have to recognise them (the dashboard's
 * command bar). Read from the registry on each call; {@link #generation()} changes with every committed change, so a
 * caller may keep what it built from them until it does.
 */
@Component
public class IndicatorNames {

  /** A theme of the master plan, such as 숨쉬는 서울 (Breathing Seoul). */
  public record Theme(String code, String nameKo, String nameEn) {}

  /** An indicator's code, names and theme code. */
  public record Name(String code, String nameKo, String nameEn, String theme) {}

  private final IndicatorRepository repository;

  IndicatorNames(IndicatorRepository repository) {
    this.repository = repository;
  }

  public List<Theme> listThemes() {
    return repository.listThemes().stream().map(t -> new Theme(t.code(), t.titleKo(), t.titleEn())).toList();
  }

  /** Every indicator, in the registry's order (by theme, then position). */
  public List<Name> listIndicators() {
    return repository.listIndicators().stream().map(i -> new Name(i.code(), i.nameKo(), i.nameEn(), i.theme())).toList();
  }

  public long generation() {
    return repository.generation();
  }
}
