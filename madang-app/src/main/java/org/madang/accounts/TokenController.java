package org.madang.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Personal API tokens of the signed-in user, and who that user is. */
@RestController
class TokenController {

  private final UserDirectory users;

  TokenController(UserDirectory users) {
    this.users = users;
  }

  @GetMapping("/api/me")
  Map<String, Object> me() {
    Viewer viewer = Viewer.current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", viewer.username());
    m.put("signed_in", viewer.isSignedIn());
    m.put("roles", viewer.roles().stream().map(Role::code).sorted().toList());
    m.put("organization_id", viewer.organizationId());
    return m;
  }

  @PostMapping("/api/tokens")
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Viewer viewer = signedIn();
    int days = body.get("valid_days") instanceof Number n ? n.intValue() : 90;
    UserDirectory.IssuedToken token = users.createToken(viewer.username(), String.valueOf(body.getOrDefault("name", "")), days);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", token.name());
    m.put("token", token.secret());
    m.put("expires_at", token.expiresAt());
    return ResponseEntity.status(HttpStatus.CREATED).body(m);
  }

  @GetMapping("/api/tokens")
  List<Map<String, Object>> list() {
    return users.listTokens(signedIn().username());
  }

  @DeleteMapping("/api/tokens/{name}")
  ResponseEntity<Void> revoke(@PathVariable String name) {
    if (!users.revokeToken(signedIn().username(), name)) {
      throw new MadangException(ErrorCode.NOT_FOUND, "You have no token named '" + name + "'.", Map.of("field", "name"));
    }
    return ResponseEntity.noContent().build();
  }

  private static Viewer signedIn() {
    Viewer viewer = Viewer.current();
    if (!viewer.isSignedIn()) {
      throw new MadangException(ErrorCode.ACCESS_DENIED, "Sign in to manage API tokens.");
    }
    return viewer;
  }
}
