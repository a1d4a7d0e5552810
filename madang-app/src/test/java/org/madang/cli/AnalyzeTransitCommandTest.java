package org.madang.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.madang.cli.AnalyzeCommandTest.Run;
import tools.jackson.databind.JsonNode;

/** {@code madang analyze transit} and {@code transit-evaluate} on Mandl's network. */
class AnalyzeTransitCommandTest {

  @TempDir Path dir;

  static String mandl() {
    try {
      return Path.of(AnalyzeTransitCommandTest.class.getResource("/analyses/mandl").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void evaluatesMumfordsFourRouteSetToHisPublishedFigures() throws Exception {
    Path routes = dir.resolve("mumford4.txt");
    Files.writeString(routes, "1-2-3-6-8-10-11-13\n9-15-6-4-12-11-13-14\n14-10-7-15-6-4-2-1\n12-11-10-8-6-4-5-2\n");
    Run r = AnalyzeCommandTest.run("analyze", "transit-evaluate", "--network", mandl(), "--routes-file", routes.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = r.json();
    assertThat(json.path("routes").size()).isEqualTo(4);
    assertThat(json.path("routes").get(0).get(0).asInt()).isEqualTo(1);
    assertThat(json.path("att").doubleValue()).isCloseTo(10.57, within(0.005));
    assertThat(json.path("d0").doubleValue()).isCloseTo(90.43, within(0.005));
    assertThat(json.path("d1").doubleValue()).isCloseTo(9.57, within(0.005));
    assertThat(json.path("d2").doubleValue()).isZero();
    assertThat(json.path("dun").doubleValue()).isZero();
    assertThat(json.path("operator_cost").doubleValue()).isEqualTo(149);
    assertThat(json.has("seconds")).isTrue();
  }

  @Test
  void designsFourRoutesForMandlWithinTheTimeLimit() {
    Run r = AnalyzeCommandTest.run("analyze", "transit", "--network", mandl(), "--routes", "4", "--min-stops", "2",
        "--max-stops", "8", "--seed", "1", "--time-limit", "3");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode json = r.json();
    assertThat(json.path("routes").size()).isEqualTo(4);
    assertThat(json.path("att").doubleValue()).isLessThan(10.7);
    assertThat(json.path("dun").doubleValue()).isZero();
    assertThat(json.path("seconds").doubleValue()).isLessThan(6);
  }

  @Test
  void badInputEndsWithOneSentenceAndExitCodeTwo() throws Exception {
    Run folder = AnalyzeCommandTest.run("analyze", "transit", "--network", dir.resolve("none").toString(), "--routes", "4");
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err().strip().lines()).hasSize(1);
    assertThat(folder.err()).contains("There is no folder at");

    Run tooFew = AnalyzeCommandTest.run("analyze", "transit", "--network", mandl(), "--routes", "1");
    assertThat(tooFew.exit()).isEqualTo(2);
    assertThat(tooFew.err().strip()).isEqualTo("1 connected routes of at most 8 stops cannot cover all 15 nodes.");

    Path routes = dir.resolve("bad.txt");
    Files.writeString(routes, "1-2-3\n1-x\n");
    Run malformed = AnalyzeCommandTest.run("analyze", "transit-evaluate", "--network", mandl(), "--routes-file", routes.toString());
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.err().strip().lines()).hasSize(1);
    assertThat(malformed.err()).contains("bad.txt line 2: \"x\" is not a node id");

    Files.writeString(routes, "1-3\n");
    Run offNetwork = AnalyzeCommandTest.run("analyze", "transit-evaluate", "--network", mandl(), "--routes-file", routes.toString());
    assertThat(offNetwork.exit()).isEqualTo(2);
    assertThat(offNetwork.err().strip()).isEqualTo("Route 1 goes from node 1 to node 3, which no link joins.");
  }
}
