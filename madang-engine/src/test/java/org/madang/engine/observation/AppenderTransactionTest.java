package org.madang.engine.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * What {@link ObservationWriter}'s all-or-nothing group commit rests on: inside an explicit {@code BEGIN TRANSACTION}, the rows of a DuckDB
 * appender, including the chunks it flushes on its own every 2,048 rows, belong to the connection's transaction and
 * go away with a rollback.
 */
class AppenderTransactionTest {

  @Test
  void appendedChunksAreRolledBackWithTheTransaction() throws Exception {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (i INTEGER)");
      s.execute("BEGIN TRANSACTION");
      try (DuckDBAppender appender = c.createAppender("main", "t")) {
        for (int i = 0; i < 10_000; i++) {
          appender.beginRow().append(i).endRow();
        }
        appender.flush();
      }
      s.execute("ROLLBACK");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      s.execute("BEGIN TRANSACTION");
      try (DuckDBAppender appender = c.createAppender("main", "t")) {
        appender.beginRow().append(1).endRow();
      }
      s.execute("COMMIT");
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    }
  }
}
