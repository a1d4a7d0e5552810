package org.madang.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two ways in. Machine clients ({@code /api/**}, CKAN's {@code /api/3/**}, OGC API, DCAT, actuator) authenticate per
 * request with HTTP Basic or a personal API token and get problem+json errors; browsers use the login form and a
 * session with CSRF protection. Anonymous visitors may read what is public: which datasets a viewer sees is decided
 * per dataset by the catalog, not by URL patterns.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  @Bean
  UserDetailsService userDetailsService(UserDirectory users) {
    return username -> users.findByUsername(username).map(MadangUser::new)
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  @Bean
  DaoAuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(encoder);
    return provider;
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, UserDirectory users) throws Exception {
    http.securityMatcher("/api/**", "/ogc/**", "/catalog.jsonld", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.authenticationEntryPoint(problemEntryPoint()))
        .addFilterBefore(new ApiTokenFilter(users), BasicAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(problemEntryPoint()).accessDeniedHandler(problemAccessDenied()))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
            .requestMatchers("/api/audit").hasAnyRole(Role.STEWARD.name(), Role.ADMIN.name())
            .requestMatchers("/api/sql", "/api/campus/**").authenticated()
            .requestMatchers(HttpMethod.GET, "/api/directives/public").permitAll()
            .requestMatchers("/api/directives/**", "/api/directory/**").authenticated()
            .requestMatchers(HttpMethod.POST, "/api/indicators/*/values", "/api/indicators/recompute").authenticated()
            .requestMatchers(HttpMethod.PUT, "/api/indicators/*").authenticated()
            .requestMatchers(HttpMethod.POST, "/api/feeds/*/observations").hasAnyRole(Role.PUBLISHER.name(), Role.STEWARD.name(), Role.ADMIN.name())
            .requestMatchers(HttpMethod.GET, "/api/feeds/*/quarantine").hasAnyRole(Role.STEWARD.name(), Role.ADMIN.name())
            .requestMatchers(HttpMethod.PUT, "/api/feeds/*").hasRole(Role.ADMIN.name())
            .requestMatchers(HttpMethod.POST, "/api/alerts/*/acknowledge").hasAnyRole(Role.OFFICIAL.name(), Role.STEWARD.name(), Role.ADMIN.name())
            .anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
    http.formLogin(form -> form.loginPage("/login").permitAll().defaultSuccessUrl("/datasets"))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/account/**", "/campus/projects/**", "/campus/review").authenticated()
            .requestMatchers("/office", "/office/**").hasAnyRole(Role.OFFICIAL.name(), Role.ADMIN.name())
            .requestMatchers(HttpMethod.GET, "/directives/api/public", "/directives/texts").permitAll()
            .requestMatchers("/directives", "/directives/**", "/calls", "/calls/**").authenticated()
            .anyRequest().permitAll());
    return http.build();
  }

  private static AuthenticationEntryPoint problemEntryPoint() {
    return (request, response, e) -> writeProblem(response, 401, "Unauthorized",
        "Sign in with HTTP Basic or an API token (Authorization: Bearer mdg_...).", true);
  }

  private static AccessDeniedHandler problemAccessDenied() {
    return (request, response, e) -> writeProblem(response, 403, "Forbidden", "Your roles do not allow this.", false);
  }

  static void writeProblem(HttpServletResponse response, int status, String title, String detail, boolean challenge) throws IOException {
    response.setStatus(status);
    if (challenge) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"madang\"");
    }
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
  }
}
