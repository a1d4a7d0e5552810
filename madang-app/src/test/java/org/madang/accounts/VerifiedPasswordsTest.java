package org.madang.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

  /** Counts the checks that reach the real (bcrypt) encoder. */
  static final class Counting implements PasswordEncoder {
    final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    final AtomicInteger checks = new AtomicInteger();

    @Override
    public String encode(CharSequence raw) {
      return real.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      checks.incrementAndGet();
      return real.matches(raw, encoded);
    }
  }

  @Test
  void aMatchingPasswordIsCheckedOnceWhileWrongOnesAlwaysPayTheRealCheck() {
    Counting bcrypt = new Counting();
    VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMinutes(5));
    String hash = passwords.encode("correct horse battery");
    for (int i = 0; i < 5; i++) {
      assertThat(passwords.matches("correct horse battery", hash)).isTrue();
    }
    assertThat(bcrypt.checks.get()).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      assertThat(passwords.matches("wrong guess", hash)).isFalse();
    }
    assertThat(bcrypt.checks.get()).isEqualTo(4);
  }

  @Test
  void aNewHashIsNotMatchedByWhatWasRememberedForTheOldOne() {
    Counting bcrypt = new Counting();
    VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMinutes(5));
    String old = passwords.encode("first password");
    assertThat(passwords.matches("first password", old)).isTrue();
    String changed = passwords.encode("second password");
    assertThat(passwords.matches("first password", changed)).isFalse();
    assertThat(passwords.matches("second password", changed)).isTrue();
  }

  @Test
  void aRememberedMatchExpires() throws InterruptedException {
    Counting bcrypt = new Counting();
    VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMillis(50));
    String hash = passwords.encode("short lived secret");
    assertThat(passwords.matches("short lived secret", hash)).isTrue();
    Thread.sleep(120);
    assertThat(passwords.matches("short lived secret", hash)).isTrue();
    assertThat(bcrypt.checks.get()).isEqualTo(2);
  }
}
