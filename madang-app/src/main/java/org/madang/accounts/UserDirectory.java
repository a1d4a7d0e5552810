package org.madang.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The platform's users and their personal API tokens. Tokens are stored only as SHA-256 hashes. */
@Component
public class UserDirectory {

  private static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{1,99}$");
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String TOKEN_PREFIX = "mdg_";

  private final JdbcClient jdbc;
  private final PasswordEncoder passwordEncoder;

  UserDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
    this.jdbc = jdbc;
    this.passwordEncoder = passwordEncoder;
  }

  public Optional<UserAccount> findByUsername(String username) {
    return jdbc.sql("SELECT id, username, password_hash, display_name, email, organization_id, enabled, expires_at FROM users WHERE username = ?")
        .param(username)
        .query((rs, n) -> new UserAccount(
            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            (Long) rs.getObject(6, Long.class), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class), Set.of()))
        .optional()
        .map(u -> new UserAccount(u.id(), u.username(), u.passwordHash(), u.displayName(), u.email(), u.organizationId(), u.enabled(), u.expiresAt(), rolesOf(u.id())));
  }

  public boolean hasAnyUser() {
    return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single() > 0;
  }

  /** Creates a user; the password is hashed here. */
  @Transactional
  public UserAccount createUser(String username, String password, Set<Role> roles, Long organizationId, String displayName) {
    return createUser(username, password, roles, organizationId, displayName, null);
  }

  /** Creates a user with an e-mail address (may be null); the password is hashed here. */
  @Transactional
  public UserAccount createUser(String username, String password, Set<Role> roles, Long organizationId, String displayName, String email) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new MadangException(ErrorCode.INVALID_NAME, "A username is 2 to 100 lowercase letters, digits, '.', '_' or '-'.", Map.of("field", "username"));
    }
    if (password == null || password.length() < 8) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A password needs at least 8 characters.", Map.of("field", "password"));
    }
    if (roles.isEmpty()) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A user needs at least one role.", Map.of("field", "roles"));
    }
    if (findByUsername(username).isPresent()) {
      throw taken(username);
    }
    try {
      jdbc.sql("INSERT INTO users (username, password_hash, display_name, email, organization_id, enabled, created_at) VALUES (?, ?, ?, ?, ?, TRUE, ?)")
          .params(username, passwordEncoder.encode(password), displayName, email, organizationId, OffsetDateTime.now(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException e) {
      throw taken(username); // another sign-up took the name between the check and the insert
    }
    long id = jdbc.sql("SELECT id FROM users WHERE username = ?").param(username).query(Long.class).single();
    for (Role role : roles) {
      jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role.code()).update();
    }
    return findByUsername(username).orElseThrow();
  }

  private static MadangException taken(String username) {
    return new MadangException(ErrorCode.NAME_TAKEN, "The username '" + username + "' is taken.", Map.of("field", "username"));
  }

  /**
   * Creates a personal API token for a user and returns its secret, which is shown only this once.
   *
   * @param validDays days until it expires, or 0 for no expiry
   */
  @Transactional
  public IssuedToken createToken(String username, String name, int validDays) {
    UserAccount user = findByUsername(username).orElseThrow(() -> new MadangException(ErrorCode.NOT_FOUND, "No user '" + username + "'."));
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new MadangException(ErrorCode.INVALID_ARGUMENT, "A token needs a name of 1 to 100 characters.", Map.of("field", "name"));
    }
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime expires = validDays > 0 ? now.plusDays(validDays) : null;
    jdbc.sql("INSERT INTO api_tokens (user_id, name, token_prefix, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(user.id(), name.strip(), token.substring(0, 10), hash(token), now, expires)
        .update();
    return new IssuedToken(name.strip(), token, expires);
  }

  /** The user a presented token belongs to, if the token is known, unrevoked and unexpired. */
  Optional<UserAccount> findByToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX)) {
      return Optional.empty();
    }
    String h = hash(token);
    Optional<String> username = jdbc.sql(
            "SELECT u.username FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.token_hash = ? AND t.revoked = FALSE AND (t.expires_at IS NULL OR t.expires_at > ?)")
        .params(h, OffsetDateTime.now(ZoneOffset.UTC))
        .query(String.class)
        .optional();
    username.ifPresent(u -> jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?").params(OffsetDateTime.now(ZoneOffset.UTC), h).update());
    return username.flatMap(this::findByUsername);
  }

  /** Revokes the caller's token by name; returns false when there is none. */
  @Transactional
  public boolean revokeToken(String username, String name) {
    return jdbc.sql("UPDATE api_tokens SET revoked = TRUE WHERE name = ? AND user_id = (SELECT id FROM users WHERE username = ?)")
        .params(name, username).update() > 0;
  }

  public List<Map<String, Object>> listTokens(String username) {
    return jdbc.sql("SELECT t.name, t.token_prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked FROM api_tokens t "
            + "JOIN users u ON u.id = t.user_id WHERE u.username = ? ORDER BY t.id")
        .param(username)
        .query((rs, n) -> {
          Map<String, Object> m = new java.util.LinkedHashMap<>();
          m.put("name", rs.getString(1));
          m.put("prefix", rs.getString(2));
          m.put("created_at", rs.getObject(3, OffsetDateTime.class));
          m.put("expires_at", rs.getObject(4, OffsetDateTime.class));
          m.put("last_used_at", rs.getObject(5, OffsetDateTime.class));
          m.put("revoked", rs.getBoolean(6));
          return m;
        })
        .list();
  }

  /** Every account, ordered by username. */
  public List<UserAccount> listUsers() {
    return jdbc.sql("SELECT username FROM users ORDER BY username").query(String.class).list().stream()
        .map(u -> findByUsername(u).orElseThrow()).toList();
  }

  @Transactional
  public void setRoles(long userId, Set<Role> roles) {
    jdbc.sql("DELETE FROM user_roles WHERE user_id = ?").param(userId).update();
    for (Role role : roles) {
      jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(userId, role.code()).update();
    }
  }

  public void setEnabled(long userId, boolean enabled) {
    jdbc.sql("UPDATE users SET enabled = ? WHERE id = ?").params(enabled, userId).update();
  }

  private Set<Role> rolesOf(long userId) {
    List<String> codes = jdbc.sql("SELECT role FROM user_roles WHERE user_id = ?").param(userId).query(String.class).list();
    return codes.isEmpty() ? Set.of() : codes.stream().map(Role::fromCode).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A freshly created token; {@code secret} is not stored and cannot be shown again. */
  public record IssuedToken(String name, String secret, OffsetDateTime expiresAt) {}
}
