package org.madang.catalog.ckan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.madang.catalog.AccessLevel;
import org.madang.catalog.CatalogSearch.Hit;
import org.madang.catalog.Dataset;

/**
 * A filter in the Solr query syntax CKAN clients send in {@code fq} (and sometimes in {@code q}):
 * {@code organization:transportation AND tags:"자전거"}, {@code res_format:(CSV OR GeoJSON)}, {@code +dataset_type:dataset},
 * {@code -tags:bus}. Clauses side by side are joined with AND. Fields: {@code organization} ({@code owner_org}),
 * {@code tags}, {@code res_format}, {@code access} (public/registered/restricted), {@code capacity} (public/private),
 * {@code private}, {@code name} ({@code id}), {@code title}, {@code notes}, {@code text}, {@code license_title},
 * {@code dataset_type}, {@code state}, and {@code groups} and {@code license_id}, which Madang does not have (so they
 * match nothing). A value may be quoted, {@code *} for any, or end in {@code *} for a prefix. Ranges are refused.
 */
final class CkanFilterQuery {

  private final Predicate<Hit> predicate;

  private CkanFilterQuery(Predicate<Hit> predicate) {
    this.predicate = predicate;
  }

  static CkanFilterQuery all() {
    return new CkanFilterQuery(h -> true);
  }

  /**
   * Parses a filter; blank text and {@code *:*} match everything.
   *
   * @throws CkanActionException a validation error on {@code parameter} when the syntax or a field is not understood
   */
  static CkanFilterQuery parse(String text, String parameter) {
    if (text == null || text.isBlank() || text.strip().equals("*:*")) {
      return all();
    }
    Parser parser = new Parser(tokenize(text, parameter), parameter);
    Predicate<Hit> p = parser.expression(null);
    if (parser.position < parser.tokens.size()) {
      throw CkanActionException.invalid(parameter, "Search query is invalid near '" + parser.tokens.get(parser.position).text + "'");
    }
    return new CkanFilterQuery(p);
  }

  boolean matches(Hit hit) {
    return predicate.test(hit);
  }

  CkanFilterQuery and(CkanFilterQuery other) {
    return new CkanFilterQuery(predicate.and(other.predicate));
  }

  // ---- tokens

  private enum Kind { OPEN, CLOSE, AND, OR, NOT, REQUIRED, PROHIBITED, FIELD, VALUE }

  private record Token(Kind kind, String text) {}

  private static List<Token> tokenize(String s, String parameter) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c)));
        i++;
      } else if ((c == '+' || c == '-' || c == '!') && i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1))) {
        tokens.add(new Token(c == '+' ? Kind.REQUIRED : Kind.PROHIBITED, String.valueOf(c)));
        i++;
      } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
        tokens.add(new Token(c == '&' ? Kind.AND : Kind.OR, s.substring(i, i + 2)));
        i += 2;
      } else if (c == '"') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) {
            j++;
          }
          value.append(s.charAt(j++));
        }
        if (j >= s.length()) {
          throw CkanActionException.invalid(parameter, "Search query is invalid: a quote is not closed");
        }
        tokens.add(new Token(Kind.VALUE, value.toString()));
        i = j + 1;
      } else if (c == '[' || c == '{') {
        throw CkanActionException.invalid(parameter, "Range queries are not supported");
      } else {
        StringBuilder word = new StringBuilder();
        int j = i;
        int colon = -1;
        while (j < s.length()) {
          char d = s.charAt(j);
          if (Character.isWhitespace(d) || d == '(' || d == ')' || d == '"') {
            break;
          }
          if (d == '\\' && j + 1 < s.length()) {
            word.append(s.charAt(j + 1));
            j += 2;
            continue;
          }
          if (d == ':' && colon < 0) {
            colon = word.length();
          }
          word.append(d);
          j++;
        }
        i = j;
        String w = word.toString();
        if (colon >= 0) {
          tokens.add(new Token(Kind.FIELD, w.substring(0, colon).toLowerCase(Locale.ROOT)));
          if (colon + 1 < w.length()) {
            tokens.add(new Token(Kind.VALUE, w.substring(colon + 1)));
          }
        } else if (w.equals("AND")) {
          tokens.add(new Token(Kind.AND, w));
        } else if (w.equals("OR")) {
          tokens.add(new Token(Kind.OR, w));
        } else if (w.equals("NOT")) {
          tokens.add(new Token(Kind.NOT, w));
        } else {
          tokens.add(new Token(Kind.VALUE, w));
        }
      }
    }
    return tokens;
  }

  // ---- grammar: expression := and (OR and)*; and := unary ((AND)? unary)*; unary := (NOT|-|+) unary | primary

  private static final class Parser {
    private final List<Token> tokens;
    private final String parameter;
    private int position;

    Parser(List<Token> tokens, String parameter) {
      this.tokens = tokens;
      this.parameter = parameter;
    }

    private Token peek() {
      return position < tokens.size() ? tokens.get(position) : null;
    }

    private boolean at(Kind kind) {
      Token t = peek();
      return t != null && t.kind == kind;
    }

    /** @param field the field that bare values belong to inside {@code field:( ... )}, or null at the top */
    Predicate<Hit> expression(String field) {
      Predicate<Hit> p = conjunction(field);
      while (at(Kind.OR)) {
        position++;
        p = p.or(conjunction(field));
      }
      return p;
    }

    private Predicate<Hit> conjunction(String field) {
      Predicate<Hit> p = unary(field);
      while (true) {
        if (at(Kind.AND)) {
          position++;
        } else if (peek() == null || at(Kind.OR) || at(Kind.CLOSE)) {
          return p;
        }
        p = p.and(unary(field));
      }
    }

    private Predicate<Hit> unary(String field) {
      if (at(Kind.NOT) || at(Kind.PROHIBITED)) {
        position++;
        return unary(field).negate();
      }
      if (at(Kind.REQUIRED)) {
        position++;
        return unary(field);
      }
      return primary(field);
    }

    private Predicate<Hit> primary(String field) {
      Token t = peek();
      if (t == null) {
        throw CkanActionException.invalid(parameter, "Search query is invalid: it ends too early");
      }
      position++;
      switch (t.kind) {
        case OPEN -> {
          Predicate<Hit> inner = expression(field);
          if (!at(Kind.CLOSE)) {
            throw CkanActionException.invalid(parameter, "Search query is invalid: a parenthesis is not closed");
          }
          position++;
          return inner;
        }
        case FIELD -> {
          if (field != null) {
            throw CkanActionException.invalid(parameter, "Search query is invalid: a field inside " + field + ":( )");
          }
          Token next = peek();
          if (next == null || (next.kind != Kind.VALUE && next.kind != Kind.OPEN)) {
            throw CkanActionException.invalid(parameter, "Search query is invalid: " + t.text + ": has no value");
          }
          checkField(t.text);
          return primary(t.text);
        }
        case VALUE -> {
          return field == null ? text(t.text) : term(field, t.text);
        }
        default -> throw CkanActionException.invalid(parameter, "Search query is invalid near '" + t.text + "'");
      }
    }

    private void checkField(String field) {
      if (!FIELDS.contains(field)) {
        throw CkanActionException.invalid(parameter, "Cannot filter on the field '" + field + "'; use one of " + String.join(", ", FIELDS));
      }
    }
  }

  private static final List<String> FIELDS = List.of("organization", "owner_org", "tags", "tag", "res_format", "access", "capacity",
      "private", "name", "id", "title", "notes", "text", "license_title", "dataset_type", "type", "state", "groups", "license_id");

  private static Predicate<Hit> term(String field, String value) {
    return switch (field) {
      case "organization", "owner_org" -> h -> like(h.dataset().organization().name(), value);
      case "tags", "tag" -> h -> h.dataset().tags().stream().anyMatch(tag -> like(tag, value));
      case "res_format" -> h -> CkanPackageJson.resourceFormats(h.current()).stream()
          .map(CkanPackageJson::formatName).anyMatch(f -> like(f, value));
      case "access" -> h -> like(h.dataset().access().code(), value);
      case "capacity" -> h -> like(h.dataset().access() == AccessLevel.RESTRICTED ? "private" : "public", value);
      case "private" -> h -> like(String.valueOf(h.dataset().access() == AccessLevel.RESTRICTED), value);
      case "name", "id" -> h -> like(h.dataset().name(), value);
      case "title" -> h -> contains(value, h.dataset().titleKo(), h.dataset().titleEn());
      case "notes" -> h -> contains(value, h.dataset().descriptionKo(), h.dataset().descriptionEn());
      case "text" -> text(value);
      case "license_title" -> h -> like(h.dataset().license(), value);
      case "dataset_type", "type" -> h -> like("dataset", value);
      case "state" -> h -> like("active", value);
      default -> h -> false; // groups, license_id: Madang has neither
    };
  }

  private static Predicate<Hit> text(String value) {
    return h -> {
      Dataset d = h.dataset();
      return contains(value, d.name(), d.titleKo(), d.titleEn(), d.descriptionKo(), d.descriptionEn(), String.join(" ", d.tags()),
          d.organization().name(), d.organization().titleKo(), d.organization().titleEn());
    };
  }

  /** Equal ignoring case; {@code *} matches any value, a trailing {@code *} a prefix. */
  private static boolean like(String candidate, String pattern) {
    if (candidate == null || candidate.isEmpty()) {
      return false;
    }
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith("*")) {
      return candidate.toLowerCase(Locale.ROOT).startsWith(pattern.substring(0, pattern.length() - 1).toLowerCase(Locale.ROOT));
    }
    return candidate.equalsIgnoreCase(pattern);
  }

  private static boolean contains(String value, String... texts) {
    String v = value.replace("*", "").toLowerCase(Locale.ROOT);
    for (String t : texts) {
      if (t != null && t.toLowerCase(Locale.ROOT).contains(v)) {
        return true;
      }
    }
    return false;
  }
}
