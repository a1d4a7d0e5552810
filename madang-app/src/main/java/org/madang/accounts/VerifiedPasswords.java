package org.madang.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes, that a password matched its stored hash, so a script that signs every API call with
 * HTTP Basic pays bcrypt (≈70 ms of CPU here) once rather than per request. Only successes are remembered, under an
 * HMAC (random key per process) of the password and the stored hash together: a wrong guess always pays bcrypt, and a
 * changed password (a new hash) is never matched by the old entry. Enabled, expired and roles are still checked on
 * every request by the caller, which loads the account each time.
 */
final class VerifiedPasswords implements PasswordEncoder {

  private static final int MAX_ENTRIES = 10_000;

  private final PasswordEncoder delegate;
  private final long ttlNanos;
  private final byte[] key = new byte[32];
  private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

  VerifiedPasswords(PasswordEncoder delegate, Duration ttl) {
    this.delegate = delegate;
    this.ttlNanos = ttl.toNanos();
    new SecureRandom().nextBytes(key);
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return delegate.encode(rawPassword);
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    if (rawPassword == null || encodedPassword == null) {
      return delegate.matches(rawPassword, encodedPassword);
    }
    String entry = mac(rawPassword, encodedPassword);
    long now = System.nanoTime();
    Long until = verifiedUntil.get(entry);
    if (until != null && until - now > 0) {
      return true;
    }
    boolean matches = delegate.matches(rawPassword, encodedPassword);
    if (matches) {
      if (verifiedUntil.size() >= MAX_ENTRIES) {
        verifiedUntil.values().removeIf(u -> u - now <= 0);
        if (verifiedUntil.size() >= MAX_ENTRIES) {
          verifiedUntil.clear();
        }
      }
      verifiedUntil.put(entry, now + ttlNanos);
    } else if (until != null) {
      verifiedUntil.remove(entry);
    }
    return matches;
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return delegate.upgradeEncoding(encodedPassword);
  }

  private String mac(CharSequence raw, String encoded) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(raw.toString().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      mac.update(encoded.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
