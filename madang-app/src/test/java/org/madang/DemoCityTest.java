package org.madang;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole platform on a random port with the Seoul demo loaded into a fresh data dir, shared by every test class
 * that carries this annotation (Spring caches the context), so the demo loads once per test run. The admin password
 * is {@value #ADMIN_PASSWORD}; e-mail goes to SMTP on 127.0.0.1:{@value #SMTP_PORT}; uploads are limited to 8 MB so the size
 * limit can be tested; cameras on 127.0.0.1 may be requested (the cctv tests' stream fixtures).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "madang.data-dir=./target/test-data/demo-city",
      "madang.admin-password=" + DemoCityTest.ADMIN_PASSWORD,
      "madang.demo=true",
      "madang.ingest.max-upload-bytes=8MB",
      // the cctv tests serve their camera streams on loopback; every other private address stays refused
      "madang.cctv.allowed-private-networks=127.0.0.1/32",
      // directives e-mail departments: tests catch the mail with GreenMail on this port (DirectivesApiTest)
      "spring.mail.host=127.0.0.1",
      "spring.mail.port=" + DemoCityTest.SMTP_PORT,
      "spring.mail.properties.mail.smtp.connectiontimeout=2000",
      "spring.mail.properties.mail.smtp.timeout=2000"
    })
@ContextConfiguration(initializers = FreshDataDir.class)
public @interface DemoCityTest {
  String ADMIN_PASSWORD = "admin-test-password";
  int SMTP_PORT = 3025;
}
