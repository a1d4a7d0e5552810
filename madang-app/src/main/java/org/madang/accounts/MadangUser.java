package org.madang.accounts;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A stored user as Spring Security sees it. */
final class MadangUser implements UserDetails {

  private final UserAccount account;

  MadangUser(UserAccount account) {
    this.account = account;
  }

  Viewer viewer() {
    return new Viewer(account.username(), account.roles(), account.organizationId());
  }

  UserAccount account() {
    return account;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    List<SimpleGrantedAuthority> list = account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    return list;
  }

  @Override
  public String getPassword() {
    return account.passwordHash();
  }

  @Override
  public String getUsername() {
    return account.username();
  }

  @Override
  public boolean isAccountNonExpired() {
    return account.expiresAt() == null || account.expiresAt().isAfter(java.time.OffsetDateTime.now());
  }

  @Override
  public boolean isEnabled() {
    return account.enabled();
  }
}
