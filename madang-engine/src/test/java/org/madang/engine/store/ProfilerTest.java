package org.madang.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.madang.engine.Column;
import org.madang.engine.ColumnProfile;
import org.madang.engine.ColumnProfile.ValueCount;

class ProfilerTest {

  @Test
  void givesNullsBoundsAndExactTopValuesOfTextNumbersAndDates() throws Exception {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      // 3,000 rows: a district name with 3 values (one missing in every 10th row), a unique text id, a number, a date,
      // a column that is always empty and a street with 487 values
      s.execute(
          """
          CREATE TABLE t AS SELECT
            CASE WHEN i % 10 = 0 THEN NULL WHEN i % 3 = 0 THEN '종로구' WHEN i % 3 = 1 THEN '중구' ELSE 'Yongsan-gu' END AS gu,
            'id-' || lpad(CAST(i AS VARCHAR), 5, '0') AS code,
            i % 7 - 2 AS n,
            DATE '2024-01-01' + CAST(i % 40 AS INTEGER) AS d,
            CAST(NULL AS VARCHAR) AS empty,
            'street ' || CAST(i % 487 AS VARCHAR) AS street
          FROM range(1, 3001) r(i)""");
      List<ColumnProfile> profile =
          Profiler.profile(
              c,
              "t",
              List.of(
                  new Column("gu", "gu", "VARCHAR", null),
                  new Column("code", "code", "VARCHAR", null),
                  new Column("n", "n", "BIGINT", null),
                  new Column("d", "d", "DATE", null),
                  new Column("empty", "empty", "VARCHAR", null),
                  new Column("street", "street", "VARCHAR", null)));

      ColumnProfile gu = profile.get(0);
      assertThat(gu.rows()).isEqualTo(3000);
      assertThat(gu.nulls()).isEqualTo(300);
      assertThat(gu.distinctEstimate()).isEqualTo(3);
      // bounds in DuckDB's string order, the same as min() and max() over the rows
      assertThat(gu.min()).isEqualTo("Yongsan-gu");
      assertThat(gu.max()).isEqualTo("중구");
      assertThat(gu.topValues()).containsExactly(new ValueCount("Yongsan-gu", 900), new ValueCount("종로구", 900), new ValueCount("중구", 900));

      ColumnProfile code = profile.get(1);
      assertThat(code.nulls()).isZero();
      assertThat(code.distinctEstimate()).isBetween(2800L, 3000L);
      assertThat(code.min()).isEqualTo("id-00001");
      assertThat(code.max()).isEqualTo("id-03000");
      assertThat(code.topValues()).as("nearly unique: no top values").isEmpty();

      ColumnProfile n = profile.get(2);
      assertThat(n.min()).isEqualTo("-2");
      assertThat(n.max()).isEqualTo("4");
      assertThat(n.topValues()).hasSize(7);
      assertThat(n.topValues().get(0)).isEqualTo(new ValueCount("-1", 429)); // i % 7 = 1 for 429 of 1..3000

      ColumnProfile d = profile.get(3);
      assertThat(d.min()).isEqualTo("2024-01-01");
      assertThat(d.max()).isEqualTo("2024-02-09");
      assertThat(d.topValues()).hasSize(10);

      ColumnProfile empty = profile.get(4);
      assertThat(empty.nulls()).isEqualTo(3000);
      assertThat(empty.min()).isNull();
      assertThat(empty.max()).isNull();
      assertThat(empty.topValues()).isEmpty();

      // a grouped column's distinct count is its number of groups: exact, not a HyperLogLog estimate
      ColumnProfile street = profile.get(5);
      assertThat(street.distinctEstimate()).isEqualTo(487);
      assertThat(street.min()).isEqualTo("street 0");
      assertThat(street.max()).isEqualTo("street 99");
      assertThat(street.topValues()).hasSize(10).allMatch(v -> v.count() == 7); // 3000 = 6 * 487 + 78: 78 values 7 times
    }
  }
}
