package org.madang.accounts;

import java.util.Map;
import java.util.stream.Collectors;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-up form: a citizen account, then the sign-in form. Problems come back next to their fields. */
@Controller
class SignUpPageController {

  private final SignUp signUp;

  SignUpPageController(SignUp signUp) {
    this.signUp = signUp;
  }

  @GetMapping("/signup")
  String form(Model model) {
    if (Viewer.current().isSignedIn()) {
      return "redirect:/campus";
    }
    model.addAttribute("problems", Map.of());
    model.addAttribute("form", Map.of());
    return "signup";
  }

  @PostMapping("/signup")
  String submit(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(name = "display_name", defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(name = "password_confirm", defaultValue = "") String confirmation,
      Model model) {
    Map<String, SignUp.Problem> problems = SignUp.problems(username, displayName, email, password, confirmation);
    if (problems.isEmpty()) {
      try {
        signUp.create(username, displayName, email, password, confirmation);
        return "redirect:/login?signed_up";
      } catch (MadangException e) {
        if (e.code() != ErrorCode.NAME_TAKEN) {
          throw e;
        }
        problems = Map.of("username", SignUp.Problem.USERNAME_TAKEN);
      }
    }
    model.addAttribute("problems", problems.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, p -> p.getValue().key())));
    model.addAttribute("form", Map.of("username", username, "display_name", displayName, "email", email));
    return "signup";
  }
}
