package org.madang.directives;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.madang.accounts.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /directives}: the signed-in user's directives (those of the departments they act for and those they issued;
 * officials and admins see all), kept live over the directives' stream, with each directive's history, comments,
 * files, calls and the next step; driven by {@code /js/office/directive-list.js}. {@code /directives/texts}: the
 * scripts' texts ({@code directives.js.*}) in the page's language, for this page, the dashboard and the call page.
 */
@Controller
class DirectivePages {

  static final List<String> SCRIPT_TEXTS = scriptTextKeys();

  private final MessageSource messages;
  private final OrganizationDirectory directory;

  DirectivePages(MessageSource messages, OrganizationDirectory directory) {
    this.messages = messages;
    this.directory = directory;
  }

  @GetMapping("/directives")
  String page(Model model) {
    Viewer viewer = Viewer.current();
    model.addAttribute("section", "directives");
    model.addAttribute("issues", Directives.seesAll(viewer));
    model.addAttribute("departments", directory.listDepartmentsOf(viewer.username()).stream()
        .map(id -> directory.findDepartment(id).map(d -> d.code()).orElse("")).toList());
    return "directives";
  }

  @GetMapping("/directives/texts")
  ResponseEntity<Map<String, String>> texts() {
    Map<String, String> texts = new TreeMap<>();
    for (String key : SCRIPT_TEXTS) {
      texts.put(key.substring("directives.js.".length()), messages.getMessage(key, null, key, LocaleContextHolder.getLocale()));
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(texts);
  }

  private static List<String> scriptTextKeys() {
    Properties p = new Properties();
    try (Reader in = new InputStreamReader(new ClassPathResource("i18n/messages.properties").getInputStream(), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.stringPropertyNames().stream().filter(k -> k.startsWith("directives.js.")).sorted().toList();
  }
}
