package org.madang.accounts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries a personal API token: {@code Authorization: Bearer mdg_...}, or the bare token
 * in {@code Authorization} as CKAN clients send it. An unknown, revoked or expired token is refused with 401 rather
 * than silently treated as anonymous, so a script notices.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

  private final UserDirectory users;

  ApiTokenFilter(UserDirectory users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String token = null;
    if (header != null) {
      String h = header.strip();
      if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = h.substring(7).strip();
      } else if (h.startsWith(UserDirectory.TOKEN_PREFIX)) {
        token = h;
      }
    }
    if (token != null) {
      Optional<MadangUser> user = users.findByToken(token).map(MadangUser::new).filter(u -> u.isEnabled() && u.isAccountNonExpired());
      if (user.isEmpty()) {
        SecurityConfiguration.writeProblem(response, 401, "Unauthorized", "The API token is unknown, revoked or expired.", false);
        return;
      }
      var auth = UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities());
      SecurityContextHolder.getContext().setAuthentication(auth);
    }
    chain.doFilter(request, response);
  }
}
