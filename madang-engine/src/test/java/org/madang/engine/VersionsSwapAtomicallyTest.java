package org.madang.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each upload is a new version; publishing swaps the current one atomically and keeps the old ones readable. */
class VersionsSwapAtomicallyTest {

  @TempDir Path dir;
  DataEngine engine;

  @BeforeEach
  void open() {
    engine = SeoulFixtures.open(dir.resolve("data"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Path csv(String name, int rows) {
    StringBuilder s = new StringBuilder("구,값\n");
    for (int i = 0; i < rows; i++) {
      s.append("종로구,").append(i).append('\n');
    }
    return SeoulFixtures.write(dir, name, s.toString());
  }

  private StagedVersion stage(String dataset, int version, int rows) {
    return engine.stage(IngestRequest.of(dataset, version, csv(dataset + version + ".csv", rows)), IngestProgress.NONE);
  }

  private long count(String sql) {
    return ((Number) engine.query(sql, 1).rows().get(0).values().iterator().next()).longValue();
  }

  @Test
  void publishingMakesAVersionCurrentAndKeepsThePreviousReadable() {
    StagedVersion v1 = stage("readings", 1, 3);
    assertThat(engine.findCurrentTable("readings")).isEmpty();
    assertThat(v1.tableName()).isEqualTo("versions.\"readings__v1\"");
    v1.publish();
    assertThat(engine.findCurrentTable("readings")).contains("versions.\"readings__v1\"");

    StagedVersion v2 = stage("readings", 2, 5);
    assertThat(count("SELECT count(*) FROM readings")).isEqualTo(3); // staged is not visible
    v2.publish();
    assertThat(count("SELECT count(*) FROM readings")).isEqualTo(5);
    assertThat(count("SELECT count(*) FROM versions.readings__v1")).isEqualTo(3);
    assertThat(engine.read(ReadRequest.firstRows("versions.\"readings__v1\"", 10)).total()).isEqualTo(3);
    assertThat(engine.listRowCounts()).containsEntry("readings", 5L);
    assertThat(engine.describe("readings")).extracting(Column::name).containsExactly("_id", "gu", "gabs", "district_code");
    assertThat(engine.describe("versions.readings__v1")).extracting(Column::label).containsExactly("_id", "구", "값", "district_code");
  }

  @Test
  void discardingLeavesNothingBehind() {
    StagedVersion v1 = stage("readings", 1, 3);
    v1.discard();
    assertThat(count("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'versions'")).isZero();
    try (StagedVersion again = stage("readings", 1, 3)) {
      assertThat(again.rowCount()).isEqualTo(3); // closing without publishing discards
    }
    assertThat(count("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'versions'")).isZero();
  }

  @Test
  void dropsOldVersionsButNotTheCurrentOneWhileOthersExist() {
    stage("readings", 1, 1).publish();
    stage("readings", 2, 2).publish();
    MadangException e = catchThrowableOfType(MadangException.class, () -> engine.dropVersion("readings", 2));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    engine.dropVersion("readings", 1);
    assertThat(catchThrowableOfType(MadangException.class, () -> engine.dropVersion("readings", 1)).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(count("SELECT count(*) FROM readings")).isEqualTo(2);
    engine.dropVersion("readings", 2); // the last one goes with its view
    assertThat(engine.findCurrentTable("readings")).isEmpty();
    assertThat(engine.listRowCounts()).doesNotContainKey("readings");
  }

  @Test
  void dropsAWholeDataset() {
    stage("readings", 1, 1).publish();
    stage("readings", 2, 2).publish();
    stage("other-data", 1, 4).publish();
    engine.dropDataset("readings");
    assertThat(engine.findCurrentTable("readings")).isEmpty();
    assertThat(engine.listRowCounts()).isEqualTo(Map.of("other-data", 4L));
    assertThat(count("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'versions'")).isEqualTo(1);
    MadangException missing = catchThrowableOfType(MadangException.class, () -> engine.describe("readings"));
    assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void uploadsToOneDatasetWaitForEachOther() throws Exception {
    StagedVersion first = stage("readings", 1, 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch started = new CountDownLatch(1);
      Future<StagedVersion> second =
          pool.submit(
              () -> {
                started.countDown();
                return stage("readings", 2, 4);
              });
      started.await();
      Thread.sleep(300);
      assertThat(second).isNotDone(); // waits for the first upload to be published
      first.publish();
      StagedVersion v2 = second.get(30, TimeUnit.SECONDS);
      assertThat(engine.findCurrentTable("readings")).contains("versions.\"readings__v1\"");
      v2.publish();
      assertThat(engine.findCurrentTable("readings")).contains("versions.\"readings__v2\"");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void uploadsToDifferentDatasetsRunSideBySide() throws Exception {
    StagedVersion a = stage("readings", 1, 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      StagedVersion b = pool.submit(() -> stage("other-data", 1, 3)).get(30, TimeUnit.SECONDS);
      b.publish();
      a.publish();
      assertThat(engine.listRowCounts()).isEqualTo(Map.of("readings", 2L, "other-data", 3L));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readersSeeTheOldOrTheNewVersionDuringASwap() throws Exception {
    stage("readings", 1, 10).publish();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<List<Long>> reads =
          pool.submit(
              () -> {
                List<Long> seen = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                  seen.add(count("SELECT count(*) FROM readings"));
                }
                return seen;
              });
      for (int v = 2; v <= 4; v++) {
        stage("readings", v, 10 * v).publish();
      }
      assertThat(reads.get(60, TimeUnit.SECONDS)).isSubsetOf(10L, 20L, 30L, 40L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reopensWithEverythingInPlace() {
    stage("readings", 1, 3).publish();
    engine.close();
    engine = SeoulFixtures.open(dir.resolve("data"));
    assertThat(engine.findCurrentTable("readings")).contains("versions.\"readings__v1\"");
    assertThat(engine.describe("readings")).extracting(Column::label).contains("구", "값");
    assertThat(engine.read(ReadRequest.firstRows("readings", 10)).total()).isEqualTo(3);
  }
}
