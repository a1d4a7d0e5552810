package org.madang.analyses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.madang.MadangProperties;
import org.madang.engine.ErrorCode;
import org.madang.engine.MadangException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one prepared Spark analysis job ({@code job.json}, written by the engine) as a child process: the madang-spark
 * driver in its own JVM, with the Spark jars on its class path and the JVM flags Spark needs on Java 17, or through a
 * Spark distribution's {@code spark-submit} when one is configured. The driver reports on stdout in JSON lines
 * (started, progress, done, error), which become progress and errors here; a cancel kills the driver (and with it the
 * Spark application), and the driver writes its output only when complete, so nothing half-written is left.
 *
 * <p>Why a child process and not Spark in this JVM: Spark's ~50 MB of jars (and their Jackson 2, Netty, Hadoop
 * client) stay out of {@code madang.jar}, a job that runs the driver out of memory cannot take the platform down, and
 * the same driver runs unchanged under {@code spark-submit} on a real cluster. Spark's own {@code SparkLauncher} does
 * this too but needs a Spark distribution's scripts ({@code SPARK_HOME}); the embedded path has only the jars, so the
 * command line is built here.
 *
 * <p>Thread-safe; each {@link #run} owns its process.
 */
public final class SparkSubmission {

  /** The driver's main class in madang-spark. */
  static final String MAIN_CLASS = "org.madang.spark.SparkAnalysisJob";
  private static final String FLAGS_RESOURCE = "org/madang/spark/jvm-flags.txt";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MadangProperties.Spark settings;

  public SparkSubmission(MadangProperties.Spark settings) {
    this.settings = settings;
  }

  /** What the driver last said about its work. */
  public record SparkProgress(String appId, String master, int stage, String stageName, int tasksDone, int tasksTotal, int stagesDone, double fraction) {

    /** For people: "stage 3 (12/40 tasks)". */
    public String phase() {
      return stage < 0 ? "spark: starting" : "spark: stage " + stage + " (" + tasksDone + "/" + tasksTotal + " tasks)";
    }
  }

  /** The master jobs run on unless one is given. */
  public String master() {
    return settings.master();
  }

  /** Whether jobs can be launched: madang-spark's jar and class path are where the settings say (or were found). */
  public boolean available() {
    return settings.sparkSubmit() != null && !settings.sparkSubmit().isBlank() || home().isPresent();
  }

  /** The folder holding {@code madang-spark.jar} and {@code spark-classpath/}, when there is one. */
  Optional<Path> home() {
    List<Path> candidates = new ArrayList<>();
    if (settings.home() != null && !settings.home().isBlank()) {
      candidates.add(Path.of(settings.home()));
    } else {
      candidates.add(Path.of("madang-spark", "target"));
      candidates.add(Path.of("..", "madang-spark", "target"));
      codeLocation().ifPresent(jar -> {
        // madang-app/target/madang.jar → madang-spark/target, as the build leaves them
        Path target = jar.getParent();
        if (target != null && target.getParent() != null && target.getParent().getParent() != null) {
          candidates.add(target.getParent().getParent().resolve("madang-spark").resolve("target"));
        }
      });
    }
    return candidates.stream().map(Path::toAbsolutePath).map(Path::normalize)
        .filter(p -> Files.isRegularFile(p.resolve("madang-spark.jar")) && Files.isDirectory(p.resolve("spark-classpath")))
        .findFirst();
  }

  /**
   * Runs the job to its end. Progress goes to {@code progress} as the driver reports it; when {@code cancelled}
   * answers true the driver is killed and a {@link CancellationException} thrown.
   *
   * @param master the master URL, or null for the configured one
   * @throws MadangException the driver's own error (bad input: INVALID_ARGUMENT naming the field; a cluster that
   *     cannot be reached: EXTERNAL), or INSUFFICIENT_RESOURCES when Spark is not set up here
   */
  public void run(Path jobFile, String master, Consumer<SparkProgress> progress, BooleanSupplier cancelled) {
    String m = master == null || master.isBlank() ? settings.master() : master;
    List<String> command = command(jobFile.toAbsolutePath(), m);
    Path log = jobFile.toAbsolutePath().resolveSibling("driver.log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
    } catch (IOException e) {
      throw new MadangException(ErrorCode.INTERNAL, "Could not start the Spark driver: " + e.getMessage());
    }
    DriverReports reports = new DriverReports(m, progress);
    Thread reader = new Thread(() -> reports.read(process.getInputStream()), "madang-spark-reports");
    reader.setDaemon(true);
    reader.start();
    try {
      while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          kill(process);
          throw new CancellationException();
        }
      }
      reader.join(2000);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new CancellationException();
    }
    int exit = process.exitValue();
    if (exit == 0 && reports.done) {
      return;
    }
    if (cancelled.getAsBoolean()) {
      throw new CancellationException();
    }
    throw failure(exit, reports.error, log);
  }

  /** The driver's command line: spark-submit when configured, else a JVM like this one. */
  List<String> command(Path jobFile, String master) {
    List<String> c = new ArrayList<>();
    if (settings.sparkSubmit() != null && !settings.sparkSubmit().isBlank()) {
      Path home = home().orElseThrow(SparkSubmission::notSetUp);
      c.add(settings.sparkSubmit());
      c.add("--master");
      c.add(master);
      c.add("--driver-memory");
      c.add(settings.driverMemory());
      c.add("--class");
      c.add(MAIN_CLASS);
      List<String> jars = ourJars(home);
      if (!jars.isEmpty()) {
        c.add("--jars");
        c.add(String.join(",", jars));
      }
      c.add(home.resolve("madang-spark.jar").toString());
      c.add(jobFile.toString());
      return c;
    }
    Path home = home().orElseThrow(SparkSubmission::notSetUp);
    c.add(javaCommand());
    c.add("-Xmx" + settings.driverMemory());
    c.addAll(jvmFlags(home.resolve("madang-spark.jar")));
    c.add("-Dspark.master=" + master);
    c.add("-cp");
    c.add(home.resolve("madang-spark.jar") + java.io.File.pathSeparator + home.resolve("spark-classpath") + java.io.File.separator + "*");
    c.add(MAIN_CLASS);
    c.add(jobFile.toString());
    return c;
  }

  /** The non-Spark jars of the class path (our analytics kernels, H3, JTS), which a cluster's executors also need. */
  private static List<String> ourJars(Path home) {
    try (var files = Files.list(home.resolve("spark-classpath"))) {
      return files.map(Path::toString).filter(n -> {
        String f = Path.of(n).getFileName().toString();
        return f.startsWith("madang-") || f.startsWith("h3-") || f.startsWith("jts-");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The flags Spark needs on Java 17, as madang-spark lists them (one per line). */
  static List<String> jvmFlags(Path sparkJar) {
    try (ZipFile zip = new ZipFile(sparkJar.toFile())) {
      var entry = zip.getEntry(FLAGS_RESOURCE);
      if (entry == null) {
        throw new MadangException(ErrorCode.INTERNAL, sparkJar + " has no " + FLAGS_RESOURCE + "; rebuild madang-spark.");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      }
    } catch (IOException e) {
      throw new MadangException(ErrorCode.INTERNAL, "Could not read " + sparkJar + ": " + e.getMessage());
    }
  }

  private static MadangException notSetUp() {
    return new MadangException(ErrorCode.INSUFFICIENT_RESOURCES,
        "Spark is not set up on this server: build madang-spark (mvn package) or set madang.spark.home to the folder holding madang-spark.jar.",
        Map.of("field", "engine"));
  }

  private static MadangException failure(int exit, JsonNode error, Path log) {
    if (error != null) {
      String message = error.path("message").asString("The Spark job failed.");
      ErrorCode code = switch (error.path("code").asString("INTERNAL")) {
        case "INVALID_ARGUMENT" -> ErrorCode.INVALID_ARGUMENT;
        case "EXTERNAL" -> ErrorCode.EXTERNAL;
        case "INSUFFICIENT_RESOURCES" -> ErrorCode.INSUFFICIENT_RESOURCES;
        default -> ErrorCode.INTERNAL;
      };
      String field = error.path("field").asString(null);
      return field == null ? new MadangException(code, message) : new MadangException(code, message, Map.of("field", field));
    }
    return new MadangException(exit == 3 ? ErrorCode.EXTERNAL : ErrorCode.INTERNAL,
        "The Spark driver stopped (exit " + exit + ") without a result" + lastLine(log).map(l -> ": " + l).orElse("."));
  }

  private static Optional<String> lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String l = lines.get(i).strip();
        if (l.contains("Exception") || l.contains("Error")) {
          return Optional.of(l.length() > 300 ? l.substring(0, 300) : l);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .filter(c -> c.endsWith("java"))
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = SparkSubmission.class.getProtectionDomain().getCodeSource();
      String location = source == null ? null : source.getLocation().toString();
      if (location == null) {
        return Optional.empty();
      }
      // inside the Boot jar: jar:nested:/path/madang.jar/!BOOT-INF/classes/!/
      int jar = location.indexOf(".jar");
      String path = location.replaceFirst("^jar:", "").replaceFirst("^nested:", "").replaceFirst("^file:", "");
      if (jar >= 0) {
        path = path.substring(0, path.indexOf(".jar") + 4);
      }
      return Optional.of(Path.of(path));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Reads the driver's JSON lines; anything else on stdout is ignored. */
  private static final class DriverReports {
    private final String master;
    private final Consumer<SparkProgress> progress;
    private volatile String appId;
    volatile boolean done;
    volatile JsonNode error;

    DriverReports(String master, Consumer<SparkProgress> progress) {
      this.master = master;
      this.progress = progress == null ? p -> {} : progress;
    }

    void read(InputStream in) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!line.startsWith("{")) {
            continue;
          }
          JsonNode event;
          try {
            event = JSON.readTree(line);
          } catch (RuntimeException e) {
            continue;
          }
          switch (event.path("event").asString("")) {
            case "started" -> {
              appId = event.path("app_id").asString(null);
              progress.accept(new SparkProgress(appId, event.path("master").asString(master), -1, null, 0, 0, 0, 0));
            }
            case "progress" -> progress.accept(new SparkProgress(appId, master, event.path("stage").asInt(-1), event.path("name").asString(null),
                event.path("tasks_done").asInt(0), event.path("tasks_total").asInt(0), event.path("stages_done").asInt(0),
                event.path("fraction").asDouble(0)));
            case "done" -> done = true;
            case "error" -> error = event;
            default -> { }
          }
        }
      } catch (IOException e) {
        // the process ended; its exit code tells the rest
      }
    }
  }
}
