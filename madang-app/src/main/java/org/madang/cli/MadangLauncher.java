package org.madang.cli;

/** The jar's entry point: runs a command and exits, unless the command started the server. */
public final class MadangLauncher {

  private MadangLauncher() {}

  public static void main(String[] args) {
    int exit = MadangCommandLine.run(args);
    if (exit != MadangCommandLine.KEEP_RUNNING) {
      System.exit(exit);
    }
  }
}
