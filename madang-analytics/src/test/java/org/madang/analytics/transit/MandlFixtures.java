package org.madang.analytics.transit;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.madang.analytics.fixtures.FixtureFiles;

/** Mandl's network and the route sets published for it, from {@code src/test/resources/transit/mandl}. */
final class MandlFixtures {

  /** A route set as a paper published it. */
  record Published(String title, RouteSet routes) {}

  private MandlFixtures() {}

  static Path folder() {
    return FixtureFiles.path("/transit/mandl");
  }

  static TransitInstance mandl() {
    return MumfordInstanceReader.read(folder());
  }

  /** Arbex's collection: a title line, a line with the number of routes, then the routes; blank lines between. */
  static List<Published> literature() {
    List<String> lines;
    try {
      lines = Files.readAllLines(folder().resolve("literature_solutions_for_mandl1_20181025.txt"),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Published> sets = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String title = lines.get(i).strip();
      if (title.isEmpty()) {
        i++;
        continue;
      }
      int count = Integer.parseInt(lines.get(i + 1).strip());
      String text = String.join("\n", lines.subList(i + 2, i + 2 + count));
      sets.add(new Published(title, RouteSet.parse(title, new StringReader(text))));
      i += 2 + count;
    }
    return sets;
  }

  /** Rows of a CSV whose quoted fields may hold commas. */
  static List<String[]> csv(String file) {
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(folder().resolve(file), StandardCharsets.UTF_8).stream().skip(1).toList()) {
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
          if (c == '"') {
            quoted = !quoted;
          } else if (c == ',' && !quoted) {
            fields.add(field.toString());
            field.setLength(0);
          } else {
            field.append(c);
          }
        }
        fields.add(field.toString());
        rows.add(fields.toArray(String[]::new));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mumford's "1-2-3;4-5" (1-based) as a route set. */
  static RouteSet semicolonRoutes(String title, String text) {
    return RouteSet.parse(title, new StringReader(text.replace(';', '\n')));
  }

  /** John's "0-1-2*3-4*" (0-based) as a route set. */
  static RouteSet starRoutes(String title, String text) {
    String oneBased = String.join("\n", Arrays.stream(text.split("\\*"))
        .filter(s -> !s.isBlank())
        .map(r -> String.join("-", Arrays.stream(r.split("-")).map(v -> Integer.toString(Integer.parseInt(v.strip()) + 1)).toList()))
        .toList());
    return RouteSet.parse(title, new StringReader(oneBased));
  }
}
