package org.madang.office;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.MadangProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's pages: {@code /office} for officials and admins ({@code SecurityConfiguration}), {@code /public} for
 * everyone. Both are the same page; the citizens' view asks every data call as an anonymous visitor would and adds
 * the indicator guesses. {@code ?wall=1} is the wall screen: no page chrome, large type, layers cycling by themselves.
 */
@Controller
class OfficePageController {

  /** Texts the page's scripts need (keys {@code office.js.*}), sent in the page's language. */
  static final List<String> SCRIPT_TEXTS = List.of(
      "loading", "failed", "noData", "updated", "live.on", "live.reconnecting", "layer.air", "layer.crowding", "layer.traffic",
      "traffic.none", "traffic.links", "crowding.none", "alerts.none", "alerts.acknowledged", "news.none", "projects.none",
      "projects.budget", "projects.progress", "projects.next", "projects.done", "projects.milestoneDone", "projects.milestoneTodo",
      "target", "achievement", "indicator.hasMap", "indicators.unavailable", "status.achieved", "status.on_track", "status.at_risk",
      "status.off_track", "status.no_target", "status.no_data", "guess.open", "guess.short", "guess.question", "guess.yes", "guess.no",
      "guess.yoursYes", "guess.yoursNo", "guess.counted", "guess.already", "guess.noOpen", "guess.result", "guess.resultMet",
      "guess.resultMissed", "guess.tally", "guess.failed", "guess.noTally", "guess.noneClosed", "district.air",
      "district.alerts", "district.indicators", "district.cityValue", "district.noIndicators", "district.projects",
      "district.noProjects", "district.datasets", "district.noDatasets", "district.rows", "district.rowsSignIn", "district.failed",
      "demo", "command.layer", "command.layerIn", "command.indicator", "command.theme", "command.district", "command.alerts",
      "command.call", "command.callFallback", "command.callUnavailable", "command.departmentData", "command.wallOn", "command.wallOff",
      "command.wallAlready", "command.wallNot", "command.next", "command.zoomIn", "command.zoomOut", "command.zoomReset", "command.language",
      "command.close", "command.misspelt", "command.notUnderstood", "command.noDepartment", "command.failed", "command.listening",
      "command.voiceUnavailable", "command.voiceError");

  private final MadangProperties.Office settings;
  private final MessageSource messages;

  OfficePageController(MadangProperties properties, MessageSource messages) {
    this.settings = properties.office();
    this.messages = messages;
  }

  @GetMapping("/office")
  String office(@RequestParam(defaultValue = "0") String wall, Model model) {
    return page("office", wall, model);
  }

  @GetMapping("/public")
  String citizens(@RequestParam(defaultValue = "0") String wall, Model model) {
    return page("public", wall, model);
  }

  private String page(String audience, String wall, Model model) {
    model.addAttribute("section", audience);
    model.addAttribute("audience", audience);
    model.addAttribute("wall", "1".equals(wall) || "true".equals(wall));
    model.addAttribute("wallCycleMs", settings.wallCycle().toMillis());
    model.addAttribute("voiceCommands", settings.voiceCommands());
    model.addAttribute("usesMap", true);
    model.addAttribute("scriptTexts", scriptTexts());
    return "office";
  }

  private String scriptTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : SCRIPT_TEXTS) {
      String full = "office.js." + key;
      texts.put(full, messages.getMessage(full, null, full, LocaleContextHolder.getLocale()));
    }
    // inside <script>, "</" would end the element
    return JsonMapper.shared().writeValueAsString(texts).replace("</", "<\\/");
  }
}
