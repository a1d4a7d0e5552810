package org.madang;

import org.madang.cli.MadangCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one Madang application. {@code java -jar madang.jar} runs {@code serve}; the other commands ({@code ingest},
 * {@code query}) are in {@link MadangCommandLine}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MadangApplication {

  public static void main(String[] args) {
    int exit = MadangCommandLine.run(args);
    if (exit != MadangCommandLine.KEEP_RUNNING) {
      System.exit(exit);
    }
  }
}
