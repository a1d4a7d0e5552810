package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.madang.DemoCityTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** While a server runs on a data dir, the CLI says so and can go through the server's API with --server. */
@DemoCityTest
class CommandLineAgainstServerTest {

  @LocalServerPort int port;

  @Test
  void localCommandsOnARunningServersDataDirPointToServerUrl() {
    CommandLineTest.Run r = CommandLineTest.run("query", "SELECT 1", "--data-dir", "target/test-data/demo-city");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("A Madang server is already running on " + Path.of("target/test-data/demo-city").toAbsolutePath()
        + "; add --server http://127.0.0.1:" + port + " to go through its API instead.");
  }

  @Test
  void ingestAndQueryGoThroughTheServerApi() throws Exception {
    Path csv = Files.createTempFile("cctv", ".csv");
    Files.writeString(csv, "자치구,대수\n종로구,1619\n중구,1023\n", StandardCharsets.UTF_8);
    String server = "http://127.0.0.1:" + port;
    CommandLineTest.Run ingest = CommandLineTest.run("ingest", csv.toString(), "--dataset", "cli-remote-" + System.nanoTime() % 100000,
        "--organization", "safety", "--server", server, "--password", DemoCityTest.ADMIN_PASSWORD);
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("\"rows\":2");

    CommandLineTest.Run query = CommandLineTest.run("query", "SELECT COUNT(*) AS n FROM cctv_by_district", "--server", server,
        "--password", DemoCityTest.ADMIN_PASSWORD, "--format", "csv");
    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.out().lines()).containsExactly("n", "25");

    CommandLineTest.Run denied = CommandLineTest.run("query", "SELECT 1", "--server", server, "--password", "wrong");
    assertThat(denied.exit()).isNotZero();
    assertThat(denied.err().strip().lines()).hasSize(1);
    Files.delete(csv);
  }
}
