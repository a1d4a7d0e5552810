package org.madang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job as the app launches it, a child JVM ({@code java <jvm-flags.txt> -cp ... SparkAnalysisJob job.json}), on bad
 * input and faults: a missing input or a wrong schema is exit 2 with one error event naming the field, an unreachable
 * master is exit 3 within seconds, a killed job leaves no output, and a task that fails once on local[2,3] is retried
 * to the same result. Standard output holds only JSON events.
 */
class SparkJobFaultsTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir static Path dir;
  static Path points;

  @BeforeAll
  static void writePoints() throws IOException {
    StringBuilder csv = new StringBuilder("id,x,y,w\n");
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append(',').append(126.85 + random.nextDouble() * 0.3).append(',').append(37.45 + random.nextDouble() * 0.2).append(',')
          .append(random.nextInt(10)).append('\n');
    }
    points = Files.writeString(dir.resolve("points.csv"), csv.toString());
  }

  record Run(int exit, List<JsonNode> events, List<String> lines, long millis) {

    JsonNode last() {
      return events.get(events.size() - 1);
    }
  }

  static Path job(String name, String input, String columns, String test) throws IOException {
    Path work = Files.createDirectories(dir.resolve(name));
    return Files.writeString(work.resolve("job.json"), """
        {"format": 1, "kind": "aggregate",
         "parameters": {"mode": "points", "by": "h3", "h3_resolution": 8, "weighted": true},
         "inputs": {"input": {"path": "%s", "format": "csv", "columns": %s}},
         "output": "%s", "test": %s}""".formatted(input, columns, work.resolve("output"), test));
  }

  static final String MAPPING = "{\"lon\": \"x\", \"lat\": \"y\", \"value\": \"w\"}";

  static List<String> command(Path jobFile, String master) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try (InputStream flags = SparkAnalysisJob.class.getResourceAsStream("jvm-flags.txt")) {
      new String(flags.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(command::add);
    }
    command.add("-Xmx1g");
    command.add("-Dspark.master=" + master);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SparkAnalysisJob.class.getName());
    command.add(jobFile.toString());
    return command;
  }

  static Run launch(Path jobFile, String master) throws Exception {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command(jobFile, master)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      events.add(JSON.readTree(line));
    }
    return new Run(p.exitValue(), events, lines, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void aMissingInputPathIsExitTwoNamingThePath() throws Exception {
    Run run = launch(job("missing", dir.resolve("no-such-dir/points.csv").toString(), MAPPING, "{}"), "local[1]");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.last().get("event").asString()).isEqualTo("error");
    assertThat(run.last().get("code").asString()).isEqualTo("INVALID_ARGUMENT");
    assertThat(run.last().get("field").asString()).isEqualTo("inputs.input.path");
    assertThat(run.last().get("message").asString()).contains("does not exist");
    assertThat(Files.exists(dir.resolve("missing/output"))).isFalse();
  }

  @Test
  void anInputWithoutTheMappedColumnIsExitTwoNamingTheColumn() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong.csv"), "id,x,w\n1,127.0,3\n");
    Run run = launch(job("schema", wrong.toString(), MAPPING, "{}"), "local[1]");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.last().get("field").asString()).isEqualTo("inputs.input.columns.lat");
    assertThat(run.last().get("message").asString()).contains("has no column 'y'").contains("id, x, w");
  }

  @Test
  void anUnreachableMasterFailsWithinSecondsWithExitThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    long start = System.nanoTime();
    JobFailure failure = org.assertj.core.api.Assertions.catchThrowableOfType(JobFailure.class, () -> SparkAnalysisJob.requireReachable(master));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(SparkAnalysisJob.CONNECT_TIMEOUT_MS + 1000L);
    assertThat(failure.code()).isEqualTo(JobFailure.Code.EXTERNAL);

    Run run = launch(job("unreachable", points.toString(), MAPPING, "{}"), master);
    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.last().get("code").asString()).isEqualTo("EXTERNAL");
    assertThat(run.last().get("field").asString()).isEqualTo("master");
    assertThat(run.lines()).hasSize(1);
    // a JVM start and the check; Spark itself would retry registering with the master for a minute (3 × 20 s)
    assertThat(run.millis()).isLessThan(40_000);
  }

  @Test
  void aKilledJobLeavesNoOutput() throws Exception {
    Path jobFile = job("killed", points.toString(), MAPPING, "{\"task_delay_ms\": 60000}");
    Process p = new ProcessBuilder(command(jobFile, "local[2]")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
        if (line.contains("\"progress\"")) {
          break;
        }
      }
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lines).anyMatch(l -> l.contains("\"started\""));
    assertThat(lines).anyMatch(l -> l.contains("\"progress\""));
    assertThat(Files.exists(dir.resolve("killed/output"))).isFalse();
  }

  @Test
  void aTaskThatFailsOnceIsRetriedToTheSameResult() throws Exception {
    Run failing = launch(job("retried", points.toString(), MAPPING, "{\"fail_first_attempt\": true}"), "local[2,3]");
    assertThat(failing.exit()).as(String.join("\n", failing.lines())).isEqualTo(0);
    assertThat(failing.events()).allMatch(e -> e.has("event"));
    assertThat(failing.events().get(0).get("event").asString()).isEqualTo("started");
    assertThat(failing.events().get(0).get("master").asString()).isEqualTo("local[2,3]");
    assertThat(failing.events()).anyMatch(e -> e.get("event").asString().equals("progress") && e.has("tasks_total") && e.has("fraction"));
    assertThat(failing.last().get("event").asString()).isEqualTo("done");

    Path plain = job("plain", points.toString(), MAPPING, "{}");
    SparkAnalysisJob.execute(LocalSpark.session(), JobFile.read(plain));
    assertThat(rows(dir.resolve("retried/output"))).isEqualTo(rows(dir.resolve("plain/output")));
    assertThat(rows(dir.resolve("plain/output"))).hasSizeGreaterThan(100);
    assertThat(failing.last().get("rows").asLong()).isEqualTo(rows(dir.resolve("plain/output")).size());
  }

  static List<String> rows(Path output) {
    List<String> out = new ArrayList<>();
    for (Row r : LocalSpark.session().read().parquet(output.resolve("rows").toString()).orderBy("key").collectAsList()) {
      out.add(r.toString());
    }
    return out;
  }
}
