package org.madang.office.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed command: the action and what it names. Fields that the command does not name are null.
 *
 * @param query the command as given
 * @param layer the map layer for {@link CommandAction#LAYER}: {@code air}, {@code traffic} or {@code crowding}
 * @param language {@code ko} or {@code en} for {@link CommandAction#LANGUAGE}
 * @param wall true to enter the wall screen, false to leave it ({@link CommandAction#WALL})
 * @param ignored words that were not understood and did not matter (no known name is spelt like them)
 * @param suggestions for {@link CommandAction#UNKNOWN}: commands the parser understands, nearest first
 * @param reason for {@link CommandAction#UNKNOWN}: {@code misspelt} (a word is close to a known name), {@code
 *     no_department} (a call without a department it knows), {@code office_only} (an action the citizens' view does
 *     not offer) or {@code not_understood}
 */
record Command(
    String query,
    CommandAction action,
    CommandVocabulary.Term district,
    String layer,
    CommandVocabulary.Term indicator,
    CommandVocabulary.Term theme,
    CommandVocabulary.Term department,
    String language,
    Boolean wall,
    List<String> ignored,
    List<String> suggestions,
    String reason) {

  boolean understood() {
    return action != CommandAction.UNKNOWN;
  }

  static Command unknown(String query, String reason, List<String> suggestions) {
    return new Command(query, CommandAction.UNKNOWN, null, null, null, null, null, null, null, List.of(), List.copyOf(suggestions), reason);
  }

  /** The answer of the API: snake_case members, named things as {@code {code, name, name_en}}. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", query);
    m.put("understood", understood());
    m.put("action", action.code());
    m.put("district", term(district));
    m.put("layer", layer);
    m.put("indicator", term(indicator));
    m.put("theme", term(theme));
    m.put("department", term(department));
    m.put("language", language);
    m.put("wall", wall);
    m.put("ignored", ignored);
    m.put("suggestions", suggestions);
    m.put("reason", reason);
    return m;
  }

  private static Map<String, Object> term(CommandVocabulary.Term t) {
    if (t == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", t.code());
    m.put("name", t.name());
    m.put("name_en", t.nameEn());
    return m;
  }
}
