package org.madang.web;

import java.util.Locale;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;

/** The languages of the user interface. Korean is the default; content in English falls back to Korean when missing. */
enum Language {
  KOREAN("ko", Locale.KOREAN),
  ENGLISH("en", Locale.ENGLISH);

  private final String code;
  private final Locale locale;

  Language(String code, Locale locale) {
    this.code = code;
    this.locale = locale;
  }

  /** The language of the current request, as the locale resolver chose it (cookie or {@code ?lang=}). */
  static Language current() {
    return of(LocaleContextHolder.getLocale());
  }

  static Language of(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : KOREAN;
  }

  /** {@code ko} or {@code en} (case-insensitive); anything else is no language of ours. */
  static Optional<Language> findByCode(String code) {
    for (Language language : values()) {
      if (language.code.equalsIgnoreCase(code == null ? "" : code.strip())) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  String code() {
    return code;
  }

  Locale locale() {
    return locale;
  }

  boolean english() {
    return this == ENGLISH;
  }
}
