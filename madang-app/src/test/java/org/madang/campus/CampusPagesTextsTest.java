package org.madang.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The campus pages speak Korean and English alike: every {@code campus.*} text exists in both languages, and every
 * text key the campus scripts name literally ({@code t('...')}) is one the page sends them.
 */
class CampusPagesTextsTest {

  private static final Path SCRIPTS = Path.of("src/main/resources/static/js/campus");
  private static final Pattern LITERAL_KEY = Pattern.compile("\\bt(?:Or)?\\('([a-zA-Z0-9.]+)'[,)]");

  static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(CampusPagesTextsTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  static Set<String> campusKeys(Properties p) {
    Set<String> keys = new TreeSet<>();
    p.stringPropertyNames().stream().filter(k -> k.startsWith("campus.") || k.equals("nav.campus")).forEach(keys::add);
    return keys;
  }

  @Test
  void everyCampusTextIsInBothLanguages() throws IOException {
    Set<String> korean = campusKeys(load("messages.properties"));
    Set<String> english = campusKeys(load("messages_en.properties"));
    assertThat(korean).isNotEmpty().isEqualTo(english);
  }

  @Test
  void everyTextTheScriptsNameIsSentToThem() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
        Matcher m = LITERAL_KEY.matcher(Files.readString(file));
        while (m.find()) {
          used.add("campus.js." + m.group(1));
        }
      }
    }
    assertThat(used).hasSizeGreaterThan(50);
    assertThat(CampusPages.SCRIPT_TEXTS).containsAll(used);
  }
}
