package org.madang.office.command;

import java.util.List;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/office/commands/parse}: reads a command of the dashboard's command bar ({@code GET ?q=} or {@code POST
 * {"q": ...}}) into an action, public like the dashboard's other reads (it only reads names). A command it cannot
 * read is a 200 answer with {@code understood: false} and suggestions; an empty command or one longer than
 * {@value CommandParser#MAX_LENGTH} characters is a 400 naming {@code q}. With {@code audience=public} (the citizens'
 * view) a call to a department is not offered.
 */
@RestController
class CommandController {

  private final CityVocabulary vocabulary;

  CommandController(CityVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  @GetMapping("/api/office/commands/parse")
  Map<String, Object> parse(@RequestParam(required = false) String q, @RequestParam(defaultValue = "office") String audience) {
    return answer(q, audience);
  }

  @PostMapping(path = "/api/office/commands/parse", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> parsePosted(@RequestBody Map<String, Object> body, @RequestParam(defaultValue = "office") String audience) {
    Object q = body.get("q");
    if (q != null && !(q instanceof String)) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The command 'q' must be a text.", Map.of("field", "q"));
    }
    return answer((String) q, audience);
  }

  private Map<String, Object> answer(String q, String audience) {
    if (q == null || q.isBlank()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "The command 'q' is empty: type or say what to show.", Map.of("field", "q"));
    }
    if (q.length() > CommandParser.MAX_LENGTH) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT,
          "The command 'q' is " + q.length() + " characters long; commands are at most " + CommandParser.MAX_LENGTH + ".", Map.of("field", "q"));
    }
    Command command = new CommandParser(vocabulary.current()).parse(q);
    if ("public".equals(audience) && command.action() == CommandAction.CALL) {
      command = Command.unknown(command.query(), "office_only", List.of());
    }
    return command.json();
  }
}
