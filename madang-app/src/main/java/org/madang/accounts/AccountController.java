package org.madang.accounts;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.madang.audit.AuditTrail;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Accounts over the API: anyone signs up as a citizen ({@code POST /api/accounts}); admins create accounts with any
 * roles, such as stewards of an organization or a sensor gateway's publisher account ({@code POST /api/admin/users}),
 * list them, and change roles or disable one ({@code PUT /api/admin/users/{username}}).
 */
@RestController
class AccountController {

  private final SignUp signUp;
  private final UserDirectory users;
  private final AuditTrail audit;

  AccountController(SignUp signUp, UserDirectory users, AuditTrail audit) {
    this.signUp = signUp;
    this.users = users;
    this.audit = audit;
  }

  @PostMapping("/api/accounts")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> signUp(@RequestBody JsonNode body) {
    return json(signUp.create(text(body, "username"), text(body, "display_name"), text(body, "email"), text(body, "password"), null));
  }

  @PostMapping("/api/admin/users")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody JsonNode body) {
    Set<Role> roles = roles(body);
    Long organization = organization(body);
    if (roles.contains(Role.STEWARD) && organization == null) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A steward looks after an organization's data: give 'organization_id'.", Map.of("field", "organization_id"));
    }
    String username = text(body, "username");
    UserAccount account = users.createUser(username, text(body, "password"), roles, organization, text(body, "display_name"), text(body, "email"));
    audit.record(Viewer.current().username(), "account.create", "user", username, roles.stream().map(Role::code).sorted().toList().toString());
    return json(account);
  }

  @GetMapping("/api/admin/users")
  Map<String, Object> list() {
    return Map.of("users", users.listUsers().stream().map(AccountController::json).toList());
  }

  @PutMapping("/api/admin/users/{username}")
  Map<String, Object> update(@PathVariable String username, @RequestBody JsonNode body) {
    UserAccount account = users.findByUsername(username)
        .orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "There is no user '" + username + "'.", Map.of("field", "username")));
    if (username.equals(Viewer.current().username()) && (body.has("enabled") || body.has("roles"))) {
      throw new MadangException(ErrorCode.CONFLICT, "Admins do not change their own roles or lock themselves out; ask another admin.", Map.of("field", "username"));
    }
    if (body.has("roles")) {
      Set<Role> roles = roles(body);
      users.setRoles(account.id(), roles);
      audit.record(Viewer.current().username(), "account.roles", "user", username, roles.stream().map(Role::code).sorted().toList().toString());
    }
    if (body.has("enabled")) {
      if (!body.get("enabled").isBoolean()) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'enabled' is true or false.", Map.of("field", "enabled"));
      }
      users.setEnabled(account.id(), body.get("enabled").asBoolean());
      audit.record(Viewer.current().username(), body.get("enabled").asBoolean() ? "account.enable" : "account.disable", "user", username, "");
    }
    return json(users.findByUsername(username).orElseThrow());
  }

  private static Set<Role> roles(JsonNode body) {
    JsonNode node = body.path("roles");
    if (!node.isArray() || node.isEmpty()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'roles' is a list such as [\"steward\"].", Map.of("field", "roles"));
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (int i = 0; i < node.size(); i++) {
      try {
        roles.add(Role.fromCode(node.get(i).asString()));
      } catch (IllegalArgumentException e) {
        throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + node.get(i).asString() + "' is not a role: use "
            + List.of(Role.values()).stream().map(Role::code).toList() + ".", Map.of("field", "roles[" + i + "]"));
      }
    }
    return roles;
  }

  private static Long organization(JsonNode body) {
    JsonNode node = body.path("organization_id");
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'organization_id' is an organization's number.", Map.of("field", "organization_id"));
    }
    return node.asLong();
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "'" + field + "' is text.", Map.of("field", field));
    }
    return node.asString();
  }

  private static Map<String, Object> json(UserAccount a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", a.username());
    m.put("display_name", a.displayName());
    m.put("email", a.email());
    m.put("organization_id", a.organizationId());
    m.put("enabled", a.enabled());
    m.put("roles", a.roles().stream().map(Role::code).sorted().toList());
    return m;
  }
}
