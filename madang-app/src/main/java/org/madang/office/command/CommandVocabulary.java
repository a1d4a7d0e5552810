package org.madang.office.command;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names a command may use, taken from the running city: its districts (Korean and English, with and without 구 /
 * -gu), the dashboard's map layers, the indicators and their themes, and the catalog's departments. Immutable; the
 * parser looks names up by {@link #key key}, a spelling without spaces, punctuation or case.
 */
final class CommandVocabulary {

  enum Kind { DISTRICT, LAYER, INDICATOR, THEME, DEPARTMENT }

  /**
   * One thing a command can name.
   *
   * @param code what the dashboard knows it by: a district code, a layer ({@code air}, {@code traffic},
   *     {@code crowding}), an indicator or theme code, an organization's name
   * @param phrases every spelling that names it, the first Korean and English ones being its names
   */
  record Term(Kind kind, String code, String name, String nameEn, List<String> phrases) {

    /** The name in the language of a command: English when it was written in Latin letters. */
    String nameIn(boolean english) {
      return english && nameEn != null && !nameEn.isBlank() ? nameEn : name;
    }
  }

  /** A spelling of a term or of one word of its names, and how to write it in a suggestion. */
  record Spelling(String key, String display, Term term) {}

  private final List<Term> terms;
  private final Map<String, Term> byKey = new LinkedHashMap<>();
  private final List<Spelling> spellings = new ArrayList<>();

  private CommandVocabulary(List<Term> terms) {
    this.terms = List.copyOf(terms);
    for (Term term : terms) {
      if (term.kind() == Kind.DEPARTMENT) {
        continue; // departments are matched only after a call word, by their own rule
      }
      for (String phrase : term.phrases()) {
        for (String variant : variants(phrase)) {
          String key = key(variant);
          if (!key.isEmpty()) {
            byKey.putIfAbsent(key, term);
          }
        }
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (Term term : terms) {
      for (String phrase : term.phrases()) {
        for (String variant : variants(phrase)) {
          addSpelling(seen, key(variant), term.kind() == Kind.DISTRICT ? term.nameIn(isLatin(variant)) : variant, term);
        }
        for (String word : words(phrase)) {
          addSpelling(seen, key(word), term.kind() == Kind.DISTRICT ? term.nameIn(isLatin(word)) : word, term);
        }
      }
    }
  }

  private void addSpelling(Set<String> seen, String key, String display, Term term) {
    if (key.length() >= 2 && seen.add(key)) {
      spellings.add(new Spelling(key, display, term));
    }
  }

  static Builder builder() {
    return new Builder();
  }

  List<Term> terms() {
    return terms;
  }

  List<Term> terms(Kind kind) {
    return terms.stream().filter(t -> t.kind() == kind).toList();
  }

  /** The district, layer, indicator or theme spelt exactly so (after {@link #key}), or null. */
  Term find(String key) {
    return byKey.get(key);
  }

  /** Every spelling of names and their words, for "did you mean". */
  List<Spelling> spellings() {
    return spellings;
  }

  /** A spelling without case, spaces or punctuation, in composed Unicode: "Jongno-gu" → "jongnogu". */
  static String key(String phrase) {
    String s = Normalizer.normalize(phrase, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString();
  }

  /** The phrase as written and without what is in parentheses: "초미세먼지(PM2.5) 연평균 농도" → "초미세먼지 연평균 농도". */
  static List<String> variants(String phrase) {
    String plain = phrase.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
    return plain.equals(phrase) || plain.isEmpty() ? List.of(phrase) : List.of(phrase, plain);
  }

  /** The words of a phrase, without parentheses and hyphens. */
  static List<String> words(String phrase) {
    List<String> out = new ArrayList<>();
    for (String w : phrase.split("[\\s()\\-/·,']+")) {
      if (!key(w).isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  static boolean isLatin(String s) {
    return s.codePoints().anyMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        && s.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
  }

  static final class Builder {
    private final List<Term> terms = new ArrayList<>();

    private Builder() {}

    /**
     * A district; also named without its last unit (강남구 → 강남, Gangnam-gu → Gangnam) where that leaves a name
     * of two syllables or more (중구 stays 중구).
     */
    Builder district(String code, String name, String nameEn) {
      List<String> phrases = new ArrayList<>();
      phrases.add(name);
      phrases.add(nameEn);
      String shortName = name.replaceFirst("(구|군|시)$", "");
      if (!shortName.equals(name) && shortName.codePointCount(0, shortName.length()) >= 2) {
        phrases.add(shortName);
      }
      String shortEn = nameEn.replaceFirst("(?i)([-\\s](gu|gun|si)|\\s+district)$", "");
      if (!shortEn.equals(nameEn) && shortEn.length() >= 3 && !shortName.equals(name) && shortName.codePointCount(0, shortName.length()) >= 2) {
        phrases.add(shortEn);
      }
      terms.add(new Term(Kind.DISTRICT, code, name, nameEn, phrases.stream().filter(p -> p != null && !p.isBlank()).distinct().toList()));
      return this;
    }

    /** A map layer of the dashboard, with the words people use for it. */
    Builder layer(String code, String name, String nameEn, String... otherWords) {
      List<String> phrases = new ArrayList<>(List.of(name, nameEn));
      phrases.addAll(List.of(otherWords));
      terms.add(new Term(Kind.LAYER, code, name, nameEn, phrases.stream().distinct().toList()));
      return this;
    }

    /**
     * The dashboard's three live layers (air, crowding, traffic; {@code static/js/office/dashboard.js}) with the
     * everyday words for them in Korean and English. Indicator layers come with the indicators.
     */
    Builder liveLayers() {
      layer("air", "대기질", "Air quality", "대기", "공기", "미세먼지", "대기오염", "공기질", "air", "pollution", "air pollution", "fine dust", "dust");
      layer("traffic", "도로 소통", "Traffic", "교통", "도로", "소통", "교통상황", "교통 상황", "도로 상황", "차량", "road", "roads", "road speed", "speed",
          "speeds");
      layer("crowding", "혼잡도", "Crowding", "혼잡", "인파", "붐빔", "인구 혼잡", "congestion", "crowds", "crowd", "crowdedness", "crowded");
      return this;
    }

    /** An indicator of the registry; its name without parentheses counts too. */
    Builder indicator(String code, String name, String nameEn) {
      terms.add(new Term(Kind.INDICATOR, code, name, nameEn, nonBlank(name, nameEn)));
      return this;
    }

    /** A theme; its first word names it too when the name has more than one (숨쉬는 서울 → 숨쉬는, Breathing Seoul → Breathing). */
    Builder theme(String code, String name, String nameEn) {
      List<String> phrases = new ArrayList<>(nonBlank(name, nameEn));
      for (String full : nonBlank(name, nameEn)) {
        List<String> w = words(full);
        if (w.size() > 1) {
          phrases.add(w.get(0));
        }
      }
      terms.add(new Term(Kind.THEME, code, name, nameEn, phrases.stream().distinct().toList()));
      return this;
    }

    /** A department or agency of the catalog, by its catalog name and titles. */
    Builder department(String code, String name, String nameEn) {
      List<String> phrases = new ArrayList<>(nonBlank(name, nameEn));
      phrases.add(code);
      terms.add(new Term(Kind.DEPARTMENT, code, name, nameEn, phrases.stream().distinct().toList()));
      return this;
    }

    private static List<String> nonBlank(String... names) {
      return java.util.Arrays.stream(names).filter(n -> n != null && !n.isBlank()).toList();
    }

    CommandVocabulary build() {
      return new CommandVocabulary(terms);
    }
  }
}
