package org.madang.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Parses {@code java -jar madang.jar [command] [options]}. Without a command (or with only options) it serves.
 * Errors end the process with a non-zero exit and one plain sentence on standard error, never a stack trace.
 */
@Command(
    name = "madang",
    mixinStandardHelpOptions = true,
    version = "Madang 0.1.0",
    description = "Madang (마당): the open urban data platform.",
    subcommands = {ServeCommand.class, IngestCommand.class, QueryCommand.class, AnalyzeCommand.class})
public final class MadangCommandLine {

  /** Returned by {@link #run} when the server was started and the process must stay alive. */
  public static final int KEEP_RUNNING = Integer.MIN_VALUE;

  private static final Set<String> COMMANDS = Set.of("serve", "ingest", "query", "analyze", "help", "-h", "--help", "-V", "--version");

  private MadangCommandLine() {}

  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    List<String> argv = new ArrayList<>(Arrays.asList(args));
    if (argv.isEmpty() || !COMMANDS.contains(argv.get(0))) {
      argv.add(0, "serve");
    }
    CommandLine cli = new CommandLine(new MadangCommandLine());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println(sentence(e));
          return exitCode(e);
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          e.getCommandLine().getErr().println(e.getMessage() + " (see --help)");
          return 2;
        });
    int code = cli.execute(argv.toArray(String[]::new));
    if (code == 0 && "serve".equals(argv.get(0)) && ServeCommand.started()) {
      return KEEP_RUNNING;
    }
    return code;
  }

  /** The one sentence to print for a failure, found in the exception or its causes. */
  static String sentence(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MadangException m) {
        return m.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && (message.contains("Database may be already in use") || message.contains("Could not set lock on file"))) {
        return "The data directory is in use by another Madang process; stop it or pass --server URL to go through its API.";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return "Madang failed: " + message.lines().findFirst().orElse(message);
  }

  static int exitCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MadangException m) {
        return m.code().type() == ErrorCode.Type.USER || m.code() == ErrorCode.DATA_DIR_LOCKED ? 2 : 1;
      }
    }
    return 1;
  }
}
