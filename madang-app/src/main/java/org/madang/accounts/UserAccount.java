package org.madang.accounts;

import java.time.OffsetDateTime;
import java.util.Set;

/** A stored user. {@code passwordHash} is a Spring Security encoded hash ({@code {bcrypt}...}). */
public record UserAccount(
    long id,
    String username,
    String passwordHash,
    String displayName,
    String email,
    Long organizationId,
    boolean enabled,
    OffsetDateTime expiresAt,
    Set<Role> roles) {}
