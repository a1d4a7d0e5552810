package org.madang.accounts;

import java.security.SecureRandom;
import java.util.EnumSet;
import org.madang.MadangProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start (no users yet) creates {@code admin} with the password from {@code MADANG_ADMIN_PASSWORD}, or a
 * generated one printed once to standard output.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final UserDirectory users;
  private final MadangProperties properties;

  AdminBootstrap(UserDirectory users, MadangProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (users.hasAnyUser()) {
      return;
    }
    String password = properties.adminPassword();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      SecureRandom random = new SecureRandom();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      password = sb.toString();
    }
    users.createUser("admin", password, EnumSet.of(Role.ADMIN), null, "Administrator");
    if (generated) {
      // printed, not logged: it must be seen once on the console and not kept in log files
      System.out.println();
      System.out.println("  Madang created the user 'admin' with the password: " + password);
      System.out.println("  It is shown only this once. Set MADANG_ADMIN_PASSWORD to choose it yourself.");
      System.out.println();
    } else {
      log.info("Created the user 'admin' with the password from MADANG_ADMIN_PASSWORD");
    }
  }
}
