package org.madang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one Madang application. {@code java -jar madang.jar} starts {@code org.madang.cli.MadangLauncher}, whose
 * commands ({@code serve}, {@code ingest}, {@code query}) start this application; running this class directly serves.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MadangApplication {

  public static void main(String[] args) {
    SpringApplication.run(MadangApplication.class, args);
  }
}
