package org.madang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/** Every setting of {@link MadangProperties} is documented (with a comment) in application.yml, and nothing more. */
class MadangPropertiesTest {

  @Test
  @SuppressWarnings("unchecked")
  void everySettingIsDocumentedInApplicationYml() throws IOException {
    Map<String, Object> yaml;
    String text;
    try (InputStream in = new ClassPathResource("application.yml").getInputStream()) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      yaml = new Yaml().load(text);
    }
    Map<String, Object> madang = (Map<String, Object>) yaml.get("madang");
    List<String> inYaml = new ArrayList<>();
    flatten("", madang, inYaml);
    List<String> inRecord = new ArrayList<>();
    keys("", MadangProperties.class, inRecord);
    assertThat(inYaml).containsExactlyInAnyOrderElementsOf(inRecord);
    for (String key : inRecord) {
      // walk down the key's path from the top-level `madang:` so same-named keys elsewhere do not match
      int at = text.indexOf("\nmadang:");
      String[] path = key.split("\\.");
      for (int depth = 0; depth < path.length && at >= 0; depth++) {
        at = text.indexOf("\n" + " ".repeat(2 * (depth + 1)) + path[depth] + ":", at + 1);
      }
      assertThat(at).as("%s is in application.yml", key).isPositive();
      String before = text.substring(0, at);
      String previousLine = before.substring(before.lastIndexOf('\n', before.length() - 1) + 1).strip();
      boolean documented = previousLine.startsWith("#");
      assertThat(documented).as("%s has a comment above it", key).isTrue();
    }
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, Map<String, Object> map, List<String> out) {
    map.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        flatten(prefix + k + ".", (Map<String, Object>) m, out);
      } else {
        out.add(prefix + k);
      }
    });
  }

  private static void keys(String prefix, Class<?> type, List<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + dashed(c.getName());
      if (c.getType().isRecord()) {
        keys(key + ".", c.getType(), out);
      } else {
        out.add(key);
      }
    }
  }

  private static String dashed(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
