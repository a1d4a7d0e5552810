package org.madang.office.command;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madang.office.command.CommandVocabulary.Kind;
import org.madang.office.command.CommandVocabulary.Term;

/**
 * Reads a short Korean or English command into a dashboard action. Framework-free; the names come from a
 * {@link CommandVocabulary}. The grammar (docs/COMMANDS.md) is a bag of slots rather than a fixed word order:
 *
 * <pre>
 * command    = { name | command-word | filler }
 * name       = district | layer | indicator | theme         (longest run of words first, particles stripped)
 * command-word = call-word department | alert-word | wall-word [exit-word] | next-word | previous-word
 *              | zoom-word [out-word] | reset-word | language-word | close-word | indicator-word
 * filler     = show | me | the | in | please | 보여줘 | 보여 주세요 | 열어줘 | 켜줘 | 좀 | 지도 | ...
 * </pre>
 *
 * Korean particles (을/를/이/가/은/는/에/의/에서/으로/로...) and polite endings attached to a word (교통을, 강남구에서,
 * 보여주세요) are stripped before words are looked up; case, spaces inside a name and hyphens do not matter (Jongno-gu,
 * jongno gu, 종로구, 종로). The action follows from what was found, in this order: a call word calls the department
 * named; a language word alone switches the language; a wall word enters (or with an exit word, leaves) the wall
 * screen; next/previous layer; zoom; alerts; close; a layer, indicator or theme (in a district, when one is named);
 * a district alone.
 *
 * <p>A word the parser does not know is ignored when no known name is spelt like it; when one is (edit distance on
 * jamo and Latin letters, {@link SpellingDistance}), the command is not carried out and the answer suggests the
 * command with the word corrected ("강남구 대기짊" → "강남구 대기질"). A command with nothing it understands gets
 * example commands. Parsing never throws for any text; callers limit its length.
 */
final class CommandParser {

  /** Longest command accepted, in characters: a sentence, not a document. */
  static final int MAX_LENGTH = 200;
  private static final int LONGEST_NAME_IN_WORDS = 7;

  private enum Word { ALERTS, CALL, INDICATOR_MARK, WALL, EXIT, NEXT, PREVIOUS, ZOOM, OUT, ZOOM_IN, ZOOM_OUT, RESET, ENGLISH, KOREAN, CLOSE }

  private static final Map<String, Word> WORDS = new HashMap<>();
  private static final Set<String> FILLERS = new LinkedHashSet<>();
  /** Words that only fill a call: "call the transport department", "교통 부서에 전화해 줘". */
  private static final Set<String> CALL_FILLERS = Set.of("department", "dept", "team", "division", "부서", "담당", "담당부서", "담당자", "팀", "video");
  /** Polite endings written together with a word (보여주세요), longest first. */
  private static final List<String> ENDINGS = List.of("보여주시겠어요", "보여주세요", "보여줄래요", "보여줄래", "보여줘요", "보여줘", "열어주세요",
      "열어줘", "켜주세요", "켜줘", "띄워주세요", "띄워줘", "알려주세요", "알려줘", "바꿔주세요", "바꿔줘", "해주세요", "해줘", "주세요", "줘요", "줘");
  /** Particles after a name (강남구에서, 교통을), and 한 after a noun made an adjective (혼잡한), longest first. */
  private static final List<String> PARTICLES = List.of("에서는", "에서", "으로", "에게", "한테", "까지", "부터", "이랑", "하고", "을", "를", "이",
      "가", "은", "는", "에", "의", "로", "도", "와", "과", "랑", "한");

  static {
    words(Word.ALERTS, "alert", "alerts", "warning", "warnings", "alarm", "alarms", "경보", "경고", "알림", "경보창", "경보목록");
    words(Word.CALL, "call", "phone", "ring", "dial", "contact", "전화", "전화해", "전화걸어", "통화", "영상통화", "연결", "연결해", "호출", "호출해",
        "불러");
    words(Word.INDICATOR_MARK, "indicator", "indicators", "kpi", "kpis", "theme", "themes", "지표", "테마", "분야", "핵심지표");
    words(Word.WALL, "wall", "월", "벽", "월모드", "벽모드", "상황판", "wallscreen");
    words(Word.EXIT, "exit", "leave", "off", "stop", "quit", "나가기", "나가", "끄기", "꺼", "종료", "해제", "끝");
    words(Word.NEXT, "next", "forward", "다음");
    words(Word.PREVIOUS, "previous", "prev", "back", "이전", "앞");
    words(Word.ZOOM, "zoom");
    words(Word.OUT, "out");
    words(Word.ZOOM_IN, "확대", "확대해", "크게", "enlarge", "magnify");
    words(Word.ZOOM_OUT, "축소", "축소해", "작게", "shrink");
    words(Word.RESET, "reset", "초기화", "전체", "전체보기", "whole", "fit");
    words(Word.ENGLISH, "english", "영어", "영문", "eng");
    words(Word.KOREAN, "korean", "한국어", "한글", "국문", "한국말");
    words(Word.CLOSE, "close", "닫기", "닫아", "닫아줘", "닫어");
    FILLERS.addAll(List.of("show", "me", "the", "a", "an", "please", "display", "see", "view", "open", "go", "to", "in", "into", "of", "for",
        "at", "on", "with", "and", "map", "layer", "layers", "data", "now", "current", "currently", "what", "whats", "how", "hows", "is", "are",
        "can", "could", "would", "you", "i", "want", "let", "lets", "us", "switch", "turn", "bring", "up", "pull", "give", "tell", "about",
        "status", "mode", "screen", "city", "seoul", "district", "gu", "hey", "ok", "okay", "madang", "go", "mean", "there", "here", "some",
        "보여", "보여줘", "주세요", "줘", "좀", "해줘", "해", "켜", "켜줘", "열어", "열어줘", "띄워", "띄워줘", "알려", "알려줘", "봐", "봐줘",
        "보자", "보기", "볼래", "바꿔", "바꿔줘", "전환", "변경", "지도", "레이어", "현황", "상황", "정보", "화면", "서울", "서울시", "지금", "현재",
        "어때", "어떻게", "돼", "나와", "곳", "장소", "어디", "where", "그리고", "및", "모드", "주라", "줄래", "부탁해", "요", "자치구", "구", "으로", "로", "좀더", "더"));
  }

  private static void words(Word word, String... spellings) {
    for (String s : spellings) {
      WORDS.put(CommandVocabulary.key(s), word);
    }
  }

  private final CommandVocabulary vocabulary;

  CommandParser(CommandVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** One word of the command as written, what it was read as, and the stems to look it up by. */
  private static final class Token {
    final String surface;
    final List<String[]> stems = new ArrayList<>(); // {stem, stripped suffix}
    Term term;
    Word word;
    boolean filler;
    boolean usedForName;

    Token(String surface) {
      this.surface = surface;
      String key = CommandVocabulary.key(surface);
      add(key, "");
      if (hasHangul(key)) {
        for (String ending : ENDINGS) {
          if (key.endsWith(ending) && key.length() > ending.length()) {
            add(key.substring(0, key.length() - ending.length()), ending);
            break;
          }
        }
        for (String[] s : List.copyOf(stems)) {
          for (String particle : PARTICLES) {
            if (s[0].endsWith(particle) && s[0].length() > particle.length()) {
              add(s[0].substring(0, s[0].length() - particle.length()), particle + s[1]);
              break;
            }
          }
        }
      }
    }

    private void add(String stem, String suffix) {
      if (!stem.isEmpty() && stems.stream().noneMatch(s -> s[0].equals(stem))) {
        stems.add(new String[] {stem, suffix});
      }
    }

    String key() {
      return stems.isEmpty() ? "" : stems.get(0)[0];
    }

    boolean consumed() {
      return term != null || word != null || filler || usedForName;
    }
  }

  Command parse(String query) {
    String text = query == null ? "" : Normalizer.normalize(query, Normalizer.Form.NFC).strip();
    return parse(text, true);
  }

  private Command parse(String text, boolean suggest) {
    List<Token> tokens = new ArrayList<>();
    for (String piece : text.split("[^\\p{L}\\p{N}\\-]+")) {
      String surface = piece.replaceAll("^-+|-+$", "");
      if (!surface.isEmpty() && !CommandVocabulary.key(surface).isEmpty()) {
        tokens.add(new Token(surface));
      }
    }
    boolean english = !hasHangul(text);
    boolean call = tokens.stream().anyMatch(t -> wordOf(t) == Word.CALL);
    boolean indicatorMarked = tokens.stream().anyMatch(t -> wordOf(t) == Word.INDICATOR_MARK);

    if (!call) {
      findNames(tokens, indicatorMarked);
    }
    for (Token t : tokens) {
      if (t.consumed()) {
        continue;
      }
      Word w = wordOf(t);
      if (w != null) {
        t.word = w;
      } else if (isFiller(t) || (call && t.stems.stream().anyMatch(s -> CALL_FILLERS.contains(s[0])))) {
        t.filler = true;
      }
    }
    if (call) {
      return call(text, tokens, english, suggest);
    }

    Term district = first(tokens, Kind.DISTRICT);
    Term subject = tokens.stream().filter(t -> t.term != null && t.term.kind() != Kind.DISTRICT).map(t -> t.term).findFirst().orElse(null);
    if (subject == null) {
      subject = containing(tokens);
    }
    List<Token> unknown = tokens.stream().filter(t -> !t.consumed()).toList();
    Map<Token, List<CommandVocabulary.Spelling>> misspelt = new java.util.LinkedHashMap<>();
    for (Token t : unknown) {
      List<CommandVocabulary.Spelling> near = nearest(t, s -> s.term() == null || s.term().kind() != Kind.DEPARTMENT);
      if (!near.isEmpty()) {
        misspelt.put(t, near);
      }
    }
    if (!misspelt.isEmpty()) {
      return Command.unknown(text, "misspelt", suggest ? corrections(tokens, misspelt, english) : List.of());
    }
    List<String> ignored = unknown.stream().map(t -> t.surface).toList();
    Set<Word> said = new java.util.HashSet<>();
    tokens.stream().filter(t -> t.word != null).forEach(t -> said.add(t.word));

    CommandAction action = null;
    String layer = null;
    Term indicator = null;
    Term theme = null;
    String language = null;
    Boolean wall = null;
    if ((said.contains(Word.ENGLISH) || said.contains(Word.KOREAN)) && subject == null && district == null) {
      action = CommandAction.LANGUAGE;
      language = said.contains(Word.ENGLISH) ? "en" : "ko";
    } else if (said.contains(Word.WALL)) {
      action = CommandAction.WALL;
      wall = !(said.contains(Word.EXIT) || said.contains(Word.CLOSE));
    } else if (said.contains(Word.NEXT)) {
      action = CommandAction.NEXT_LAYER;
    } else if (said.contains(Word.PREVIOUS)) {
      action = CommandAction.PREVIOUS_LAYER;
    } else if (said.contains(Word.ZOOM_OUT) || (said.contains(Word.ZOOM) && said.contains(Word.OUT))) {
      action = CommandAction.ZOOM_OUT;
    } else if (said.contains(Word.ZOOM) || said.contains(Word.ZOOM_IN)) {
      action = CommandAction.ZOOM_IN;
    } else if (said.contains(Word.RESET) && subject == null && district == null) {
      action = CommandAction.ZOOM_RESET;
    } else if (said.contains(Word.ALERTS)) {
      action = CommandAction.ALERTS;
    } else if (said.contains(Word.CLOSE) && subject == null && district == null) {
      action = CommandAction.CLOSE;
    } else if (subject != null) {
      switch (subject.kind()) {
        case LAYER -> {
          action = CommandAction.LAYER;
          layer = subject.code();
        }
        case INDICATOR -> {
          action = CommandAction.INDICATOR;
          indicator = subject;
        }
        default -> {
          action = CommandAction.THEME;
          theme = subject;
        }
      }
    } else if (district != null) {
      action = CommandAction.DISTRICT;
    }
    if (action == null) {
      return Command.unknown(text, "not_understood", suggest ? examples(english) : List.of());
    }
    return new Command(text, action, district, layer, indicator, theme, null, language, wall, ignored, List.of(), null);
  }

  /**
   * Marks the longest runs of words that spell a district, layer, indicator or theme, left to right. A single word
   * that is also a command word or filler ("open", which starts "Open Seoul") names something only after an
   * indicator word ("indicator open").
   */
  private void findNames(List<Token> tokens, boolean indicatorMarked) {
    for (int i = 0; i < tokens.size(); i++) {
      for (int length = Math.min(LONGEST_NAME_IN_WORDS, tokens.size() - i); length >= 1; length--) {
        List<Token> span = tokens.subList(i, i + length);
        if (span.stream().anyMatch(Token::consumed)) {
          continue;
        }
        StringBuilder prefix = new StringBuilder();
        for (int k = 0; k < length - 1; k++) {
          prefix.append(span.get(k).key());
        }
        Term found = null;
        for (String[] stem : span.get(length - 1).stems) {
          found = vocabulary.find(prefix + stem[0]);
          if (found != null) {
            break;
          }
        }
        if (found == null) {
          continue;
        }
        if (length == 1 && (wordOf(span.get(0)) != null || isFiller(span.get(0)))
            && !(indicatorMarked && (found.kind() == Kind.THEME || found.kind() == Kind.INDICATOR))) {
          continue;
        }
        span.get(0).term = found;
        span.stream().skip(1).forEach(t -> t.usedForName = true);
        i += length - 1;
        break;
      }
    }
  }

  /**
   * The indicator, theme or layer whose names contain most of the words left over (교통사고 → 교통사고 발생건수,
   * accidents → Traffic accidents): most words found, then most found as whole words, then the name with the fewest
   * words, then the registry's order. The words found are taken; the others stay unknown.
   */
  private Term containing(List<Token> tokens) {
    List<Token> left = tokens.stream().filter(t -> !t.consumed() && meaningful(t.key())).toList();
    if (left.isEmpty()) {
      return null;
    }
    Term best = null;
    List<Token> bestHits = List.of();
    int bestWhole = -1;
    int bestWords = Integer.MAX_VALUE;
    for (Term term : vocabulary.terms()) {
      if (term.kind() != Kind.INDICATOR && term.kind() != Kind.THEME && term.kind() != Kind.LAYER) {
        continue;
      }
      for (String phrase : term.phrases()) {
        String key = CommandVocabulary.key(phrase);
        List<String> words = CommandVocabulary.words(phrase).stream().map(CommandVocabulary::key).toList();
        List<Token> hits = new ArrayList<>();
        int whole = 0;
        for (Token t : left) {
          for (String[] stem : t.stems) {
            if (words.contains(stem[0])) {
              whole++;
              hits.add(t);
              break;
            }
            if (meaningful(stem[0]) && key.contains(stem[0])) {
              hits.add(t);
              break;
            }
          }
        }
        boolean better = hits.size() > bestHits.size()
            || (hits.size() == bestHits.size() && (whole > bestWhole || (whole == bestWhole && words.size() < bestWords)));
        if (!hits.isEmpty() && better) {
          best = term;
          bestHits = hits;
          bestWhole = whole;
          bestWords = words.size();
        }
      }
    }
    bestHits.forEach(t -> t.usedForName = true);
    return best;
  }

  /** Long enough to look for inside a name: two Hangul syllables or four Latin letters. */
  private static boolean meaningful(String key) {
    return hasHangul(key) ? key.codePointCount(0, key.length()) >= 2 : key.length() >= 4;
  }

  private Command call(String text, List<Token> tokens, boolean english, boolean suggest) {
    List<Token> subject = tokens.stream().filter(t -> !t.consumed()).toList();
    Term best = null;
    int bestScore = 0;
    for (Term department : vocabulary.terms(Kind.DEPARTMENT)) {
      int score = 0;
      for (Token t : subject) {
        if (namesDepartment(t, department)) {
          score++;
        }
      }
      if (score > bestScore) {
        best = department;
        bestScore = score;
      }
    }
    if (best != null) {
      Term department = best;
      List<String> ignored = subject.stream().filter(t -> !namesDepartment(t, department)).map(t -> t.surface).toList();
      return new Command(text, CommandAction.CALL, null, null, null, null, department, null, null, ignored, List.of(), null);
    }
    if (!suggest) {
      return Command.unknown(text, "no_department", List.of());
    }
    Map<Token, List<CommandVocabulary.Spelling>> misspelt = new java.util.LinkedHashMap<>();
    for (Token t : subject) {
      List<CommandVocabulary.Spelling> near = nearest(t, s -> s.term() != null && s.term().kind() == Kind.DEPARTMENT);
      if (!near.isEmpty()) {
        misspelt.put(t, near);
      }
    }
    List<String> suggestions = new ArrayList<>();
    if (!misspelt.isEmpty()) {
      suggestions.addAll(corrections(tokens, misspelt, english));
    }
    for (Term d : vocabulary.terms(Kind.DEPARTMENT)) {
      if (suggestions.size() >= 5) {
        break;
      }
      String s = english ? "call the " + d.nameIn(true) : d.name() + "에 전화해 줘";
      if (!suggestions.contains(s)) {
        suggestions.add(s);
      }
    }
    return Command.unknown(text, misspelt.isEmpty() ? "no_department" : "misspelt", suggestions);
  }

  /** A word names a department when it is one of its names or words, starts one (transport → transportation), or is inside its Korean name (교통 → 도시교통실). */
  private static boolean namesDepartment(Token t, Term department) {
    for (String[] s : t.stems) {
      String stem = s[0];
      for (String phrase : department.phrases()) {
        String key = CommandVocabulary.key(phrase);
        if (key.equals(stem)) {
          return true;
        }
        if (hasHangul(stem)) {
          if (stem.codePointCount(0, stem.length()) >= 2 && key.contains(stem)) {
            return true;
          }
          continue;
        }
        for (String word : CommandVocabulary.words(phrase)) {
          String w = CommandVocabulary.key(word);
          if (w.equals(stem) || (stem.length() >= 4 && w.length() >= 4 && (w.startsWith(stem) || stem.startsWith(w)))) {
            if (!CALL_FILLERS.contains(w) && !GENERIC_DEPARTMENT_WORDS.contains(w)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Words in many departments' English titles that name none of them in particular. */
  private static final Set<String> GENERIC_DEPARTMENT_WORDS = Set.of("office", "bureau", "headquarters", "agency", "department", "seoul",
      "metropolitan", "city", "policy", "management", "and", "the", "of");

  /** Known spellings close to the word, nearest first; empty when none is close enough to be a slip. */
  private List<CommandVocabulary.Spelling> nearest(Token t, java.util.function.Predicate<CommandVocabulary.Spelling> wanted) {
    record Near(CommandVocabulary.Spelling spelling, int distance) {}
    List<Near> near = new ArrayList<>();
    for (String[] stem : t.stems) {
      int letters = SpellingDistance.length(stem[0]);
      int allowed = letters <= 3 ? 0 : letters <= 5 ? 1 : letters <= 9 ? 2 : 3;
      if (allowed == 0) {
        continue;
      }
      for (CommandVocabulary.Spelling s : vocabulary.spellings()) {
        if (!wanted.test(s) || Math.abs(SpellingDistance.length(s.key()) - letters) > allowed) {
          continue;
        }
        int d = SpellingDistance.between(stem[0], s.key());
        if (d > 0 && d <= allowed) {
          near.add(new Near(new CommandVocabulary.Spelling(s.key(), s.display() + (hasHangul(s.display()) ? stem[1] : ""), s.term()), d));
        }
      }
      for (String w : WORDS.keySet()) {
        if (Math.abs(SpellingDistance.length(w) - letters) > allowed || SpellingDistance.length(w) < 4) {
          continue;
        }
        int d = SpellingDistance.between(stem[0], w);
        if (d > 0 && d <= allowed) {
          near.add(new Near(new CommandVocabulary.Spelling(w, w + (hasHangul(w) ? stem[1] : ""), null), d));
        }
      }
    }
    near.sort(Comparator.comparingInt(Near::distance));
    List<CommandVocabulary.Spelling> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Near n : near) {
      if (seen.add(n.spelling().display())) {
        out.add(n.spelling());
      }
    }
    return out;
  }

  /** The command with each slip corrected by its nearest spelling, then with the first slip's next nearest ones. */
  private List<String> corrections(List<Token> tokens, Map<Token, List<CommandVocabulary.Spelling>> misspelt, boolean english) {
    List<String> out = new ArrayList<>();
    Token first = misspelt.keySet().iterator().next();
    for (int option = 0; option < Math.min(3, misspelt.get(first).size()); option++) {
      StringBuilder s = new StringBuilder();
      for (Token t : tokens) {
        List<CommandVocabulary.Spelling> near = misspelt.get(t);
        String word = near == null ? t.surface : casedLike(t.surface, near.get(t == first ? option : 0));
        s.append(s.isEmpty() ? "" : " ").append(word);
      }
      String suggestion = s.toString();
      if (!out.contains(suggestion) && parse(suggestion, false).understood()) {
        out.add(suggestion);
      }
    }
    if (out.isEmpty()) {
      out.addAll(examples(english));
    }
    return out;
  }

  /** A correction written the way the word was (lower case stays lower case), but a district always by its name. */
  private static String casedLike(String surface, CommandVocabulary.Spelling correction) {
    boolean district = correction.term() != null && correction.term().kind() == Kind.DISTRICT;
    return !district && surface.equals(surface.toLowerCase(java.util.Locale.ROOT)) ? correction.display().toLowerCase(java.util.Locale.ROOT)
        : correction.display();
  }

  /** Commands that work in this city, in the language the command was written in. */
  private List<String> examples(boolean english) {
    List<Term> districts = vocabulary.terms(Kind.DISTRICT);
    List<Term> themes = vocabulary.terms(Kind.THEME);
    List<String> out = new ArrayList<>();
    String first = districts.isEmpty() ? null : districts.get(0).nameIn(english);
    String second = districts.size() < 2 ? first : districts.get(1).nameIn(english);
    if (english) {
      if (first != null) {
        out.add("show air quality in " + first);
        out.add("show traffic in " + second);
      }
      if (!themes.isEmpty()) {
        out.add("indicator " + themes.get(0).nameIn(true));
      }
      out.add("open alerts");
      out.add("next layer");
    } else {
      if (first != null) {
        out.add(first + " 대기질 보여줘");
        out.add(second + " 교통");
      }
      if (!themes.isEmpty()) {
        out.add("지표 " + themes.get(0).name());
      }
      out.add("경보 열어줘");
      out.add("다음 레이어");
    }
    return out;
  }

  private static Term first(List<Token> tokens, Kind kind) {
    return tokens.stream().filter(t -> t.term != null && t.term.kind() == kind).map(t -> t.term).findFirst().orElse(null);
  }

  private static Word wordOf(Token t) {
    for (String[] s : t.stems) {
      Word w = WORDS.get(s[0]);
      if (w != null) {
        return w;
      }
    }
    return null;
  }

  private static boolean isFiller(Token t) {
    return t.stems.stream().anyMatch(s -> FILLERS.contains(s[0]));
  }

  static boolean hasHangul(String s) {
    return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
  }
}
