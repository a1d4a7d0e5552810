package org.madang.cli;

import picocli.CommandLine.Option;

/** How to reach a running server instead of opening the data dir. */
final class RemoteOptions {

  @Option(names = "--server", description = "Go through a running server's API, e.g. http://127.0.0.1:8080.")
  String server;

  @Option(names = "--user", description = "User for --server (default admin).")
  String user;

  @Option(names = "--password", description = "Password for --server (default: $MADANG_PASSWORD).")
  String password;

  @Option(names = "--token", description = "API token for --server (default: $MADANG_TOKEN).")
  String token;
}
