package org.madang.analytics.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mumford's instance files, and every way they can be malformed. */
class MumfordInstanceReaderTest {

  private static final String TRIANGLE = "0 2 Inf\n\n2 0 3\n\nInf 3 0\n";
  private static final String DEMAND = "0 1 2\n1 0 3\n2 3 0\n";

  @TempDir
  Path folder;

  private void write(String name, String text) throws IOException {
    Files.writeString(folder.resolve(name), text);
  }

  @Test
  void readsTheOneInstanceOfAFolderByItsTravelTimesFile() throws IOException {
    write("TinyTravelTimes.txt", TRIANGLE);
    write("TinyDemand.txt", DEMAND);
    write("TinyCoords.txt", "3\n0 0\n1 0\n2 0\n");
    TransitInstance tiny = MumfordInstanceReader.read(folder);
    assertThat(tiny.name()).isEqualTo("Tiny");
    assertThat(tiny.nodeCount()).isEqualTo(3);
    assertThat(tiny.network().linked(0, 2)).isFalse();
    assertThat(tiny.network().linkTime(1, 2)).isEqualTo(3);
    assertThat(tiny.network().shortestTime(0, 2)).isEqualTo(5);
    assertThat(tiny.demand().total()).isEqualTo(12);
  }

  @Test
  void readsMandlFromTheCopiedFiles() {
    TransitInstance mandl = MumfordInstanceReader.read(MandlFixtures.folder(), "Mandl");
    assertThat(mandl.nodeCount()).isEqualTo(15);
    assertThat(mandl.demand().trips(9, 5)).isEqualTo(880);
  }

  @Test
  void namesTheFileLineAndValueOfSomethingThatIsNotANumber() throws IOException {
    write("BadTravelTimes.txt", "0 2 Inf\n2 0 x3\nInf 3 0\n");
    write("BadDemand.txt", DEMAND);
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BadTravelTimes.txt line 2, value 3: \"x3\" is not a number or Inf");
  }

  @Test
  void refusesRaggedAndNonSquareMatrices() throws IOException {
    write("RTravelTimes.txt", "0 2 Inf\n2 0\nInf 3 0\n");
    write("RDemand.txt", DEMAND);
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("RTravelTimes.txt line 2: 2 values where the first row has 3");
    write("RTravelTimes.txt", "0 2 Inf\n2 0 3\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("RTravelTimes.txt line 2: the matrix has 2 rows of 3 values; it must be square");
  }

  @Test
  void refusesInfiniteDemandNegativeTimesAndAsymmetricTimes() throws IOException {
    write("STravelTimes.txt", TRIANGLE);
    write("SDemand.txt", "0 1 Inf\n1 0 3\n2 3 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("SDemand.txt line 1, value 3: \"Inf\" is not allowed here, only finite numbers");
    write("SDemand.txt", DEMAND);
    write("STravelTimes.txt", "0 2 Inf\n2 0 -3\nInf -3 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("STravelTimes.txt line 2, value 3: -3 is negative");
    write("STravelTimes.txt", "0 2 Inf\n2 0 3\nInf 4 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STravelTimes.txt: travel times must be symmetric, but node 2 to node 3 takes 3.0 and the way back 4.0");
  }

  @Test
  void refusesADisconnectedNetwork() throws IOException {
    write("DTravelTimes.txt", "0 2 Inf Inf\n2 0 Inf Inf\nInf Inf 0 1\nInf Inf 1 0\n");
    write("DDemand.txt", "0 1 0 0\n1 0 0 0\n0 0 0 1\n0 0 1 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the network is disconnected: node 3 cannot be reached from node 1");
  }

  @Test
  void refusesDemandForNodesNotInTheNetwork() throws IOException {
    write("XTravelTimes.txt", TRIANGLE);
    write("XDemand.txt", "0 1 2 5\n1 0 3 0\n2 3 0 0\n5 0 0 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XDemand.txt has demand for 4 nodes but XTravelTimes.txt describes a network of 3 nodes");
  }

  @Test
  void refusesAMissingDemandFileACoordsFileOfAnotherSizeAndAFolderWithoutOneInstance() throws IOException {
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("should hold exactly one NAMETravelTimes.txt file, found none");
    write("MTravelTimes.txt", TRIANGLE);
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder)).hasMessageContaining("MDemand.txt is missing");
    write("MDemand.txt", DEMAND);
    write("MCoords.txt", "4\n0 0\n1 0\n2 0\n3 0\n");
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("MCoords.txt describes 4 nodes with 4 coordinate lines, but the network has 3 nodes");
    write("OtherTravelTimes.txt", TRIANGLE);
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder))
        .hasMessageContaining("found [MTravelTimes.txt, OtherTravelTimes.txt]");
  }

  @Test
  void refusesAnEmptyFile() throws IOException {
    write("ETravelTimes.txt", "\n\n");
    write("EDemand.txt", DEMAND);
    assertThatThrownBy(() -> MumfordInstanceReader.read(folder)).hasMessageContaining("ETravelTimes.txt holds no matrix");
  }
}
