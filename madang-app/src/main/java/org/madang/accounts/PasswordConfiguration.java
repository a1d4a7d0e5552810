package org.madang.accounts;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by the web platform and by CLI commands that run without a web server alike. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Duration.ofMinutes(5));
  }
}
