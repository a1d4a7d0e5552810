package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One data directory, one engine: a second one, in this process or another, is told the directory is in use. */
class DataDirectoryIsExclusiveTest {

  @TempDir Path dir;

  @Test
  void refusesASecondEngineInThisProcess() {
    try (DataEngine first = SeoulFixtures.open(dir)) {
      MadangException e = catchThrowableOfType(MadangException.class, () -> SeoulFixtures.open(dir));
      assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_LOCKED);
      assertThat(first.listRowCounts()).isEmpty();
    }
    try (DataEngine again = SeoulFixtures.open(dir)) {
      assertThat(again.listRowCounts()).isEmpty();
    }
  }

  @Test
  void refusesWhileAnotherProcessHoldsTheDirectory() throws Exception {
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldDataDirectory.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals(HoldDataDirectory.READY)) {
        // skip logging
      }
      assertThat(line).isEqualTo(HoldDataDirectory.READY);
      MadangException e = catchThrowableOfType(MadangException.class, () -> SeoulFixtures.open(dir));
      assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_LOCKED);
      assertThat(e.getMessage()).isEqualTo("The data directory " + dir.toAbsolutePath().normalize() + " is in use by another Madang process.");
    } finally {
      holder.getOutputStream().close(); // tells the holder to let go
      holder.waitFor(30, TimeUnit.SECONDS);
      holder.destroyForcibly();
    }
    try (DataEngine engine = SeoulFixtures.open(dir)) {
      assertThat(engine.listRowCounts()).isEmpty();
    }
  }
}
