package org.madang.engine.store;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Base64;

/** Turns JDBC values into what JSON can carry: String, Number, Boolean or null. */
public final class JsonValues {

  private JsonValues() {}

  public static Object of(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return d.toString();
      }
      if (n instanceof BigInteger b && b.bitLength() < 64) {
        return b.longValue();
      }
      return n;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof Array a) {
      Object array = a.getArray();
      return array instanceof Object[] objects ? Arrays.toString(objects) : String.valueOf(array);
    }
    return value.toString();
  }
}
