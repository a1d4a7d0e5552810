package org.madang.engine;

import java.nio.file.Path;

/** Opens an engine on a directory and keeps it until its standard input closes: the "other process" of a test. */
final class HoldDataDirectory {

  static final String READY = "holding";

  private HoldDataDirectory() {}

  public static void main(String[] args) throws Exception {
    try (DataEngine engine = SeoulFixtures.open(Path.of(args[0]))) {
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the test to close our input
      }
    }
  }
}
