package org.madang.directives.call;

import org.madang.accounts.Viewer;
import org.madang.directives.Directives;
import org.madang.directives.OrganizationDirectory;
import org.madang.engine.MadangException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call page: {@code /calls?directive=12} (a call about a directive) or {@code /calls?department=transportation}
 * (with a department's contact), local and remote video driven by {@code /js/call/call.js}. The page itself admits
 * any signed-in user; who may talk is decided by the signaling server, so a refused user is told so there.
 */
@Controller
class CallPage {

  private final Directives directives;
  private final OrganizationDirectory directory;
  private final CallSignaling signaling;

  CallPage(Directives directives, OrganizationDirectory directory, CallSignaling signaling) {
    this.directives = directives;
    this.directory = directory;
    this.signaling = signaling;
  }

  @GetMapping("/calls")
  String call(@RequestParam(required = false) Long directive, @RequestParam(required = false) String department, Model model) {
    Viewer viewer = Viewer.current();
    String subject = null;
    if (directive != null) {
      try {
        subject = directives.getVisible(viewer, directive).title();
      } catch (MadangException e) {
        // not visible: the signaling server refuses the call and the page says so
      }
    } else if (department != null) {
      boolean english = LocaleContextHolder.getLocale().getLanguage().equals("en");
      subject = directory.findDepartment(department).map(d -> d.title(english)).orElse(null);
    }
    model.addAttribute("section", "directives");
    model.addAttribute("directive", directive);
    model.addAttribute("department", directive == null ? department : null);
    model.addAttribute("subject", subject);
    model.addAttribute("iceServers", JsonMapper.shared().writeValueAsString(signaling.iceServers()));
    return "call";
  }
}
