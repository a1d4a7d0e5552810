package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route-set files: one route a line, 1-based ids joined by '-'. */
class RouteSetTest {

  @TempDir
  Path folder;

  @Test
  void readsOneRouteALineSkippingBlankAndCommentLines() throws IOException {
    Path file = folder.resolve("routes.txt");
    Files.writeString(file, "# Mandl 1980\n1-2-3-6\n\n 13-14-10 \r\n");
    RouteSet routes = RouteSet.read(file);
    assertThat(routes.routeCount()).isEqualTo(2);
    assertThat(routes.route(0)).containsExactly(0, 1, 2, 5);
    assertThat(routes.oneBased()).containsExactly(List.of(1, 2, 3, 6), List.of(13, 14, 10));
    assertThat(routes.toString()).isEqualTo("1-2-3-6\n13-14-10");
    assertThat(RouteSet.parse("again", new StringReader(routes.toString()))).isEqualTo(routes);
  }

  @Test
  void namesTheFileLineAndCauseOfAMalformedRoute() {
    assertThatThrownBy(() -> RouteSet.parse("r.txt", new StringReader("1-2\n1-x-3\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("r.txt line 2: \"x\" is not a node id (routes are 1-based node ids joined by '-')");
    assertThatThrownBy(() -> RouteSet.parse("r.txt", new StringReader("7\n")))
        .hasMessage("r.txt line 1: \"7\" is not a route; a route is at least two node ids joined by '-'");
    assertThatThrownBy(() -> RouteSet.parse("r.txt", new StringReader("0-1\n")))
        .hasMessage("r.txt line 1: node id 0 is not valid; node ids start at 1");
    assertThatThrownBy(() -> RouteSet.parse("r.txt", new StringReader("1--2\n")))
        .hasMessage("r.txt line 1: \"\" is not a node id (routes are 1-based node ids joined by '-')");
    assertThatThrownBy(() -> RouteSet.parse("r.txt", new StringReader("\n# nothing\n")))
        .hasMessage("r.txt holds no route");
    assertThatThrownBy(() -> RouteSet.read(folder.resolve("missing.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.txt cannot be read");
  }

  @Test
  void evaluatingARouteOffTheNetworkNamesTheRouteAndNodes() {
    RouteSetEvaluator evaluator = RouteSetEvaluator.of(MandlFixtures.mandl());
    assertThatThrownBy(() -> evaluator.evaluate(RouteSet.parse("r", new StringReader("1-2-3\n1-3\n"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route 2 goes from node 1 to node 3, which no link joins");
    assertThatThrownBy(() -> evaluator.evaluate(RouteSet.parse("r", new StringReader("9-15-16\n"))))
        .hasMessage("route 1 stops at node 16, but the network's nodes are 1 to 15");
  }
}
