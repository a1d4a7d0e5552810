package org.madang.analytics.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.madang.analytics.fixtures.FixtureFiles;

/** Beasley's OR-Library p-median instances, solved to their published optima. */
class OrLibraryPmedianTest {

  private static Map<String, Long> optima() throws IOException {
    return Files.readAllLines(FixtureFiles.path("/orlib/pmedopt_shared.csv")).stream()
        .skip(1)
        .map(line -> line.split(","))
        .collect(Collectors.toMap(p -> p[0], p -> Long.parseLong(p[1].strip())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"pmed1", "pmed2", "pmed3", "pmed4", "pmed5"})
  void solvesSmallInstancesToTheirPublishedOptimum(String name) throws IOException {
    OrLibraryInstance instance = OrLibraryPmedReader.read(FixtureFiles.path("/orlib/" + name + ".txt"));
    PMedianSolution solution = PMedianSolver.solve(instance.problem(), PMedianParameters.of(instance.p()));
    assertThat(solution.objective()).isEqualTo((double) optima().get(name));
    assertThat(solution.facilities()).hasSize(instance.p());
    assertThat(instance.problem().totalWeightedDistance(solution.facilities())).isEqualTo(solution.objective());
    assertThat(solution.lowerBound()).isLessThanOrEqualTo(solution.objective());
    assertThat(solution.seconds()).isLessThan(5);
  }

  @Test
  void readsPmed1WithTheLastOfEachDuplicatedEdge() {
    OrLibraryInstance pmed1 = OrLibraryPmedReader.read(FixtureFiles.path("/orlib/pmed1.txt"));
    assertThat(pmed1.vertexCount()).isEqualTo(100);
    assertThat(pmed1.edgeCount()).isEqualTo(200);
    assertThat(pmed1.p()).isEqualTo(5);
    assertThat(pmed1.distances().distance(0, 1)).isEqualTo(30);
    assertThat(pmed1.distances().distance(7, 7)).isZero();
  }

  @Test
  void theLastOccurrenceOfAnEdgeOverridesEarlierOnesEvenWhenLonger() {
    OrLibraryInstance instance = OrLibraryPmedReader.read("tiny", new StringReader("3 4 1\n1 2 2\n2 3 1\n1 2 9\n1 3 20\n"));
    assertThat(instance.distances().distance(0, 1)).isEqualTo(9);
    assertThat(instance.distances().distance(0, 2)).isEqualTo(10);
    assertThat(instance.distances().distance(2, 0)).isEqualTo(10);
  }

  @Test
  void refusesADisconnectedGraph() {
    assertThatThrownBy(() -> OrLibraryPmedReader.read("split", new StringReader("4 2 1\n1 2 5\n3 4 5\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("split's graph is disconnected: vertex 3 cannot be reached from vertex 1");
  }

  @Test
  void refusesAnEdgeToAVertexThatDoesNotExistAndATruncatedFile() {
    assertThatThrownBy(() -> OrLibraryPmedReader.read("bad", new StringReader("3 1 1\n1 4 5\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad: edge 1 joins vertices 1 and 4, but the vertices are numbered 1 to 3");
    assertThatThrownBy(() -> OrLibraryPmedReader.read("short", new StringReader("3 2 1\n1 2 5\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the file ends before edge 2's first vertex");
  }
}
