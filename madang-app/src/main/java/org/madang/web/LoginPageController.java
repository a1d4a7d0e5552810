package org.madang.web;

import org.madang.accounts.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in form of the browser pages. Spring Security handles the form's POST to {@code /login} (with the CSRF
 * token Thymeleaf adds) and sends a failed attempt back here with {@code ?error}.
 */
@Controller
class LoginPageController {

  @GetMapping("/login")
  String login(@RequestParam(required = false) String error, @RequestParam(name = "signed_up", required = false) String signedUp, Model model) {
    if (Viewer.current().isSignedIn()) {
      return "redirect:/datasets";
    }
    model.addAttribute("failed", error != null);
    model.addAttribute("signedUp", signedUp != null);
    return "login";
  }
}
