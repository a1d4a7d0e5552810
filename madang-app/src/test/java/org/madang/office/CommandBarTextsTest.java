package org.madang.office;

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
 * The command bar speaks Korean and English alike: every text key its scripts name ({@code 'command.…'}) is sent to
 * the page ({@link OfficePageController#SCRIPT_TEXTS}) and exists in both languages, as do the page's own labels.
 */
class CommandBarTextsTest {

  private static final Pattern KEY = Pattern.compile("'(command\\.[a-zA-Z]+)'");

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(CommandBarTextsTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return p;
  }

  @Test
  void everyTextTheCommandScriptsNameIsSentAndTranslated() throws IOException {
    Set<String> named = new TreeSet<>();
    try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/static/js/office"))) {
      for (Path script : scripts.filter(p -> p.getFileName().toString().startsWith("command-")).toList()) {
        Matcher m = KEY.matcher(Files.readString(script));
        while (m.find()) {
          named.add(m.group(1));
        }
      }
    }
    assertThat(named).contains("command.layerIn", "command.misspelt", "command.voiceUnavailable");
    assertThat(OfficePageController.SCRIPT_TEXTS).containsAll(named);
    Properties ko = load("messages.properties");
    Properties en = load("messages_en.properties");
    for (String key : named) {
      assertThat(ko.getProperty("office.js." + key)).as(key).isNotBlank();
      assertThat(en.getProperty("office.js." + key)).as(key).isNotBlank();
    }
    for (String label : new String[] {"label", "placeholder", "run", "voice", "help"}) {
      assertThat(ko.getProperty("office.command." + label)).as(label).isNotBlank();
      assertThat(en.getProperty("office.command." + label)).as(label).isNotBlank();
    }
  }
}
