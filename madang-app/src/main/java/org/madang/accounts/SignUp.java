package org.madang.accounts;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.stereotype.Component;

/**
 * Self-service accounts: anyone may become a citizen (the Campus's entry level: registered datasets, proposing
 * projects); every other role is given by an admin. The same rules serve the sign-up page and {@code POST
 * /api/accounts}.
 */
@Component
class SignUp {

  static final int MIN_PASSWORD = 10;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}$");

  private final UserDirectory users;
  private final AuditTrail audit;

  SignUp(UserDirectory users, AuditTrail audit) {
    this.users = users;
    this.audit = audit;
  }

  /** What can be wrong with the form; {@code key} names the message in both languages for the page. */
  enum Problem {
    USERNAME("username", "A username is 2 to 40 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit."),
    USERNAME_TAKEN("username", "The username is taken; choose another."),
    DISPLAY_NAME("display_name", "Give a name of 1 to 100 characters that others in a project will see."),
    EMAIL("email", "The e-mail address is not of the form name@example.org."),
    PASSWORD_LENGTH("password", "A password is 10 to 200 characters."),
    PASSWORD_HAS_USERNAME("password", "The password must not contain the username."),
    PASSWORD_CONFIRM("password_confirm", "The two passwords differ.");

    final String field;
    final String sentence;

    Problem(String field, String sentence) {
      this.field = field;
      this.sentence = sentence;
    }

    String key() {
      return "signup.problem." + name().toLowerCase();
    }
  }

  /** The form's problems by field, in form order; empty when it may be submitted. */
  static Map<String, Problem> problems(String username, String displayName, String email, String password, String confirmation) {
    Map<String, Problem> problems = new LinkedHashMap<>();
    if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
      problems.put("username", Problem.USERNAME);
    }
    if (displayName == null || displayName.isBlank() || displayName.strip().length() > 100) {
      problems.put("display_name", Problem.DISPLAY_NAME);
    }
    if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
      problems.put("email", Problem.EMAIL);
    }
    if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
      problems.put("password", Problem.PASSWORD_LENGTH);
    } else if (username != null && !username.isBlank() && password.toLowerCase().contains(username.toLowerCase())) {
      problems.put("password", Problem.PASSWORD_HAS_USERNAME);
    } else if (confirmation != null && !password.equals(confirmation)) {
      problems.put("password_confirm", Problem.PASSWORD_CONFIRM);
    }
    return problems;
  }

  UserAccount create(String username, String displayName, String email, String password, String confirmation) {
    Map<String, Problem> problems = problems(username, displayName, email, password, confirmation);
    if (!problems.isEmpty()) {
      Problem first = problems.values().iterator().next();
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, first.sentence, Map.of("field", first.field, "problem", first.name().toLowerCase()));
    }
    UserAccount account = users.createUser(username, password, EnumSet.of(Role.CITIZEN), null, displayName.strip(),
        email == null || email.isBlank() ? null : email.strip());
    audit.record(username, "account.signup", "user", username, "citizen");
    return account;
  }
}
