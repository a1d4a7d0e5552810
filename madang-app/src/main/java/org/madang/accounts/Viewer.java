package org.madang.accounts;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is asking: a signed-in user with roles and an organization, or an anonymous visitor. Passed to every check of
 * what one may see.
 *
 * @param organizationId the organization a steward or official belongs to, or null
 */
public record Viewer(String username, Set<Role> roles, Long organizationId) {

  private static final Viewer ANONYMOUS = new Viewer("anonymous", Set.of(), null);

  public static Viewer anonymous() {
    return ANONYMOUS;
  }

  /** The viewer of the current request (or CLI run), from Spring Security's context. */
  public static Viewer current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return ANONYMOUS;
    }
    if (auth.getPrincipal() instanceof MadangUser user) {
      return user.viewer();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    auth.getAuthorities().forEach(a -> {
      if (a.getAuthority().startsWith("ROLE_")) {
        try {
          roles.add(Role.valueOf(a.getAuthority().substring(5)));
        } catch (IllegalArgumentException ignored) {
          // authorities that are not Madang roles do not grant anything here
        }
      }
    });
    return new Viewer(auth.getName(), roles, null);
  }

  public boolean isSignedIn() {
    return this != ANONYMOUS && !roles.isEmpty();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  /** A steward of this organization (admins count as stewards of every organization). */
  public boolean stewards(long organization) {
    return isAdmin() || (roles.contains(Role.STEWARD) && organizationId != null && organizationId == organization);
  }
}
